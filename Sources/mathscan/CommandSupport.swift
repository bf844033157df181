import ArgumentParser
import Classification
import Foundation
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
        guard let modelPath = model ?? ShippedResources.url(named: ShippedResources.defaultModel)?.path else {
            throw CommandFailure("the shipped model is missing beside the executable; pass --model FILE")
        }
        guard let grammarPath = grammar ?? ShippedResources.url(named: "grammars/arithmetic.grammar")?.path else {
            throw CommandFailure("the shipped grammar is missing beside the executable; pass --grammar FILE")
        }
        let modelBytes: [UInt8]
        do { modelBytes = try InputFiles.read(modelPath) } catch { throw CommandFailure("\(modelPath): \(error)") }
        let grammarBytes: [UInt8]
        do { grammarBytes = try InputFiles.read(grammarPath) } catch { throw CommandFailure("\(grammarPath): \(error)") }
        do {
            let classifier = try SymbolClassifier(modelBytes: modelBytes)
            let grammar = try Grammar(source: String(decoding: grammarBytes, as: UTF8.self), name: grammarPath)
            return Recognizer(classifier: classifier, grammar: grammar)
        } catch let error as GrammarError {
            throw CommandFailure("\(error)")
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
}

/// Writes to stderr without buffering, so progress and errors interleave correctly with stdout.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
    static var isTerminal: Bool { isatty(fileno(stderr)) != 0 }
}
