import Training
import ArgumentParser
import Classification
import Foundation
import InkInput
import MathGrammar
import MathscanKit

/// A failure the user must act on, printed as one line on stderr.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum InputFiles {
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try FileContents.read(URL(fileURLWithPath: path))
        } catch MathscanKitError.unreadableFile(_, let reason) {
            throw CommandFailure(reason)  // callers name the file
        }
    }

    /// A whole text file (InkML); callers name the file in their messages.
    static func readText(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }
}

/// The options every recognising command shares.
struct ModelOptions: ParsableArguments {
    @Option(help: "Classifier weights (default: the model shipped with mathscan).")
    var model: String?

    @Option(help: "Grammar file (default: grammars/arithmetic.grammar shipped with mathscan).")
    var grammar: String?

    @Option(help: ArgumentHelp("Seconds one page may take before it is given up as too slow (pages of noise or thousands of specks); 0 for no limit. (default: 10)", valueName: "seconds"))
    var timeBudget: Double?

    func makeRecognizer() throws -> Recognizer {
        var options = Recognizer.Options()
        if let timeBudget {
            guard timeBudget >= 0, timeBudget.isFinite else { throw CommandFailure("--time-budget must be 0 or more seconds, not \(timeBudget)") }
            options.timeBudget = timeBudget > 0 ? .seconds(timeBudget) : nil
        }
        let classifier = try Self.loadClassifier(model)
        let grammarPath = try grammar ?? Self.shippedPath(ShippedResources.grammar, option: "--grammar")
        let source = try InputFiles.readText(grammarPath)
        do {
            return Recognizer(classifier: classifier, grammar: try Grammar(source: source, name: grammarPath), options: options)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    private static func shippedPath(_ name: String, option: String) throws -> String {
        do {
            return try ShippedResources.url(named: name).path
        } catch {
            throw CommandFailure("\(error); or pass \(option) FILE")
        }
    }

    /// The classifier in `path`, or the one shipped beside the executable.
    static func loadClassifier(_ path: String?) throws -> SymbolClassifier {
        let modelPath = try path ?? shippedPath(ShippedResources.model, option: "--model")
        let bytes: [UInt8]
        do { bytes = try InputFiles.read(modelPath) } catch { throw CommandFailure("\(modelPath): \(error)") }
        do {
            return try SymbolClassifier(modelBytes: bytes)
        } catch {
            throw CommandFailure("\(modelPath): \(error)")
        }
    }
}

extension Recognizer {
    /// Reads one input file (PNG, JPEG or InkML) and recognises it.
    func run(file path: String) throws -> Run {
        try recognizeTimed(fileContents: InputFiles.read(path))
    }

    /// Recognises `files` in input order and prints `describe(file, run)` for each. A file that
    /// fails prints `failureLine(file, message)` when given (the JSON modes) and a message on
    /// stderr, and the others go on; exit status 1 when any failed.
    func report(_ files: [String], failureLine: ((String, String) -> String)?,
                describe: (String, Run) throws -> String) throws {
        var failures = 0
        for file in files {
            do {
                print(try describe(file, try run(file: file)))
            } catch {
                failures += 1
                if let failureLine { print(failureLine(file, "\(error)")) }
                StandardError.write("mathscan: \(file): \(error)\n")
            }
            fflush(nil)  // every stream: results appear as each file is done
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// Writes to stderr without buffering, so progress and errors interleave correctly with stdout.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// The InkML files of the held-out writers (`DataSplit`) under some folders, in sorted order.
/// The InkML files under some folders that belong to one part of the `DataSplit`.
enum DataSplitFiles {
    static func inkMLFiles(under folders: [String], part: DataSplit.Part) throws -> [String] {
        try BatchInputs.collect(folders).filter { file in
            guard file.lowercased().hasSuffix(".inkml"), let text = try? InputFiles.readText(file) else { return false }
            return DataSplit.part(fileName: file, writer: DataSplit.writer(inInkML: text)) == part
        }
    }
}

extension LabeledDataLoader {
    /// A loader that reports on standard error: a line per source, and a count of files that is
    /// redrawn in place.
    static func reporting(classNames: [String], penWidths: [Double], photoShare: Double = 0, cacheDirectory: String?,
                          parts: Set<DataSplit.Part>?) -> LabeledDataLoader {
        var loader = LabeledDataLoader(classNames: classNames, penWidths: penWidths, photoShare: photoShare,
                                       cacheDirectory: cacheDirectory, parts: parts)
        loader.log = { StandardError.write($0 + "\n") }
        loader.progress = { source, done, total in
            StandardError.write("\r\(source): \(done)/\(total) files" + (done == total ? "\n" : ""))
        }
        return loader
    }
}
