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
/// normalisation. `structure-report` measures the layout alone on the true symbols.
struct ExpressionReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expression-report",
        abstract: "Measure the expression recognition rate of a 2-D model on rendered InkML expressions (e.g. the CROHME 2013 test set).")

    @Option(help: "Folder of InkML files, searched recursively.")
    var data: String

    @Option(help: "Only the files of this part of the data split: training, selection or heldOut (default: all). Choose settings on selection.")
    var part: String?

    @Flag(help: "Render photo-like JPEGs instead of clean PNGs.")
    var photo = false

    @Option(help: "Seed of the photo simulation.")
    var seed: UInt64 = 7

    @Flag(help: "List every miss with its reading and truth.")
    var verbose = false

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if let part, DataSplit.Part(rawValue: part) == nil { throw ValidationError("--part must be training, selection or heldOut, not '\(part)'") }
    }

    func run() throws {
        let recognizer = try modelOptions.makeRecognizer()
        guard recognizer.layout != nil else {
            throw CommandFailure("the model reads arithmetic lines only; pass a model trained with --classes crohme (--model FILE)")
        }
        let files: [String]
        do {
            files = try (part.flatMap(DataSplit.Part.init(rawValue:)).map { try DataSplitFiles.inkMLFiles(under: [data], part: $0) }
                ?? BatchInputs.collect([data]).filter { $0.lowercased().hasSuffix(".inkml") }).sorted()
        } catch {
            throw CommandFailure("cannot list --data \(data): \(error)")
        }
        guard !files.isEmpty else { throw CommandFailure("no .inkml files in \(data)") }

        var considered = 0, matched = 0, left = 0
        var tally: [String: Int] = [:]
        for (index, file) in files.enumerated() {
            if index % 50 == 0 { StandardError.write("\(index)/\(files.count) files\r") }
            guard let document = try? InkDocument.parse(InputFiles.readText(file)),
                  let truth = document.truthLaTeX.flatMap(CROHMELaTeX.normalized) else { left += 1; continue }
            considered += 1
            let rendering = photo ? PhotoSimulator.photograph(document, seed: seed &+ UInt64(index)) : InkRenderer.render(document)
            let bytes = photo ? try ImageEncoder.jpeg(rendering.image, quality: 80) : try ImageEncoder.png(rendering.image)
            let page = try? recognizer.recognize(imageBytes: bytes)
            let reading = page?.latex.flatMap(CROHMELaTeX.normalized) ?? ""
            let comparison = StructureEvaluation.compare(reading: reading, truth: truth)
            if comparison.isMatch { matched += 1; continue }
            for problem in comparison.problems { tally[problem, default: 0] += 1 }
            if verbose { print("\(file)\n  read:  \(reading)\n  truth: \(truth)\n  \(comparison.problems.joined(separator: ", "))") }
        }
        guard considered > 0 else { throw CommandFailure("no InkML file with usable truth in \(data)") }
        print(String(format: "%@: expression rate %d / %d = %.2f %%", photo ? "photo-like" : "clean",
                     matched, considered, 100 * Double(matched) / Double(considered)))
        if left > 0 { print("left out: \(left) unreadable or without normalisable truth") }
        print("misses by what differs (a miss may count under several):")
        for (problem, count) in tally.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
            print("  \(problem): \(count)")
        }
    }
}
