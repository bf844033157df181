import ArgumentParser
import Evaluation
import Foundation
import ImageDecoding
import InkInput
import Synthesis
import Training

/// Issue 15's measure, the way CROHME counts: each InkML expression rendered (clean or
/// photo-like), read by the whole recognizer with a model of CROHME's classes (segmentation,
/// classification, 2-D layout), and its LaTeX compared with the truth after `CROHMELaTeX`
/// normalisation; its symbols are matched to the true ones by their boxes (`SymbolRecall`), as
/// they are and grown by the pen's half width (the fair rule for dots and bars).
/// `structure-report` measures the layout alone on the true symbols.
struct ExpressionReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expression-report",
        abstract: "Measure the expression recognition rate of a 2-D model on rendered InkML expressions (e.g. the CROHME 2013 test set).")

    @Option(help: "Folder of InkML files, searched recursively.")
    var data: String

    @Option(help: "Only the files of this part of the data split: training, selection or heldOut (default: all). Choose settings on selection.")
    var part: DataSplit.Part?

    @Flag(help: "Render photo-like JPEGs instead of clean PNGs.")
    var photo = false

    @Option(help: "Seed of the photo simulation.")
    var seed: UInt64 = 7

    @Flag(help: "List every miss with its reading and truth.")
    var verbose = false

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        let recognizer = try modelOptions.makeRecognizer()
        guard recognizer.layout != nil else {
            throw CommandFailure("the model reads arithmetic lines only; pass a model trained with --classes crohme (--model FILE)")
        }
        let files: [String]
        do {
            files = try BatchInputs.collect([data]).filter { $0.lowercased().hasSuffix(".inkml") }.sorted()
        } catch {
            throw CommandFailure("cannot list --data \(data): \(error)")
        }
        guard !files.isEmpty else { throw CommandFailure("no .inkml files in \(data)") }

        var tally = StructureEvaluation.Tally()
        var symbols = SymbolRecall(), grown = SymbolRecall(margin: InkRenderOptions().penWidth / 2)
        var left = 0, index = 0  // index: the file's place among those of the part (its photo's seed)
        for (position, file) in files.enumerated() {
            if position % 50 == 0 { StandardError.progress("\(position)/\(files.count) files", finished: false) }
            // Each file is read once: its writer decides its part, its ink the expression.
            guard let text = try? InputFiles.readText(file) else { left += part == nil ? 1 : 0; continue }
            if let part, DataSplit.part(fileName: file, writer: DataSplit.writer(inInkML: text)) != part { continue }
            defer { index += 1 }
            guard let document = try? InkDocument.parse(text),
                  let truth = document.truthLaTeX.flatMap(CROHMELaTeX.normalized) else { left += 1; continue }
            let rendering = photo ? PhotoSimulator.photograph(document, seed: seed &+ UInt64(index)) : InkRenderer.render(document)
            let bytes = photo ? try ImageEncoder.jpeg(rendering.image, quality: 80) : try ImageEncoder.png(rendering.image)
            let page = try? recognizer.recognize(imageBytes: bytes)
            let reading = page?.latex.flatMap(CROHMELaTeX.normalized) ?? ""
            let trueSymbols = rendering.symbols.map { SymbolRecall.Symbol(label: $0.symbol.label, box: $0.box) }
            let readSymbols = (page?.lines ?? []).flatMap(\.symbols).map { SymbolRecall.Symbol(label: $0.latex, box: $0.box) }
            symbols.count(truth: trueSymbols, reading: readSymbols)
            let misses = grown.count(truth: trueSymbols, reading: readSymbols)
            let comparison = tally.count(reading: reading, truth: truth)
            if verbose, !comparison.isMatch { print(StructureEvaluation.missLines(file: file, reading: reading, truth: truth, comparison: comparison)) }
            if verbose { misses.forEach { print(Self.missLine($0, file: file)) } }
        }
        StandardError.progress("\(files.count)/\(files.count) files", finished: true)
        guard tally.considered > 0 else { throw CommandFailure("no InkML file with usable truth in \(data)") }
        print("\(photo ? "photo-like" : "clean"): expression rate \(tally.rate)")
        if left > 0 { print("left out: \(left) unreadable or without normalisable truth") }
        tally.problemLines.forEach { print($0) }
        symbols.lines.forEach { print($0) }
        grown.lines.forEach { print($0) }
    }

    /// One unsegmented true symbol (by the grown rule) and what overlaps it most: `unsegmented x [10,4,20,22] in F: nearest 2 [10,4,9,22] IoU 0.41`.
    static func missLine(_ miss: SymbolRecall.Miss, file: String) -> String {
        let box = { (box: Box) in "[\(box.x),\(box.y),\(box.width),\(box.height)]" }
        let nearest = miss.nearest.map { "nearest \($0.label) \(box($0.box)) IoU " + String(format: "%.2f", miss.overlap) } ?? "nothing overlaps"
        return "unsegmented \(miss.truth.label) \(box(miss.truth.box)) in \(file): \(nearest)"
    }
}
