import ArgumentParser
import Classification
import Foundation
import InkInput
import MathGrammar
import Recognition

/// A failure the user must act on, printed as one line on stderr.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum InputFiles {
    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure("is a directory, not an image") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot be read (check its permissions)")
        }
        return [UInt8](data)
    }

    /// A whole text file (InkML); callers name the file in their messages.
    static func readText(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// InkML is XML text; everything else is left to the image decoder's magic-byte check.
    static func looksLikeInkML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        return head.contains("<ink")
    }
}

/// The options every recognising command shares.
struct ModelOptions: ParsableArguments {
    @Option(help: "Classifier weights (default: the model shipped with mathscan).")
    var model: String?

    @Option(help: "Grammar file (default: grammars/arithmetic.grammar shipped with mathscan).")
    var grammar: String?

    func makeRecognizer() throws -> Recognizer {
        let classifier = try Self.loadClassifier(model)
        guard let grammarPath = grammar ?? ShippedResources.url(named: "grammars/arithmetic.grammar")?.path else {
            throw CommandFailure("the shipped grammar is missing beside the executable; pass --grammar FILE")
        }
        let source = try InputFiles.readText(grammarPath)
        do {
            return Recognizer(classifier: classifier, grammar: try Grammar(source: source, name: grammarPath))
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// The classifier in `path`, or the one shipped beside the executable.
    static func loadClassifier(_ path: String?) throws -> SymbolClassifier {
        guard let modelPath = path ?? ShippedResources.url(named: ShippedResources.defaultModel)?.path else {
            throw CommandFailure("the shipped model is missing beside the executable; pass --model FILE")
        }
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
        let bytes = try InputFiles.read(path)
        if InputFiles.looksLikeInkML(bytes) {
            return try recognizeTimed(inkML: String(decoding: bytes, as: UTF8.self))
        }
        return try recognizeTimed(imageBytes: bytes)
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
            fflush(stdout)
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// Writes to stderr without buffering, so progress and errors interleave correctly with stdout.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
    static var isTerminal: Bool { isatty(fileno(stderr)) != 0 }
}

/// The InkML files of the held-out writers (`DataSplit`) under some folders, in sorted order.
enum HeldOutWriters {
    static func inkMLFiles(under folders: [String]) throws -> [String] {
        try BatchInputs.collect(folders).filter { file in
            guard file.lowercased().hasSuffix(".inkml"), let text = try? InputFiles.readText(file) else { return false }
            return DataSplit.part(fileName: file, writer: DataSplit.writer(inInkML: text)) == .heldOut
        }
    }
}
