import BigInt
import Foundation

/// An arithmetic expression as written: numbers, operators and brackets, each node carrying
/// the grammar rule that gives its LaTeX, MathML and meaning — and, read from a 2-D layout,
/// fractions, powers and roots, which carry the layout grammar's templates.
public indirect enum Expression: Sendable, Equatable {
    /// A number literal as written, e.g. `0.25`.
    case number(String, NumberRule)
    case prefix(OperatorRule, Expression)
    case infix(OperatorRule, Expression, Expression)
    /// Brackets as written; kept so that LaTeX shows them.
    case group(GroupRule, Expression)
    /// A fraction bar: numerator over denominator (placeholders `$numerator`, `$denominator`).
    case fraction(Expression, Expression, LayoutForm)
    /// A superscript read as a power: base and exponent (placeholders `$base`, `$script`).
    case power(Expression, Expression, LayoutForm)
    /// A root and its index, nil for a square root (placeholders `$radicand`, `$index`).
    case root(Expression, index: Expression?, LayoutForm)

    /// LaTeX with single spaces between tokens, e.g. `3 \times ( 5 + 1 )`.
    public var latex: String {
        switch self {
        case .number(let literal, let rule): return rule.latex.render(["literal": literal])
        case .prefix(let rule, let operand): return rule.latex.render(["operand": operand.latex])
        case .infix(let rule, let left, let right): return rule.latex.render(["left": left.latex, "right": right.latex])
        case .group(let rule, let inner): return rule.latex.render(["inner": inner.latex])
        case .fraction, .power, .root: return render(\.latex) { $0.latex }
        }
    }

    /// Presentation MathML of the expression (without the enclosing `<math>` element).
    public var mathML: String {
        switch self {
        case .number(let literal, let rule): return rule.mathML.render(["literal": literal])
        case .prefix(let rule, let operand): return rule.mathML.render(["operand": operand.mathML])
        case .infix(let rule, let left, let right): return rule.mathML.render(["left": left.mathML, "right": right.mathML])
        case .group(let rule, let inner): return rule.mathML.render(["inner": inner.mathML])
        case .fraction, .power, .root: return render(\.mathML) { $0.mathML }
        }
    }

    /// A 2-D node through its layout template (`form` picks LaTeX or MathML of the parts).
    private func render(_ template: KeyPath<LayoutForm, Template>, _ form: (Expression) -> String) -> String {
        switch self {
        case .fraction(let numerator, let denominator, let layout):
            return layout[keyPath: template].render(["numerator": form(numerator), "denominator": form(denominator)])
        case .power(let base, let exponent, let layout):
            return layout[keyPath: template].render(["base": form(base), "script": form(exponent)])
        case .root(let radicand, let index, let layout):
            return layout[keyPath: template].render(["radicand": form(radicand), "index": index.map(form) ?? ""])
        case .number, .prefix, .infix, .group:
            return ""
        }
    }

    /// The exact value; throws `GrammarError.undefinedValue` for a division by zero, and for a
    /// value known only within bounds (an irrational root), which `evaluated()` gives instead.
    public func value() throws -> Rational {
        let value = try evaluated()
        guard let exact = value.exact else {
            throw GrammarError.undefinedValue(reason: "\(latex) is not known exactly (≈ \(value))")
        }
        return exact
    }

    /// The value: exact, or bounded when a root is not a perfect power. Throws
    /// `GrammarError.undefinedValue` for a division by zero, an even root of a negative number,
    /// a power that is undefined or too large to compute, and an exponent or index that is not
    /// a whole number.
    public func evaluated() throws -> NumericValue {
        switch self {
        case .number(let literal, let rule):
            let normalized = rule.point.map { literal.replacingOccurrences(of: $0, with: ".") } ?? literal
            guard let value = Rational(decimal: normalized) else {
                throw GrammarError.undefinedValue(reason: "'\(literal)' is not a number")
            }
            return .exact(value)
        case .prefix(let rule, let operand):
            let value = try operand.evaluated()
            return rule.meaning == .negate ? -value : value
        case .group(let rule, let inner):
            let value = try inner.evaluated()
            return rule.meaning == .absoluteValue ? value.magnitude : value
        case .infix(let rule, let left, let right):
            let (a, b) = (try left.evaluated(), try right.evaluated())
            switch rule.meaning {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return try quotient(a, b, divisor: right, named: "divisor")
            case .negate, .identity:
                return b // not an infix meaning; the grammar loader refuses it
            }
        case .fraction(let numerator, let denominator, _):
            return try quotient(try numerator.evaluated(), try denominator.evaluated(), divisor: denominator, named: "denominator")
        case .power(let base, let exponent, _):
            let value = try base.evaluated()
            return try value.power(try Self.whole(exponent, what: "the exponent", of: latex), what: latex)
        case .root(let radicand, let index, _):
            let value = try radicand.evaluated()
            return try value.root(try index.map { try Self.whole($0, what: "the index", of: latex) } ?? BigInt(2), what: latex)
        }
    }

    /// `a / b`, or why not: a division by zero in this expression.
    private func quotient(_ a: NumericValue, _ b: NumericValue, divisor: Expression, named role: String) throws -> NumericValue {
        if let quotient = a.divided(by: b) { return quotient }
        var reason = "division by zero in \(latex)"
        if b.exact == nil {
            reason += ": the \(role) \(divisor.latex) is too close to 0 to divide by"
        } else if case .number = divisor {} else {
            reason += ": the \(role) \(divisor.latex) is 0"
        }
        throw GrammarError.undefinedValue(reason: reason)
    }

    /// The value of an exponent or a root's index, which must be a whole number.
    private static func whole(_ expression: Expression, what: String, of whole: String) throws -> BigInt {
        let value = try expression.evaluated()
        guard let exact = value.exact, exact.denominator == 1 else {
            throw GrammarError.undefinedValue(reason: "\(whole): \(what) \(value) is not a whole number")
        }
        return exact.numerator
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
        case .infix, .group, .fraction, .power, .root:
            return nil
        }
    }
}

/// The LaTeX and MathML templates of a 2-D node read as arithmetic (from the layout grammar).
public struct LayoutForm: Sendable, Equatable {
    public var latex: Template
    public var mathML: Template

    public init(latex: Template, mathML: Template) {
        self.latex = latex
        self.mathML = mathML
    }
}
