import Foundation

/// Builds the expression tree of a line of labels with a Pratt parser driven by the grammar's
/// operator table: precedence and associativity decide how `1 - 2 × 3 - 4` groups.
struct ExpressionParser {
    let grammar: Grammar

    private enum Token: Equatable {
        case number(String)
        case symbol(String)
    }

    /// Parses labels such as `["1", "2", ".", "5", "+", "3"]`; digits and decimal points join
    /// into numbers. Throws `GrammarError.ungrammatical` when the labels are not a line.
    func parse(_ labels: [String]) throws -> Statement {
        var cursor = Cursor(tokens: tokens(labels), grammar: grammar)
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
                // A written operator is consumed; a juxtaposition's bracket starts its right operand.
                if !rule.symbol.isEmpty { advance() }
                let next = rule.associativity == .left ? rule.precedence + 1 : rule.precedence
                left = .infix(rule, left, try expression(above: next))
            }
            return left
        }

        /// The infix operation the next token begins after an operand: a written operator, or
        /// the grammar's juxtaposition before an opening bracket.
        private func nextOperator() -> OperatorRule? {
            guard case .symbol(let symbol)? = peek else { return nil }
            return grammar.infixOperators[symbol] ?? grammar.juxtaposition(before: symbol)?.operation
        }

        private mutating func operand() throws -> Expression {
            guard let token = peek else { throw GrammarError.ungrammatical(reason: "the line ends where a number is expected") }
            advance()
            switch token {
            case .number(let literal):
                guard isWellFormed(literal) else {
                    throw GrammarError.ungrammatical(reason: "'\(literal)' is not a number")
                }
                return .number(literal, grammar.number)
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
                    return .group(group, inner)
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
