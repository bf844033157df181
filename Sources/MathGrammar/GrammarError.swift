/// Everything that can go wrong in MathGrammar: a grammar file that cannot be used, a line of
/// symbols with no grammatical reading, an expression without a value.
public enum GrammarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A line of a grammar file cannot be understood (unknown kind, missing or bad attribute,
    /// unterminated quote, unknown template placeholder). Fix that line of the file.
    case invalidRule(file: String, line: Int, reason: String)
    /// A symbol is given a second rule that conflicts with an earlier one. Remove one of the two.
    case duplicateSymbol(file: String, line: Int, symbol: String, firstLine: Int)
    /// The grammar file lacks a rule every reading needs (`line` is the end of the file). Add it.
    case missingRule(file: String, line: Int, kind: String)
    /// No sequence of the classifier's alternatives forms a grammatical line.
    case ungrammatical(reason: String)
    /// An expression has no value, e.g. a division by zero.
    case undefinedValue(reason: String)

    /// The line of the grammar file the error is about, when it is about one.
    public var line: Int? {
        switch self {
        case .invalidRule(_, let line, _), .duplicateSymbol(_, let line, _, _), .missingRule(_, let line, _):
            return line
        case .ungrammatical, .undefinedValue:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .invalidRule(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .duplicateSymbol(let file, let line, let symbol, let firstLine):
            return "\(file):\(line): '\(symbol)' already has a rule on line \(firstLine); a symbol may have one kind only (prefix and infix together are allowed)"
        case .missingRule(let file, let line, let kind):
            return "\(file):\(line): the grammar has no '\(kind)' rule; every grammar needs one"
        case .ungrammatical(let reason):
            return "no grammatical reading: \(reason)"
        case .undefinedValue(let reason):
            return "undefined: \(reason)"
        }
    }
}
