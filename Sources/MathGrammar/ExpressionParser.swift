import Foundation

/// Builds the expression tree of a line of labels with a Pratt parser driven by the grammar's
/// operator table: precedence and associativity decide how `1 - 2 × 3 - 4` groups.
struct ExpressionParser {
    let grammar: Grammar

    enum Token: Equatable {
        case number(String)
        case symbol(String)
        /// A 2-D operand already built: a fraction or a root.
        case operand(Expression)
        /// A superscript read as the exponent of the operand before it.
        case exponent(Expression, LayoutForm)
    }

    /// Parses labels such as `["1", "2", ".", "5", "+", "3"]`; digits and decimal points join
    /// into numbers. Throws `GrammarError.ungrammatical` when the labels are not a line.
    func parse(_ labels: [String]) throws -> Statement {
        try parse(tokens: tokens(labels))
    }

    /// Parses tokens, which may hold 2-D operands and exponents (see `Grammar.evaluation(of:layout:)`).
    func parse(tokens: [Token]) throws -> Statement {
        var cursor = Cursor(tokens: tokens, grammar: grammar)
        var statement = Statement(sides: [try cursor.expression(above: Int.min)], relations: [])
        while case .symbol(let symbol)? = cursor.peek, let relation = grammar.relations[symbol] {
            cursor.advance()
            statement.relations.append(relation)
            // Nothing after the last relation: a question without its answer (`5 × 3 =`).
            guard cursor.peek != nil else {
                statement.isUnanswered = true
                break
            }
            statement.sides.append(try cursor.expression(above: Int.min))
        }
        if let extra = cursor.peek { throw GrammarError.ungrammatical(reason: "unexpected \(Self.describe(extra))") }
        return statement
    }

    private func tokens(_ labels: [String]) -> [Token] {
        grammar.joiningNumbers(labels).map { $0.isNumber ? .number($0.text) : .symbol($0.text) }
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .number(let literal): return "number '\(literal)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .operand(let expression): return expression.latex
        case .exponent(let exponent, _): return "the superscript \(exponent.latex)"
        }
    }

    private struct Cursor {
        let tokens: [Token]
        let grammar: Grammar
        var position = 0

        var peek: Token? { position < tokens.count ? tokens[position] : nil }
        mutating func advance() { position += 1 }

        /// An expression whose infix operators all bind tighter than `minimum`... or equal,
        /// for right-associative ones (classic precedence climbing).
        mutating func expression(above minimum: Int) throws -> Expression {
            var left = try operand()
            while let rule = nextOperator(), rule.precedence >= minimum {
                // 2 \frac{1}{2} is a mixed number to some readers and a product to others.
                if case .number = left, case .operand(.fraction)? = peek {
                    throw GrammarError.ungrammatical(reason: "\(left.latex) before a fraction may be a mixed number or a product")
                }
                // A written operator is consumed; a juxtaposition's bracket starts its right operand.
                if !rule.symbol.isEmpty { advance() }
                let next = rule.associativity == .left ? rule.precedence + 1 : rule.precedence
                left = .infix(rule, left, try expression(above: next))
            }
            return left
        }

        /// The infix operation the next token begins after an operand: a written operator, or
        /// the grammar's juxtaposition before an opening bracket or a 2-D operand (`3 \sqrt{4}`).
        private func nextOperator() -> OperatorRule? {
            switch peek {
            case .symbol(let symbol)?: return grammar.infixOperators[symbol] ?? grammar.juxtaposition(before: symbol)?.operation
            case .operand?: return grammar.juxtaposition?.operation
            case .number?, .exponent?, nil: return nil
            }
        }

        /// The operand with the exponents written on it: `2 ^ { 3 }`, `( 1 + 2 ) ^ { 2 }`.
        private mutating func raised(_ base: Expression) -> Expression {
            var result = base
            while case .exponent(let exponent, let form)? = peek {
                advance()
                result = .power(result, exponent, form)
            }
            return result
        }

        private mutating func operand() throws -> Expression {
            guard let token = peek else { throw GrammarError.ungrammatical(reason: "the line ends where a number is expected") }
            advance()
            switch token {
            case .number(let literal):
                guard isWellFormed(literal) else {
                    throw GrammarError.ungrammatical(reason: "'\(literal)' is not a number")
                }
                return raised(.number(literal, grammar.number))
            case .operand(let expression):
                return raised(expression)
            case .exponent(let exponent, _):
                throw GrammarError.ungrammatical(reason: "the superscript \(exponent.latex) has no base")
            case .symbol(let symbol):
                if let rule = grammar.prefixOperators[symbol] {
                    return .prefix(rule, try expression(above: rule.precedence))
                }
                if let group = grammar.group(opening: symbol) {
                    let inner = try expression(above: Int.min)
                    guard peek == .symbol(group.close) else {
                        throw GrammarError.ungrammatical(reason: "'\(group.open)' is never closed: '\(group.close)' is missing")
                    }
                    advance()
                    return raised(.group(group, inner))
                }
                throw GrammarError.ungrammatical(reason: "'\(symbol)' where a number is expected")
            }
        }

        /// Digits, optionally followed by one decimal point and more digits.
        private func isWellFormed(_ literal: String) -> Bool {
            guard let point = grammar.number.point else { return true }
            let parts = literal.components(separatedBy: point)
            return parts.count <= 2 && parts.allSatisfy { !$0.isEmpty }
        }
    }
}
