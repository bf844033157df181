import Evaluation
import ArgumentParser
import Foundation
import ImageDecoding
import InkInput
import Preprocessing

/// Renders InkML files with known symbols, segments the images and scores the result.
struct SegmentationReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segmentation-report", abstract: "Measure segmentation against InkML ground truth.")

    @Option(help: "Folder of InkML files (e.g. the CROHME 2013 test set).")
    var data: String

    @OptionGroup var rendering: RenderingOptions

    @Option(help: "Use only the first N files (sorted by name).")
    var limit: Int?

    @Option(help: "Stack this many consecutive files into one page, one expression per line (a worksheet); symbols must then also land on their own line.")
    var lines = 1

    @Flag(help: "List every file whose segmentation is not exactly right.")
    var verbose = false

    @Option(help: "Save the images of wrongly segmented files, with true (grey) and found (black) boxes, to this folder.")
    var failures: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard lines >= 1 else { throw ValidationError("--lines must be at least 1") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: data)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasSuffix(".inkml") }.sorted()
        } catch {
            throw ValidationError("cannot list --data folder \(data): \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw ValidationError("no .inkml files in \(data)") }
        if let failures { try FileManager.default.createDirectory(atPath: failures, withIntermediateDirectories: true) }
        let chosen = Array(names.prefix(limit ?? names.count))

        var all = Tally(), arithmetic = Tally()
        var unreadable = 0
        var megapixels = 0.0
        let pages = stride(from: 0, to: chosen.count, by: lines).map { Array(chosen[$0..<min($0 + lines, chosen.count)]) }
        for (index, pageNames) in pages.enumerated() {
            var parts: [InkDocument] = []
            for name in pageNames {
                do {
                    let parsed = try InkDocument.parse(try InputFiles.readText(folder.appendingPathComponent(name).path))
                    // Strokes outside every symbol (stray pen taps in the data) have no truth: leave them out.
                    let symbolTraces = Set(parsed.symbols.flatMap(\.traceIDs))
                    parts.append(InkDocument(traces: parsed.traces.filter { symbolTraces.contains($0.id) }, symbols: parsed.symbols, truthLaTeX: parsed.truthLaTeX))
                } catch {
                    FileHandle.standardError.write(Data("skipped \(name): \(error)\n".utf8))
                    unreadable += 1
                }
            }
            guard !parts.isEmpty else { continue }
            let name = pageNames.joined(separator: "+")
            let document = parts.count == 1 ? parts[0] : InkPage.stack(parts)
            // The line of each true symbol: stacking keeps the files' symbols in order.
            let truthLine = parts.enumerated().flatMap { line, part in part.symbols.map { _ in line } }
            var image: GrayImage, truth: [InkRendering.Symbol]
            var decodeMilliseconds: Double?
            let drawn = try rendering.draw(document, index: index)
            (image, truth) = (drawn.rendering.image, drawn.rendering.symbols)
            if let jpeg = drawn.jpeg {
                let start = DispatchTime.now().uptimeNanoseconds
                image = try ImageDecoder.decode(jpeg)
                decodeMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            }
            megapixels += Double(image.width * image.height) / 1e6
            let start = DispatchTime.now().uptimeNanoseconds
            let segmentation = Segmenter.segment(image)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let found = segmentation.glyphs.map(\.box)
            let truthBoxes = truth.map { Box(x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height) }
            let result = BoxMatcher.match(truth: truthBoxes, found: found)
            let foundLine = segmentation.glyphs.map(\.line)
            let linesRight = result.pairs.allSatisfy { truthLine[$0.truth] == foundLine[$0.found] }
            let outcome = Outcome(exact: result.isExact && linesRight, milliseconds: milliseconds, decodeMilliseconds: decodeMilliseconds,
                                  tooMany: found.count > truth.count, tooFew: found.count < truth.count)
            all.add(outcome)
            if parts.allSatisfy({ $0.truthLaTeX.flatMap(TruthLaTeX.normalized) != nil }) { arithmetic.add(outcome) }
            if !outcome.exact {
                if verbose {
                    let missed = result.unmatchedTruth.map { "\(truth[$0].symbol.label)@\(describe(truthBoxes[$0]))" }.joined(separator: " ")
                    let extra = result.unmatchedFound.map { describe(found[$0]) }.joined(separator: " ")
                    let lineNote = linesRight ? "" : " (symbols on the wrong line: \(result.pairs.map { "\(truthLine[$0.truth])→\(foundLine[$0.found])" }))"
                    print("\(name): truth \(truth.count), found \(found.count); missed [\(missed)] extra [\(extra)]\(lineNote)  \(document.truthLaTeX ?? "")")
                }
                if let failures {
                    let marked = Self.overlay(image, truth: truthBoxes, found: found)
                    try Data(try ImageEncoder.png(marked)).write(to: URL(fileURLWithPath: failures).appendingPathComponent(name + ".png"))
                }
            }
        }
        print("pages: \(all.count) of \(lines) line(s); files: \(chosen.count - unreadable) rendered \(rendering.photo ? "photo-like" : "clean"), \(unreadable) unreadable, mean \(String(format: "%.2f", megapixels / Double(max(1, all.count)))) MP")
        print("all files:       \(all.summary)")
        print("arithmetic only: \(arithmetic.summary)")
    }

    private func describe(_ box: Box) -> String { "\(box.x),\(box.y),\(box.width)x\(box.height)" }

    /// The image with true boxes in grey and found boxes in black.
    static func overlay(_ image: GrayImage, truth: [Box], found: [Box]) -> GrayImage {
        var marked = image
        func outline(_ box: Box, _ value: UInt8, inset: Int) {
            let x0 = max(0, box.x - inset), y0 = max(0, box.y - inset)
            let x1 = min(image.width - 1, box.maxX - 1 + inset), y1 = min(image.height - 1, box.maxY - 1 + inset)
            guard x0 <= x1, y0 <= y1 else { return }
            for x in x0...x1 { marked[x, y0] = value; marked[x, y1] = value }
            for y in y0...y1 { marked[x0, y] = value; marked[x1, y] = value }
        }
        truth.forEach { outline($0, 160, inset: 2) }
        found.forEach { outline($0, 0, inset: 1) }
        return marked
    }
}

/// How one file went.
private struct Outcome {
    var exact: Bool
    var milliseconds: Double
    var decodeMilliseconds: Double?
    var tooMany: Bool
    var tooFew: Bool
}

/// Running totals for a set of files.
private struct Tally {
    var count = 0, exact = 0, tooMany = 0, tooFew = 0
    var milliseconds: [Double] = []
    var decodeMilliseconds: [Double] = []

    mutating func add(_ outcome: Outcome) {
        count += 1
        if outcome.exact { exact += 1 }
        if outcome.tooMany { tooMany += 1 }
        if outcome.tooFew { tooFew += 1 }
        milliseconds.append(outcome.milliseconds)
        if let decode = outcome.decodeMilliseconds { decodeMilliseconds.append(decode) }
    }

    var summary: String {
        guard count > 0 else { return "no files" }
        let share = 100 * Double(exact) / Double(count)
        var text = String(format: "%d/%d exactly right (%.1f %%); %d with too many symbols, %d too few; segmentation %.1f ms mean, %.1f ms median",
                          exact, count, share, tooMany, tooFew, milliseconds.reduce(0, +) / Double(count), median(milliseconds))
        if !decodeMilliseconds.isEmpty { text += String(format: "; JPEG decode %.1f ms median", median(decodeMilliseconds)) }
        return text
    }

    private func median(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted()[values.count / 2]
    }
}
