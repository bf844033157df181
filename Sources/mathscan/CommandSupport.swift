import Training
import ArgumentParser
import Classification
import Foundation
import Vocabulary
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

    @Option(help: "Without --model: the shipped model of these classes, arithmetic (lines of arithmetic, evaluated and graded) or crohme (CROHME's 101 classes: each page read as one 2-D expression with scripts, fractions and roots, evaluated and graded where arithmetic, else printed only).")
    var classes = "arithmetic"

    @Option(help: "Grammar file (default: grammars/arithmetic.grammar shipped with mathscan).")
    var grammar: String?

    @Option(help: "2-D layout grammar, used when the model knows more than arithmetic (trained with --classes crohme): each page is then read as one expression with scripts, fractions and roots (default: grammars/layout.grammar shipped with mathscan).")
    var layoutGrammar: String?

    @Option(help: ArgumentHelp("Seconds one page may take before it is given up as too slow (pages of noise or thousands of specks); 0 for no limit. (default: 10)", valueName: "seconds"))
    var timeBudget: Double?

    func makeRecognizer() throws -> Recognizer {
        var options = Recognizer.Options()
        if let timeBudget {
            guard timeBudget >= 0, timeBudget.isFinite else { throw CommandFailure("--time-budget must be 0 or more seconds, not \(timeBudget)") }
            options.timeBudget = timeBudget > 0 ? .seconds(timeBudget) : nil
        }
        let classifier = try loadClassifier()
        let grammarPath = try grammar ?? Self.shippedPath(ShippedResources.grammar, option: "--grammar")
        let source = try InputFiles.readText(grammarPath)
        do {
            return Recognizer(classifier: classifier, grammar: try Grammar(source: source, name: grammarPath),
                              layout: try layoutParser(for: classifier), options: options)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// The 2-D parser for a model with classes beyond arithmetic (letters, relations, roots…);
    /// nil for an arithmetic model, whose pages are read as lines.
    private func layoutParser(for classifier: SymbolClassifier) throws -> LayoutParser? {
        guard !Set(classifier.labels).isSubset(of: MathSymbol.classes) else { return nil }
        let path = try layoutGrammar ?? Self.shippedPath(ShippedResources.layoutGrammar, option: "--layout-grammar")
        return LayoutParser(grammar: try LayoutGrammar(source: try InputFiles.readText(path), name: path))
    }

    static func shippedPath(_ name: String, option: String) throws -> String {
        do {
            return try ShippedResources.url(named: name).path
        } catch {
            throw CommandFailure("\(error); or pass \(option) FILE")
        }
    }

    /// The classifier of `--model`, or the shipped one of `--classes`.
    func loadClassifier() throws -> SymbolClassifier {
        guard let shipped = Self.shippedModels[classes] else {
            throw CommandFailure("unknown --classes '\(classes)'; known: \(Self.shippedModels.keys.sorted().joined(separator: ", "))")
        }
        return try Self.loadClassifier(model, shipped: shipped)
    }

    /// The shipped model of each `--classes`.
    static let shippedModels = ["arithmetic": ShippedResources.model, "crohme": ShippedResources.crohmeModel]

    /// The classifier in `path`, or the one shipped beside the executable.
    private static func loadClassifier(_ path: String?, shipped: String) throws -> SymbolClassifier {
        let modelPath = try path ?? shippedPath(shipped, option: "--model")
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

    /// Recognises `files`, `jobs` at once, and prints `describe(file, run)` for each in input
    /// order, as soon as it and every file before it are done. A file that fails prints
    /// `failureLine(file, message)` when given (the JSON modes) and a message on stderr, and the
    /// others go on; exit status 1 when any failed. `describe` runs on the worker threads.
    func report(_ files: [String], jobs: Int, failureLine: ((String, String) -> String)?,
                describe: (String, Run) throws -> String) throws {
        let printer = OrderedPrinter(count: files.count)
        let queue = WorkQueue(count: files.count)
        // Both only format text (and write a file per input): safe on several threads at once.
        nonisolated(unsafe) let describe = describe, failureLine = failureLine
        // A page's classification also spreads over the cores the other workers leave free.
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, files.count))) { _ in
            while let index = queue.next() {
                let file = files[index]
                do {
                    printer.put(index, .line(try describe(file, try run(file: file))))
                } catch {
                    printer.put(index, .failure(file: file, line: failureLine?(file, "\(error)"), message: "\(error)"))
                }
            }
        }
        if printer.failures > 0 { throw ExitCode(1) }
    }
}

/// Prints the results of worker threads in input order: each waits in its slot until every
/// earlier one has been printed, then goes out at once (stdout and stderr flushed).
final class OrderedPrinter: @unchecked Sendable {
    enum Outcome {
        case line(String)
        case failure(file: String, line: String?, message: String)
    }

    private let lock = NSLock()
    private var slots: [Outcome?]
    private var printed = 0
    private var failureCount = 0

    init(count: Int) { slots = [Outcome?](repeating: nil, count: count) }

    func put(_ index: Int, _ outcome: Outcome) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = outcome
        while printed < slots.count, let ready = slots[printed] {
            slots[printed] = nil
            printed += 1
            switch ready {
            case .line(let text):
                print(text)
            case .failure(let file, let line, let message):
                failureCount += 1
                if let line { print(line) }
                StandardError.write("mathscan: \(file): \(message)\n")
            }
            fflush(nil)  // every stream: results appear as each file is done
        }
    }

    var failures: Int {
        lock.lock(); defer { lock.unlock() }
        return failureCount
    }
}

/// Writes to stderr without buffering, so progress and errors interleave correctly with stdout.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A count redrawn in place on a terminal; a log gets only the last one, as a line.
    static func progress(_ text: String, finished: Bool) {
        if isTerminal {
            write("\r" + text + (finished ? "\n" : ""))
        } else if finished {
            write(text + "\n")
        }
    }
}

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
    /// A loader that reports on standard error: a line per source, and a count of files (redrawn
    /// in place on a terminal).
    static func reporting(classNames: [String], penWidths: [Double], photoShare: Double = 0, cacheDirectory: String?,
                          parts: Set<DataSplit.Part>?) -> LabeledDataLoader {
        var loader = LabeledDataLoader(classNames: classNames, penWidths: penWidths, photoShare: photoShare,
                                       cacheDirectory: cacheDirectory, parts: parts)
        loader.log = { StandardError.write($0 + "\n") }
        loader.progress = { source, done, total in
            StandardError.progress("\(source): \(done)/\(total) files", finished: done == total)
        }
        return loader
    }
}
