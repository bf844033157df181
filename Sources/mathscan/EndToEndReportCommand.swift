import NeuralNetwork
import MathGrammar
import Training
import Synthesis
import ArgumentParser
import Foundation
import ImageDecoding
import InkInput
import Evaluation
import Recognition

/// Measures the whole pipeline on handwritten expressions with known truth: InkML files, or
/// equations composed from the real symbols of a bank of InkML files, are rendered (clean PNG or
/// photo-like JPEG), recognised from those bytes, and their LaTeX compared with the truth.
/// Misses are sorted by what went wrong first: lines, segmentation, classification, or assembly.
struct EndToEndReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end-to-end-report",
        abstract: "Measure exact LaTeX matches on InkML files with known truth, or on equations composed from their symbols, rendered clean or photo-like.")

    @Option(help: "Folders of InkML files (searched recursively) or InkML files.")
    var data: [String] = []

    @Option(help: "Folders of InkML files (searched recursively) whose held-out writers' files are measured too (DataSplit: HAMEX departNNN and MfrDB UserNNN, NNN odd).")
    var heldOutWriters: [String] = []

    @Option(help: "Folders of InkML files (searched recursively) whose selection-split files are measured too: never trained on, the data to choose thresholds on.")
    var selectionSplit: [String] = []

    @Option(help: "Compose this many random equations from the handwritten symbols of --bank instead.")
    var compose: Int?

    @Option(help: "Folders of InkML files (searched recursively) whose symbols --compose uses.")
    var bank: [String] = []

    @Option(help: "Take --bank symbols only from this part of the data split: training, selection or heldOut.")
    var bankPart: DataSplit.Part?

    @Flag(help: "Render photo-like JPEGs instead of clean PNGs.")
    var photo = false

    @Option(help: "Seed of the composed equations and of the photo simulation.")
    var seed: UInt64 = 7

    @Flag(help: "List every miss.")
    var verbose = false

    @Option(help: "Folder (created when missing) for the image of every miss, named after the expression.")
    var misses: String?

    @Option(help: "Also write each expression's reading confidence and whether it was exact (TSV), for choosing a confidence threshold.")
    var confidences: String?

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if let compose {
            guard compose > 0 else { throw ValidationError("--compose needs a positive count") }
            guard !bank.isEmpty else { throw ValidationError("--compose needs --bank DIR (InkML files to take symbols from)") }
            guard data.isEmpty, heldOutWriters.isEmpty, selectionSplit.isEmpty else {
                throw ValidationError("give either --data / --held-out-writers / --selection-split or --compose, not both")
            }
        } else if data.isEmpty && heldOutWriters.isEmpty && selectionSplit.isEmpty {
            throw ValidationError("give --data DIR (InkML files), --held-out-writers DIR, --selection-split DIR, or --compose N --bank DIR")
        }
    }

    func run() throws {
        let recognizer = try modelOptions.makeRecognizer()
        if let misses {
            do {
                try FileManager.default.createDirectory(atPath: misses, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure("cannot create --misses folder \(misses): \(error.localizedDescription)")
            }
        }
        var tally = MissTally()
        var totalMilliseconds = 0.0
        var confidenceRows = ["expression\tconfidence\texact"]
        try forEachExpression(grammar: recognizer.reader.grammar) { name, index, document, truth in
            let rendering = photo ? PhotoSimulator.photograph(document, seed: seed &+ UInt64(index)) : InkRenderer.render(document)
            let bytes = photo ? try ImageEncoder.jpeg(rendering.image, quality: 80) : try ImageEncoder.png(rendering.image)
            let run = try? recognizer.recognizeTimed(imageBytes: bytes)
            totalMilliseconds += run?.timings.total ?? 0
            let latex = run?.page.latex
            let miss = latex == truth ? nil : MissTally.diagnose(rendering, page: run?.page)
            tally.count(miss)
            confidenceRows.append("\(name)\t\(run?.page.confidence ?? 0)\t\(latex == truth)")
            if miss != nil, let misses {
                let image = URL(fileURLWithPath: misses).appendingPathComponent(URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent + (photo ? ".jpg" : ".png"))
                try? Data(bytes).write(to: image)
            }
            if let miss, verbose {
                print("miss\t\(name)\ttruth: \(truth)\tread: \(latex ?? "nothing")\t\(miss.category.rawValue): \(miss.detail)")
            }
        }
        guard tally.considered > 0 else { throw CommandFailure("no InkML file with arithmetic-only truth in \(data + heldOutWriters + selectionSplit)") }
        if let confidences {
            do {
                try Data((confidenceRows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: confidences))
            } catch {
                throw CommandFailure("cannot write \(confidences): \(error.localizedDescription)")
            }
        }
        let share = 100 * Double(tally.matched) / Double(tally.considered)
        let perImage = String(format: "%.1f", totalMilliseconds / Double(tally.considered))
        let source = compose == nil ? "expressions" : "composed equations"
        print("\(photo ? "photo-like" : "clean"): \(tally.matched) of \(tally.considered) \(source) read exactly "
              + "(\(String(format: "%.1f", share)) %), \(perImage) ms per image")
        tally.summary.forEach { print($0) }
    }

    /// Calls `body` with each expression to measure: a name, its index, the ink and the truth.
    private func forEachExpression(grammar: Grammar, _ body: (String, Int, InkDocument, String) throws -> Void) throws {
        guard let count = compose else {
            let files = try BatchInputs.collect(data).filter { $0.lowercased().hasSuffix(".inkml") }
                + DataSplitFiles.inkMLFiles(under: heldOutWriters, part: .heldOut)
                + DataSplitFiles.inkMLFiles(under: selectionSplit, part: .selection)
            for (index, file) in files.enumerated() {
                guard let document = try? InkDocument.parse(InputFiles.readText(file)),
                      let truth = document.truthLaTeX.flatMap(TruthLaTeX.normalized) else { continue }
                try body(file, index, document, truth)
            }
            return
        }
        let composer = InkComposer(bank: try loadBank())
        let bankCounts = InkSymbolBank.labels.map { "\($0) \(composer.bank.samples(of: $0).count)" }
        print("symbol bank (samples per symbol): " + bankCounts.joined(separator: ", "))
        let missing = InkSymbolBank.labels.filter { composer.bank.samples(of: $0).isEmpty }
        if !missing.isEmpty {
            StandardError.write("note: the bank has no usable \(missing.joined(separator: " ")); equations with them are left out\n")
        }
        var generator = SeededGenerator(seed: seed)
        for index in 0..<count {
            // Draw until the bank can write the equation (at once when it holds every symbol).
            var tokens = RandomEquation.tokens(using: &generator, grammar: grammar), draws = 1
            while let labels = try? InkComposer.symbolLabels(of: tokens), labels.contains(where: missing.contains) {
                guard draws < 10_000 else {
                    throw CommandFailure("the bank \(bank) lacks too many symbols to write equations; pass InkML files with digits and operators")
                }
                tokens = RandomEquation.tokens(using: &generator, grammar: grammar)
                draws += 1
            }
            let document: InkDocument
            do {
                document = try composer.compose(tokens, seed: seed &+ UInt64(index))
            } catch {
                throw CommandFailure("\(error)")
            }
            guard let truth = document.truthLaTeX.flatMap(TruthLaTeX.normalized) else {
                throw CommandFailure("composed truth \(document.truthLaTeX ?? "none") is outside mathscan's vocabulary")
            }
            try body("composed-\(index)", index, document, truth)
        }
    }

    /// The arithmetic symbols of every InkML file under `bank`, each file's writer taken from
    /// its `writer` annotation (the file itself when it has none).
    private func loadBank() throws -> InkSymbolBank {
        var symbolBank = InkSymbolBank()
        for file in try BatchInputs.collect(bank) where file.lowercased().hasSuffix(".inkml") {
            guard let text = try? InputFiles.readText(file), let document = try? InkDocument.parse(text) else { continue }
            let writer = DataSplit.writer(inInkML: text)
            if let bankPart, DataSplit.part(fileName: file, writer: writer) != bankPart { continue }
            symbolBank.add(document, writer: writer ?? file)
        }
        return symbolBank
    }
}

extension DataSplit.Part: ExpressibleByArgument {}
