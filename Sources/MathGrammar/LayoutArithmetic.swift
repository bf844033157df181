/// What a 2-D reading is worth when it is arithmetic: its value and, for a relation, whether it
/// holds — by the line grammar's meanings and verdicts (`StatementEvaluation`).
public struct LayoutEvaluation: Sendable, Equatable {
    /// The exact value of the left-most side (`4`, `1.5`, `1/3`), or, when it is not exact, its
    /// decimals to `LineReader.approximationPlaces` (`1.414214`, the note says "≈"); nil when
    /// not evaluated or undefined.
    public var value: String?
    /// For a relation or a chain: whether every relation holds; nil otherwise, when a side is
    /// undefined, and when bounds cannot settle it.
    public var verdict: Bool?
    /// `exact`, `true to 2 decimals`, why the verdict is false, why the value is undefined, or
    /// why the expression is not evaluated (`not arithmetic: contains x`).
    public var note: String?
    /// The arithmetic tree the row was read as; nil when it is not arithmetic.
    public var statement: Statement?
}

extension Grammar {
    /// Evaluates a 2-D row with this grammar's meanings of numbers, operators, brackets,
    /// juxtaposition and relations, and the layout grammar's fractions, superscripts (powers)
    /// and roots. A row with a symbol this grammar gives no meaning (a letter, `\sum`, `\sin`),
    /// a subscript or limits is not arithmetic: no value, no verdict, a note saying why.
    public func evaluation(of row: [LayoutNode], layout: LayoutGrammar) -> LayoutEvaluation {
        let foreign = Self.unique(row.flatMap(nonArithmetic))
        guard foreign.isEmpty else {
            return LayoutEvaluation(note: "not arithmetic: contains \(foreign.prefix(3).joined(separator: ", "))")
        }
        let statement: Statement
        do {
            statement = try ExpressionParser(grammar: self).parse(tokens: tokens(of: row, layout: layout))
        } catch GrammarError.ungrammatical(let reason) {
            return LayoutEvaluation(note: "not evaluated: \(reason)")
        } catch {
            return LayoutEvaluation(note: "not evaluated: \(StatementEvaluation.reason(error))")
        }
        let evaluation = StatementEvaluation(statement)
        return LayoutEvaluation(value: evaluation.value?.description, verdict: evaluation.verdict,
                                note: evaluation.note, statement: statement)
    }

    /// What in a node this grammar cannot evaluate, as written: symbols without a rule,
    /// operators with limits, subscripts.
    private func nonArithmetic(_ node: LayoutNode) -> [String] {
        switch node {
        case .symbol(let label): return knows(label) ? [] : [label]
        case .number: return []
        case .scripts(let base, let sub, let sup):
            return nonArithmetic(base) + (sub == nil ? [] : ["a subscript"]) + (sup ?? []).flatMap(nonArithmetic)
        case .fraction(let numerator, let denominator): return (numerator + denominator).flatMap(nonArithmetic)
        case .root(let radicand, let index): return (radicand + (index ?? [])).flatMap(nonArithmetic)
        case .limits(let base, _, _): return [base]
        }
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    /// The parser's tokens of a row: numbers and symbols as on a line, fractions and roots as
    /// operands built from their own rows, superscripts as exponents of what precedes them.
    private func tokens(of row: [LayoutNode], layout: LayoutGrammar) throws -> [ExpressionParser.Token] {
        try row.flatMap { node -> [ExpressionParser.Token] in
            switch node {
            case .symbol(let label): return [.symbol(label)]
            case .number(let literal): return [.number(literal)]
            case .fraction(let numerator, let denominator):
                let form = LayoutForm(latex: layout.fractionLaTeX, mathML: layout.fractionMathML)
                return [.operand(.fraction(try expression(of: numerator, layout: layout),
                                           try expression(of: denominator, layout: layout), form))]
            case .root(let radicand, let index):
                var form = LayoutForm(latex: layout.rootLaTeX, mathML: layout.rootMathML)
                if index != nil, let latex = layout.rootIndexLaTeX, let mathML = layout.rootIndexMathML {
                    form = LayoutForm(latex: latex, mathML: mathML)
                }
                return [.operand(.root(try expression(of: radicand, layout: layout),
                                       index: try index.map { try expression(of: $0, layout: layout) }, form))]
            case .scripts(let base, nil, let superscript?):
                guard let rule = layout.relation(.superscript) else {
                    throw GrammarError.ungrammatical(reason: "the layout grammar has no superscript rule")
                }
                let exponent = try expression(of: superscript, layout: layout)
                return try tokens(of: [base], layout: layout) + [.exponent(exponent, LayoutForm(latex: rule.latex, mathML: rule.mathML))]
            case .scripts, .limits:
                // `nonArithmetic` set these aside before.
                throw GrammarError.ungrammatical(reason: "\(layout.latex(of: node)) is not arithmetic")
            }
        }
    }

    /// A row that must be one expression: the inside of a fraction, a root or an exponent.
    private func expression(of row: [LayoutNode], layout: LayoutGrammar) throws -> Expression {
        let statement = try ExpressionParser(grammar: self).parse(tokens: tokens(of: row, layout: layout))
        guard statement.sides.count == 1, !statement.isEquation, let side = statement.sides.first else {
            throw GrammarError.ungrammatical(reason: "a relation inside \(layout.latex(of: row))")
        }
        return side
    }
}
