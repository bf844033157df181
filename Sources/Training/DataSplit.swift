import Foundation
import NeuralNetwork

/// The one rule that decides which data trains a model, which chooses among models, and which is
/// never trained on (issue #10), so that reported accuracy on unseen writers is honest.
///
/// - Held out: HAMEX files (writer tag `departNNN`) and MfrDB files (writer tag `UserNNN`) whose
///   writer number NNN is odd. None of their symbols is ever trained on or used for selection.
/// - Selection: of the remaining files, those whose file name (last path component, extension
///   included) has a 64-bit FNV-1a hash ≡ 0 (mod 10). Model and threshold choices (best epoch,
///   early stopping) are made on these, so the figures measured elsewhere are not selection figures.
/// - Training: everything else.
public enum DataSplit {
    public enum Part: String, Sendable, CaseIterable, Comparable {
        case training, selection, heldOut

        public static func < (a: Part, b: Part) -> Bool { a.rawValue < b.rawValue }
    }

    /// The part a file belongs to; `writer` is its `writer` annotation (nil for image files and
    /// InkML files without one).
    public static func part(fileName: String, writer: String?) -> Part {
        if let writer, isHeldOutWriter(writer) { return .heldOut }
        return isSelectionFile(fileName) ? .selection : .training
    }

    /// `depart007` and `User013` are held out, `depart008`, `User012`, `user0`, `103` are not.
    public static func isHeldOutWriter(_ writer: String) -> Bool {
        for prefix in ["depart", "User"] where writer.hasPrefix(prefix) {
            let digits = writer.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let last = digits.last?.wholeNumberValue else {
                return false
            }
            return last % 2 == 1
        }
        return false
    }

    /// Whether a file of the non-held-out data belongs to the selection split. Only the last
    /// path component counts, so the split does not depend on where the data is unpacked.
    public static func isSelectionFile(_ fileName: String) -> Bool {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return FNV1a.hash(name.utf8) % 10 == 0
    }

    /// The writer annotation of InkML text: `<annotation type="writer">103</annotation>` → "103".
    public static func writer(inInkML text: String) -> String? {
        guard let start = text.range(of: "<annotation type=\"writer\">"),
              let end = text.range(of: "</annotation>", range: start.upperBound..<text.endIndex) else { return nil }
        let writer = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return writer.isEmpty ? nil : writer
    }
}
