import ArgumentParser
import Evaluation
import Foundation
import InkInput
import MathGrammar
import MathscanKit
import Training

/// The 2-D parser alone: true symbols of CROHME InkML files laid out and compared with the truth.
struct StructureReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "structure-report",
        abstract: "Measure the 2-D layout parser on the true symbols of InkML files (expression rate after CROHME normalisation).")

    @Option(help: "Folder of InkML files, searched recursively (e.g. the CROHME 2013 test set).")
    var data: String

    @Option(help: "Layout grammar file (default: grammars/layout.grammar shipped with mathscan).")
    var grammar: String?

    @Option(help: "Only the files of this part of the data split: training, selection or heldOut (default: all).")
    var part: DataSplit.Part?

    @Option(help: "Use only the first N files (sorted by path).")
    var limit: Int?

    @Flag(help: "List every miss with its reading and truth.")
    var verbose = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let path = try grammar ?? ModelOptions.shippedPath(ShippedResources.layoutGrammar, option: "--grammar")
        let layout: LayoutGrammar
        do {
            layout = try LayoutGrammar(source: try InputFiles.readText(path), name: path)
        } catch {
            throw CommandFailure("\(error)")
        }
        let parser = LayoutParser(grammar: layout)
        var files: [String]
        do {
            files = try BatchInputs.collect([data]).filter { $0.lowercased().hasSuffix(".inkml") }.sorted()
        } catch {
            throw ValidationError("cannot list --data folder \(data): \(error)")
        }
        if let limit { files = Array(files.prefix(limit)) }
        guard !files.isEmpty else { throw ValidationError("no .inkml files in \(data)") }

        var tally = StructureEvaluation.Tally()
        var unreadable = 0, noTruth = 0
        for file in files {
            let text: String
            do { text = try InputFiles.readText(file) } catch { unreadable += 1; continue }
            if let part, DataSplit.part(fileName: file, writer: DataSplit.writer(inInkML: text)) != part { continue }
            let document: InkDocument
            do { document = try InkDocument.parse(text) } catch {
                StandardError.write("skipped \(file): \(error)\n")
                unreadable += 1
                continue
            }
            guard let truth = document.truthLaTeX.flatMap(CROHMELaTeX.normalized) else { noTruth += 1; continue }
            let reading = (try? parser.parse(StructureEvaluation.placedSymbols(of: document))).flatMap { CROHMELaTeX.normalized($0.latex) } ?? ""
            let comparison = tally.count(reading: reading, truth: truth)
            if verbose, !comparison.isMatch { print(StructureEvaluation.missLines(file: file, reading: reading, truth: truth, comparison: comparison)) }
        }
        guard tally.considered > 0 else { throw CommandFailure("no InkML file with usable truth in \(data)") }
        print("expression rate: \(tally.rate)")
        if noTruth > 0 || unreadable > 0 { print("left out: \(noTruth) without normalisable truth, \(unreadable) unreadable") }
        tally.problemLines.forEach { print($0) }
    }
}
