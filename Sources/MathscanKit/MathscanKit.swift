// MathscanKit: the runtime in one import — decode → preprocess → classify → grammar → recognize —
// with the shipped model and grammar. The lab (synthesis, training, evaluation) is not part of it.
@_exported import Classification
@_exported import ImageDecoding
@_exported import InkInput
@_exported import MathGrammar
@_exported import Preprocessing
@_exported import Recognition
@_exported import Vocabulary
import Foundation

extension Recognizer {
    /// The recognizer with the model and grammar shipped in MathscanKit's resources.
    public static func shipped(options: Options = Options()) throws -> Recognizer {
        let classifier = try SymbolClassifier(modelBytes: FileContents.read(ShippedResources.url(named: ShippedResources.model)))
        let grammarURL = try ShippedResources.url(named: ShippedResources.grammar)
        let grammar = try Grammar(source: String(decoding: FileContents.read(grammarURL), as: UTF8.self), name: ShippedResources.grammar)
        return Recognizer(classifier: classifier, grammar: grammar, options: options)
    }

    /// The recognizer of 2-D expressions shipped in MathscanKit's resources: the model of CROHME's
    /// 101 classes and the layout grammar; each page is read as one expression, evaluated and
    /// graded by the arithmetic grammar's meanings where it is arithmetic.
    public static func shippedTwoDimensional(options: Options = Options()) throws -> Recognizer {
        let arithmetic = try shipped(options: options)
        let classifier = try SymbolClassifier(modelBytes: FileContents.read(ShippedResources.url(named: ShippedResources.crohmeModel)))
        let layoutURL = try ShippedResources.url(named: ShippedResources.layoutGrammar)
        let layout = try LayoutGrammar(source: String(decoding: FileContents.read(layoutURL), as: UTF8.self), name: ShippedResources.layoutGrammar)
        return Recognizer(classifier: classifier, grammar: arithmetic.reader.grammar, layout: LayoutParser(grammar: layout), options: options)
    }

    /// Recognises a PNG, JPEG or InkML file, told apart by its bytes.
    public func recognize(contentsOf url: URL) throws -> PageReading {
        try recognize(fileContents: FileContents.read(url))
    }
}

/// Reading a whole input file, with a reason a person understands when it cannot be read.
public enum FileContents {
    public static func read(_ url: URL) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw MathscanKitError.unreadableFile(path: url.path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw MathscanKitError.unreadableFile(path: url.path, reason: "is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MathscanKitError.unreadableFile(path: url.path, reason: "cannot be read (permissions)")
        }
        return [UInt8](data)
    }
}
