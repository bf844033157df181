import Foundation
import MathGrammar
import Vocabulary

/// How one problem of a worksheet is marked.
public enum ItemVerdict: String, Sendable, Equatable, CaseIterable, Codable {
    /// ✓: the answer is right (the item's own `=` holds, or it equals the key's answer).
    case right
    /// ✗: the answer is wrong.
    case wrong
    /// ?: the reading is not confident enough to mark, or does not parse: for the teacher to look at.
    case uncertain
    /// The problem is there but has no answer (it ends in `=`, or the key's item is not on the page).
    case blank
    /// Nothing to mark: an expression without `=` and no key for it.
    case ungraded

    public var mark: String {
        switch self {
        case .right: return "✓"
        case .wrong: return "✗"
        case .uncertain: return "?"
        case .blank: return "blank"
        case .ungraded: return "·"
        }
    }
}

/// The expected answers of a worksheet, by item number: `key.tsv`, one `number<TAB>answer` a
/// line (`#` comments and blank lines skipped). An answer is a number (`18`, `0.5`, `1/3`).
public struct AnswerKey: Sendable, Equatable {
    public var answers: [(number: String, text: String, value: Rational)]

    public static func == (a: AnswerKey, b: AnswerKey) -> Bool {
        a.answers.map(\.number) == b.answers.map(\.number) && a.answers.map(\.value) == b.answers.map(\.value)
    }

    public init(parsing text: String) throws {
        answers = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, !fields[0].isEmpty else {
                throw WorksheetError.badKey(line: index + 1, reason: "expected an item number, a tab and the answer")
            }
            let number = fields[0].hasSuffix(")") || fields[0].hasSuffix(".") ? String(fields[0].dropLast()) : fields[0]
            guard let value = Self.number(fields[1]) else {
                throw WorksheetError.badKey(line: index + 1, reason: "'\(fields[1])' is not a number (write 18, 0.5 or 1/3)")
            }
            if answers.contains(where: { $0.number == number }) {
                throw WorksheetError.badKey(line: index + 1, reason: "item \(number) is listed twice")
            }
            answers.append((number, fields[1], value))
        }
    }

    public func expected(_ number: String) -> (text: String, value: Rational)? {
        answers.first { $0.number == number }.map { ($0.text, $0.value) }
    }

    /// A decimal (`-0.5`) or a fraction of two integers (`1/3`).
    static func number(_ text: String) -> Rational? {
        let compact = text.filter { !$0.isWhitespace }
        let parts = compact.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let a = Rational(decimal: String(parts[0])), let b = Rational(decimal: String(parts[1])) else { return nil }
            return a.divided(by: b)
        }
        return Rational(decimal: compact)
    }
}

public enum WorksheetError: Error, Equatable, CustomStringConvertible {
    case badKey(line: Int, reason: String)

    public var description: String {
        switch self {
        case .badKey(let line, let reason): return "answer key line \(line): \(reason)"
        }
    }
}

/// Marks items. A reading below `minimumConfidence` is `uncertain`, never a ✓ or ✗ guessed
/// from a weak reading.
public struct Grader: Sendable {
    /// The default threshold on a reading's confidence (the product of its symbols'
    /// probabilities): from it up, at least 95 % of the readings marked ✓ or ✗ are exact on
    /// the selection split of the training writers (see docs/worksheets.md).
    public static let defaultMinimumConfidence = 0.965

    public var minimumConfidence: Double
    public var key: AnswerKey?

    public init(minimumConfidence: Double = Grader.defaultMinimumConfidence, key: AnswerKey? = nil) {
        self.minimumConfidence = minimumConfidence
        self.key = key
    }

    /// The verdict on one item and the answer expected of it (from the key), if any.
    public func grade(_ item: WorksheetItem) -> (verdict: ItemVerdict, expected: String?) {
        let expected = key?.expected(item.number)
        if item.answerMissing { return (.blank, expected?.text) }
        if item.reading.problem != nil || item.reading.confidence < minimumConfidence { return (.uncertain, expected?.text) }
        if let expected {
            guard let answer = item.answer else { return (.uncertain, expected.text) }
            return (answer == expected.value ? .right : .wrong, expected.text)
        }
        switch item.reading.verdict {
        case true?: return (.right, nil)
        case false?: return (.wrong, nil)
        case nil:
            // An equation whose side is undefined (a division by zero) is no right answer.
            return (item.reading.latex.split(separator: " ").contains { $0 == MathSymbol.equals } ? .wrong : .ungraded, nil)
        }
    }

    /// Key items with no item on the page: blanks.
    public func missing(from page: WorksheetPage) -> [String] {
        guard let key else { return [] }
        let present = Set(page.items.map(\.number))
        return key.answers.map(\.number).filter { !present.contains($0) }
    }
}
