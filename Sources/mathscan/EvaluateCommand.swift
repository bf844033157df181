import Evaluation
import Training
import ArgumentParser
import Classification
import Foundation
import InkInput
import Vocabulary

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a symbol classifier on labelled data.",
        discussion: """
        DIR is any source `mathscan train` accepts (InkML folder, bhmsds, MDAS, ImageFolder). \
        --held-out-writers DIR takes only the files of the writers `mathscan train` never uses \
        (HAMEX departNNN and MfrDB UserNNN with NNN odd) from an InkML folder such as CROHME 2016 train. \
        --selection-split DIR... takes the selection split of each source, the files `mathscan train` \
        chooses its epoch on (rendered as train renders them): the figure to choose models on.
        """
    )

    @Option(help: "Labelled data to classify.")
    var data: String?

    @Option(help: "An InkML folder whose held-out writers' symbols are classified (instead of --data).")
    var heldOutWriters: String?

    @Option(parsing: .upToNextOption, help: "Sources whose selection-split symbols are classified (instead of --data), as `mathscan train` measures them.")
    var selectionSplit: [String] = []

    @OptionGroup var modelOptions: ModelOptions

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    @Option(help: "Write the confusion matrix as an SVG picture.")
    var matrix: String?

    @Flag(help: "For InkML data: cut the symbols from simulated phone photos (JPEG) of each expression instead of clean renderings.")
    var photo = false

    @Option(help: "Folder for cached crops.")
    var cache = "/tmp/mathscan-cache"

    @Flag(help: "For InkML data: also read each symbol, rendered alone to a PNG, through the whole recognizer (segmentation, layout, grammar), and compare that accuracy with the classifier's alone.")
    var throughRecognizer = false

    func validate() throws {
        guard [data != nil, heldOutWriters != nil, !selectionSplit.isEmpty].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --data DIR, --held-out-writers DIR or --selection-split DIR...")
        }
        if throughRecognizer && !selectionSplit.isEmpty {
            throw ValidationError("--through-recognizer reads --data or --held-out-writers files, not --selection-split")
        }
        if throughRecognizer && (json || photo || matrix != nil) {
            throw ValidationError("--through-recognizer prints its own text report; leave out --json, --photo and --matrix")
        }
    }

    func run() throws {
        let sources = data.map { [$0] } ?? heldOutWriters.map { [$0] } ?? selectionSplit
        let source = sources.joined(separator: " ")
        if throughRecognizer {
            let files = heldOutWriters != nil
                ? try DataSplitFiles.inkMLFiles(under: [source], part: .heldOut)
                : try BatchInputs.collect([source]).filter { $0.lowercased().hasSuffix(".inkml") }
            guard !files.isEmpty else { throw CommandFailure("\(source): no InkML files") }
            let evaluation = IsolatedSymbolEvaluation(recognizer: try modelOptions.makeRecognizer())
            print(IsolatedSymbolEvaluation.text(evaluation.run(files: files)))
            return
        }
        let classifier = try modelOptions.loadClassifier()
        // One middle pen width for InkML, as train renders its selection split.
        let part: DataSplit.Part? = heldOutWriters != nil ? .heldOut : selectionSplit.isEmpty ? nil : .selection
        let loader = LabeledDataLoader.reporting(classNames: classifier.labels, penWidths: photo ? [] : [3],
                                                 photoShare: photo ? 1 : 0, cacheDirectory: cache,
                                                 parts: part.map { [$0] })
        var crops = LabeledCrops(classNames: classifier.labels)
        for source in sources { crops.append(contentsOf: try loader.load(source)) }
        guard crops.count > 0 else { throw CommandFailure("\(source): no symbols of the \(part == .selection ? "selection split" : "held-out writers")") }
        let clock = ContinuousClock()
        let start = clock.now
        let report = ClassificationReport(classifier: classifier, data: crops)
        let elapsed = clock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
        if let matrix {
            try ConfusionMatrixChart.svg(report).write(toFile: matrix, atomically: true, encoding: .utf8)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(Self.text(report))
            print(String(format: "\nclassified %d crops in %.0f ms (%.3f ms per crop, batches of 256)",
                         report.count, milliseconds, milliseconds / Double(max(report.count, 1))))
        }
    }

    static func text(_ report: ClassificationReport) -> String {
        func percent(_ value: Double) -> String { String(format: "%6.2f", value * 100) }
        var lines = [
            "crops \(report.count)",
            "accuracy \(percent(report.accuracy)) %   top-3 \(percent(report.top3Accuracy)) %",
            "",
            "class    support  precision  recall      F1  specificity",
        ]
        for metrics in report.classes {
            lines.append(metrics.label.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: " %7d", metrics.support)
                + "    \(percent(metrics.precision))  \(percent(metrics.recall))  \(percent(metrics.f1))       \(percent(metrics.specificity))")
        }
        lines += ["", "confusion matrix (rows: true, columns: predicted)"]
        let names = report.labels.map(MathSymbol.display)
        lines.append("      " + names.map { $0.leftPadded(5) }.joined())
        for (name, row) in zip(names, report.confusion) {
            lines.append(name.leftPadded(5) + " " + row.map { String($0).leftPadded(5) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
