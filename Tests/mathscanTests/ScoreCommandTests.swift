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
        let set = try makeSet([
            Row(id: "fives", writer: "ann/drawn", tier: "seed16", kind: "drawn", sample: "two-plus-two-five.png"),
            Row(id: "brackets", writer: "bob/photos", tier: "paren", kind: "photo", sample: "minus-brackets.jpg"),
            Row(id: "sheet", writer: "bob/photos", tier: "seed16", kind: "photo", sample: "worksheet-photo-sums.jpg"),
            // Deliberately wrong: the page says 1 + 1 = 2.
            Row(id: "ones", writer: "ann/drawn", tier: "seed16", kind: "drawn", sample: "one-plus-one.png", truth: "1 + 7 = 2"),
            Row(id: "elsewhere", writer: "cid/x", tier: "other", kind: "scan", sample: "two-plus-two.jpg", truth: "9 9"),
        ])
        let outcome = try MathscanProcess.run(["score", "--manifest", set.appendingPathComponent("manifest.tsv").path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("MISS") }, ["MISS ones | truth: 1 + 7 = 2 | read: 1 + 1 = 2"])
        XCTAssertTrue(outcome.stdout.contains("\n  ann/drawn: 1/2\n  bob/photos: 2/2\n"), outcome.stdout)
        XCTAssertFalse(outcome.stdout.contains("cid/x"), "tier other is not scored by default")
        XCTAssertTrue(lines.contains("by kind: drawn 1/2, photo 2/2"), outcome.stdout)
        XCTAssertTrue(lines.contains("by tier: paren 1/1, seed16 2/3"), outcome.stdout)
        XCTAssertTrue(lines.contains("  substitution: 7→1 ×1"), outcome.stdout)
        XCTAssertEqual(lines.last, "\(set.lastPathComponent) (paren,seed16): 3/4 = 0.750 exact; 1/2 writers fully right")

        let shown = try MathscanProcess.run(["score", "--manifest", set.appendingPathComponent("manifest.tsv").path, "--show", "--tier", "other"])
        XCTAssertTrue(shown.stdout.contains("MISS elsewhere | truth: 9 9 | read: 2 + 2 = 4"), shown.stdout)
        XCTAssertTrue(shown.stdout.hasSuffix("(other): 0/1 = 0.000 exact; 0/1 writers fully right\n"), shown.stdout)
    }

    func testItemsAndJSONAndAMissingImage() throws {
        let sheet = try truth(of: "worksheet-photo-sums.jpg")
        var items = sheet.components(separatedBy: " ; ")
        XCTAssertEqual(items.count, 3)
        items[1] = "1 2 9 + 1 3 6 = 2 6 6"
        let set = try makeSet([
            Row(id: "sheet", writer: "ann/grid", tier: "grid", kind: "photo", sample: "worksheet-photo-sums.jpg", truth: items.joined(separator: " ; ")),
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
        XCTAssertEqual(summary["items"] as? [String: Int], ["matched": 2, "total": 4])
        let pages = try XCTUnwrap(summary["page_results"] as? [[String: Any]])
        XCTAssertEqual(pages.map { $0["id"] as? String }, ["sheet", "gone"])
        XCTAssertEqual((pages[0]["errors"] as? [[String: String]])?.map { $0["class"] }, ["substitution"])
        XCTAssertEqual(pages[1]["failure"] as? String, "no image")
        XCTAssertEqual((pages[1]["errors"] as? [[String: String]])?.map { $0["class"] }, ["missing line"])
    }

    func testUnknownTierAndMissingManifestAreRefused() throws {
        let set = try makeSet([Row(id: "fives", writer: "ann", tier: "seed16", kind: "drawn", sample: "two-plus-two-five.png")])
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
