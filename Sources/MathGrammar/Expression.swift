import Foundation

/// An arithmetic expression as written: numbers, operators and brackets, each node carrying
/// the grammar rule that gives its LaTeX, MathML and meaning.
public indirect enum Expression: Sendable, Equatable {
    /// A number literal as written, e.g. `0.25`.
    case number(String, NumberRule)
    case prefix(OperatorRule, Expression)
    case infix(OperatorRule, Expression, Expression)
    /// Brackets as written; kept so that LaTeX shows them.
    case group(GroupRule, Expression)

    /// LaTeX with single spaces between tokens, e.g. `3 \times ( 5 + 1 )`.
    public var latex: String {
        switch self {
        case .number(let literal, let rule): return rule.latex.render(["literal": literal])
        case .prefix(let rule, let operand): return rule.latex.render(["operand": operand.latex])
        case .infix(let rule, let left, let right): return rule.latex.render(["left": left.latex, "right": right.latex])
        case .group(let rule, let inner): return rule.latex.render(["inner": inner.latex])
        }
    }

    /// Presentation MathML of the expression (without the enclosing `<math>` element).
    public var mathML: String {
        switch self {
        case .number(let literal, let rule): return rule.mathML.render(["literal": literal])
        case .prefix(let rule, let operand): return rule.mathML.render(["operand": operand.mathML])
        case .infix(let rule, let left, let right): return rule.mathML.render(["left": left.mathML, "right": right.mathML])
        case .group(let rule, let inner): return rule.mathML.render(["inner": inner.mathML])
        }
    }

    /// The exact value; throws `GrammarError.undefinedValue` for a division by zero.
    public func value() throws -> Rational {
        switch self {
        case .number(let literal, let rule):
            let normalized = rule.point.map { literal.replacingOccurrences(of: $0, with: ".") } ?? literal
            guard let value = Rational(decimal: normalized) else {
                throw GrammarError.undefinedValue(reason: "'\(literal)' is not a number")
            }
            return value
        case .prefix(let rule, let operand):
            let value = try operand.value()
            return rule.meaning == .negate ? -value : value
        case .group(let rule, let inner):
            let value = try inner.value()
            return rule.meaning == .absoluteValue && value < .zero ? -value : value
        case .infix(let rule, let left, let right):
            let (a, b) = (try left.value(), try right.value())
            switch rule.meaning {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide:
                guard let quotient = a.divided(by: b) else {
                    var reason = "division by zero in \(latex)"
                    if case .number = right {} else { reason += ": the divisor \(right.latex) is 0" }
                    throw GrammarError.undefinedValue(reason: reason)
                }
                return quotient
            case .negate, .identity:
                return b // not an infix meaning; the grammar loader refuses it
            }
        }
    }

    /// Digits after the decimal point when the expression is a decimal literal, possibly
    /// signed (`-0.25` → 2); nil otherwise. Used for "true to k decimals".
    var writtenDecimalPlaces: Int? {
        switch self {
        case .number(let literal, let rule):
            guard let point = rule.point, let range = literal.range(of: point) else { return nil }
            return literal[range.upperBound...].count
        case .prefix(_, let operand):
            return operand.writtenDecimalPlaces
        case .infix, .group:
            return nil
        }
    }
}
