import MathGrammar
import PropertyBased
import Testing

/// Random expressions, printed as classifier labels and read back, give the value the
/// expression has and the LaTeX it was printed as.
@Suite struct RoundTripPropertyTests {
    /// A test-side expression model, independent of the library's tree.
    indirect enum Term {
        case number(String)
        case negate(Term)
        case binary(String, Term, Term)
        case group(Term)

        static let operators = ["+", "-", "\\times", "\\div"]

        /// The value, computed here; nil on division by zero.
        var value: Rational? {
            switch self {
            case .number(let literal): return Rational(decimal: literal)
            case .negate(let operand): return operand.value.map { -$0 }
            case .group(let inner): return inner.value
            case .binary(let symbol, let left, let right):
                guard let a = left.value, let b = right.value else { return nil }
                switch symbol {
                case "+": return a + b
                case "-": return a - b
                case "\\times": return a * b
                default: return a.divided(by: b)
                }
            }
        }

        /// LaTeX tokens, numbers whole.
        var tokens: [String] {
            switch self {
            case .number(let literal): return [literal]
            case .negate(let operand): return ["-"] + operand.tokens
            case .group(let inner): return ["("] + inner.tokens + [")"]
            case .binary(let symbol, let left, let right): return left.tokens + [symbol] + right.tokens
            }
        }

        static func precedence(_ symbol: String) -> Int { symbol == "+" || symbol == "-" ? 1 : 2 }
    }

    /// Builds a term from a stream of random choices (shrinking the stream shrinks the term).
    struct Builder {
        let choices: [Int]
        var position = 0

        mutating func next(_ bound: Int) -> Int {
            defer { position += 1 }
            return position < choices.count ? choices[position] % bound : 0
        }

        mutating func term(depth: Int) -> Term {
            if depth == 0 || next(3) == 0 { return leaf() }
            if next(6) == 0 {
                let operand = next(2) == 0 ? leaf() : .group(term(depth: depth - 1))
                return .negate(operand)
            }
            let symbol = Term.operators[next(4)]
            var left = term(depth: depth - 1), right = term(depth: depth - 1)
            // Brackets wherever the tree differs from how precedence would group the tokens.
            if case .binary(let inner, _, _) = left, Term.precedence(inner) < Term.precedence(symbol) { left = .group(left) }
            if case .binary(let inner, _, _) = right, Term.precedence(inner) <= Term.precedence(symbol) { right = .group(right) }
            if next(5) == 0 { left = .group(left) } // and a few that are not needed
            return .binary(symbol, left, right)
        }

        mutating func leaf() -> Term {
            var literal = String((0...next(4)).map { _ in Character(String(next(10))) })
            if next(3) == 0 { literal += "." + String((0...next(3)).map { _ in Character(String(next(10))) }) }
            return .number(literal)
        }
    }

    @Test func printedExpressionsReadBackToTheSameValueAndLatex() async throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        await propertyCheck(count: 300, input: Gen.int(in: 0...999).array(of: 0...60)) { choices in
            var builder = Builder(choices: choices)
            let term = builder.term(depth: 4)
            let latex = term.tokens.joined(separator: " ")
            let reading = reader.read(labels: labels(latex))
            #expect(reading.problem == nil, "\(latex)")
            #expect(reading.latex == latex)
            if let value = term.value {
                #expect(reading.value == value.description, "\(latex)")
                // The value written back as the right side makes a true equation.
                if value.terminatingPlaces != nil {
                    let equation = latex + " = " + (value.description.hasPrefix("-") ? "- " + value.description.dropFirst() : value.description)
                    let checked = reader.read(labels: labels(equation))
                    #expect(checked.verdict == true, "\(equation)")
                    #expect(checked.verdictNote == "exact", "\(equation)")
                }
            } else {
                #expect(reading.value == nil, "\(latex)")
                #expect(reading.verdictNote?.hasPrefix("division by zero") == true, "\(latex)")
            }
        }
    }
}
