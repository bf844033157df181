import Foundation
import XCTest

/// `mathscan score` on a tiny manifest built here from committed samples, their truth taken
/// from the samples' `.expected` files, plus rows that must count as misses.
final class ScoreCommandTests: XCTestCase {
    private let samples = MathscanProcess.repository.appendingPathComponent("samples")

    private struct Row {
        var id, writer, tier, kind, sample: String
        /// nil: the sample's own truth.
        var truth: String?
    }

    /// A sample's `.expected` LaTeX in manifest tokens, written independently of the scorer:
    /// commands whole, every other character its own token, lines joined with ` ; `.
    private func truth(of sample: String) throws -> String {
        let expected = samples.appendingPathComponent(sample).deletingPathExtension().appendingPathExtension("expected")
        return try String(contentsOf: expected, encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }.map { row in
            let latex = row.components(separatedBy: " | ")[0]
            return latex.split(separator: " ").flatMap { $0.hasPrefix("\\") ? [String($0)] : $0.map(String.init) }.joined(separator: " ")
        }.joined(separator: " ; ")
    }

    /// Samples that read right (no recorded known failure) with `lines` lines of writing (or
    /// at least 2 when `lines` is nil), in name order, filtered by extension.
    private func readableSamples(_ pathExtension: String?, lines: Int?) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted().filter { name in
            let url = samples.appendingPathComponent(name)
            guard ["png", "jpg"].contains(url.pathExtension), pathExtension == nil || url.pathExtension == pathExtension,
                  !FileManager.default.fileExists(atPath: url.deletingPathExtension().appendingPathExtension("known-failure").path)
            else { return false }
            let count = try truth(of: name).components(separatedBy: " ; ").count
            return lines.map { count == $0 } ?? (count >= 2)
        }
    }

    /// `truth` with its last digit changed: one substitution, `changed→original`.
    private func withOneDigitChanged(_ truth: String) throws -> (truth: String, original: String, changed: String) {
        var tokens = truth.components(separatedBy: " ")
        let index = try XCTUnwrap(tokens.lastIndex { Int($0) != nil }, truth)
        let original = tokens[index]
        let changed = String(((Int(original) ?? 0) + 1) % 10)
        tokens[index] = changed
        return (tokens.joined(separator: " "), original, changed)
    }

    /// A folder holding `manifest.tsv` and `images/<id>.<ext>`; images named with `imageExtension`
    /// whatever their format, since the format is read from the bytes. Rows without a sample
    /// have no image.
    private func makeSet(_ rows: [Row], imageExtension: String = "img") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mathscan-score-\(UUID().uuidString)")
        let images = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        var manifest = "id\trepo\tpath\tcommit\ttier\tkind\ttruth\tnotes\n"
        for row in rows {
            let truth = try row.truth ?? self.truth(of: row.sample)
            manifest += "\(row.id)\t\(row.writer)\tsamples/\(row.sample)\t-\t\(row.tier)\t\(row.kind)\t\(truth)\ttest row\n"
            guard !row.sample.isEmpty else { continue }
            try FileManager.default.copyItem(at: samples.appendingPathComponent(row.sample),
                                             to: images.appendingPathComponent("\(row.id).\(imageExtension)"))
        }
        try manifest.write(to: folder.appendingPathComponent("manifest.tsv"), atomically: true, encoding: .utf8)
        return folder
    }

    func testCountsExactPagesPerWriterKindAndTierAndAWrongTruthIsAMiss() throws {
        let pngs = try readableSamples("png", lines: 1), jpgs = try readableSamples("jpg", lines: 1)
        let sheet = try XCTUnwrap(try readableSamples(nil, lines: nil).first, "a sample of several lines that reads right")
        XCTAssertGreaterThanOrEqual(pngs.count, 2)
        XCTAssertGreaterThanOrEqual(jpgs.count, 2)
        let ones = try truth(of: pngs[1])
        let wrong = try withOneDigitChanged(ones)
        let set = try makeSet([
            Row(id: "fives", writer: "ann/drawn", tier: "seed16", kind: "drawn", sample: pngs[0]),
            Row(id: "brackets", writer: "bob/photos", tier: "paren", kind: "photo", sample: jpgs[0]),
            Row(id: "sheet", writer: "bob/photos", tier: "seed16", kind: "photo", sample: sheet),
            // Deliberately wrong: one digit of the truth changed.
            Row(id: "ones", writer: "ann/drawn", tier: "seed16", kind: "drawn", sample: pngs[1], truth: wrong.truth),
            Row(id: "elsewhere", writer: "cid/x", tier: "other", kind: "scan", sample: jpgs[1], truth: "9 9"),
        ])
        let outcome = try MathscanProcess.run(["score", "--manifest", set.appendingPathComponent("manifest.tsv").path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("MISS") }, ["MISS ones | truth: \(wrong.truth) | read: \(ones)"])
        XCTAssertTrue(outcome.stdout.contains("\n  ann/drawn: 1/2\n  bob/photos: 2/2\n"), outcome.stdout)
        XCTAssertFalse(outcome.stdout.contains("cid/x"), "tier other is not scored by default")
        XCTAssertTrue(lines.contains("by kind: drawn 1/2, photo 2/2"), outcome.stdout)
        XCTAssertTrue(lines.contains("by tier: paren 1/1, seed16 2/3"), outcome.stdout)
        XCTAssertTrue(lines.contains("  substitution: \(wrong.changed)→\(wrong.original) ×1"), outcome.stdout)
        XCTAssertEqual(lines.last, "\(set.lastPathComponent) (paren,seed16): 3/4 = 0.750 exact; 1/2 writers fully right")

        let shown = try MathscanProcess.run(["score", "--manifest", set.appendingPathComponent("manifest.tsv").path, "--show", "--tier", "other"])
        XCTAssertTrue(shown.stdout.contains("MISS elsewhere | truth: 9 9 | read: \(try truth(of: jpgs[1]))"), shown.stdout)
        XCTAssertTrue(shown.stdout.hasSuffix("(other): 0/1 = 0.000 exact; 0/1 writers fully right\n"), shown.stdout)
    }

    func testItemsAndJSONAndAMissingImage() throws {
        let sample = try XCTUnwrap(try readableSamples(nil, lines: nil).first, "a sample of several lines that reads right")
        var items = try truth(of: sample).components(separatedBy: " ; ")
        items[1] = try withOneDigitChanged(items[1]).truth
        let set = try makeSet([
            Row(id: "sheet", writer: "ann/grid", tier: "grid", kind: "photo", sample: sample, truth: items.joined(separator: " ; ")),
            Row(id: "gone", writer: "ann/grid", tier: "grid", kind: "photo", sample: "", truth: "1 = 1"),
        ], imageExtension: "png")
        let outcome = try MathscanProcess.run(["score", "--manifest", set.appendingPathComponent("manifest.tsv").path,
                                               "--images", set.appendingPathComponent("images").path,
                                               "--tier", "grid", "--items", "--json"])
        XCTAssertEqual(outcome.status, 1, "a page without its image is a failure")
        XCTAssertTrue(outcome.stderr.contains("gone"), outcome.stderr)
        let summary = try XCTUnwrap(outcome.jsonLines.first, outcome.stdout)
        XCTAssertEqual(summary["pages"] as? Int, 2)
        XCTAssertEqual(summary["exact"] as? Int, 0)
        XCTAssertEqual(summary["items"] as? [String: Int], ["matched": items.count - 1, "total": items.count + 1])
        let pages = try XCTUnwrap(summary["page_results"] as? [[String: Any]])
        XCTAssertEqual(pages.map { $0["id"] as? String }, ["sheet", "gone"])
        XCTAssertEqual((pages[0]["errors"] as? [[String: String]])?.map { $0["class"] }, ["substitution"])
        XCTAssertEqual(pages[1]["failure"] as? String, "no image")
        XCTAssertEqual((pages[1]["errors"] as? [[String: String]])?.map { $0["class"] }, ["missing line"])
    }

    func testUnknownTierAndMissingManifestAreRefused() throws {
        let set = try makeSet([Row(id: "fives", writer: "ann", tier: "seed16", kind: "drawn", sample: try XCTUnwrap(try readableSamples("png", lines: 1).first))])
        let manifest = set.appendingPathComponent("manifest.tsv").path
        let noTier = try MathscanProcess.run(["score", "--manifest", manifest, "--tier", "grid"])
        XCTAssertEqual(noTier.status, 1)
        XCTAssertTrue(noTier.stderr.contains("no rows of tier grid"), noTier.stderr)
        XCTAssertEqual(try MathscanProcess.run(["score", "--manifest", manifest, "--tier", ","]).status, 2)
        let missing = try MathscanProcess.run(["score", "--manifest", set.appendingPathComponent("none.tsv").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("none.tsv"), missing.stderr)
    }
}
