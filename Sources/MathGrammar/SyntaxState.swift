/// Where a left-to-right reading of a line stands, i.e. which symbols may come next.
/// The grammar's rules are one-dimensional, so a phase plus the stack of open brackets
/// recognizes the language exactly; the decoder searches over these states.
struct SyntaxState: Hashable {
    enum Phase: Hashable {
        /// At the start, after an operator, a relation or an opening bracket.
        case operandExpected
        /// Right after a prefix operator (no second prefix without brackets).
        case afterPrefix
        /// Inside the digits before a decimal point.
        case integer
        /// Right after a decimal point.
        case point
        /// Inside the digits after a decimal point.
        case fraction
        /// Right after a closing bracket.
        case closed
        /// Right after a relation: an operand may follow, or the line may end there (a
        /// question written without its answer, `5 × 3 =`).
        case afterRelation
    }

    var phase: Phase
    /// The closing symbols still expected, innermost last.
    var openGroups: [String]

    static let start = SyntaxState(phase: .operandExpected, openGroups: [])

    private var expectsOperand: Bool { phase == .operandExpected || phase == .afterPrefix || phase == .afterRelation }
    private var endsOperand: Bool { phase == .integer || phase == .fraction || phase == .closed }

    /// Whether a line may end here: after an operand outside brackets, or right after a
    /// relation (relations stand outside brackets only).
    var isComplete: Bool { (endsOperand && openGroups.isEmpty) || phase == .afterRelation }

    /// The state after `symbol`, or nil when `symbol` cannot come next.
    func next(_ symbol: String, in grammar: Grammar) -> SyntaxState? {
        next(SymbolRole(symbol, in: grammar))
    }

    /// The state after a symbol with this role, or nil when it cannot come next.
    func next(_ role: SymbolRole) -> SyntaxState? {
        var state = self
        if role.isDigit {
            switch phase {
            case .operandExpected, .afterPrefix, .afterRelation, .integer: state.phase = .integer
            case .point, .fraction: state.phase = .fraction
            case .closed: return nil
            }
            return state
        }
        if role.isPoint {
            guard phase == .integer else { return nil }
            state.phase = .point
            return state
        }
        if expectsOperand {
            if phase != .afterPrefix, role.isPrefix {
                state.phase = .afterPrefix
                return state
            }
            if let close = role.closesGroupItOpens {
                state.phase = .operandExpected
                state.openGroups.append(close)
                return state
            }
            return nil
        }
        guard endsOperand else { return nil }
        if role.isInfix {
            state.phase = .operandExpected
            return state
        }
        if role.isRelation, openGroups.isEmpty {
            state.phase = .afterRelation
            return state
        }
        if role.symbol == openGroups.last {
            state.phase = .closed
            state.openGroups.removeLast()
            return state
        }
        // An operand directly followed by an opening bracket multiplies it: 2 ( 3 ).
        if role.startsJuxtaposition, let close = role.closesGroupItOpens {
            state.phase = .operandExpected
            state.openGroups.append(close)
            return state
        }
        return nil
    }

    /// Why `symbol` (the `position`-th of the line, from 1) cannot follow `previous` here.
    func whyNot(_ symbol: String, position: Int, after previous: String?, in grammar: Grammar) -> String {
        let at = "'\(symbol)' (symbol \(position))"
        guard grammar.knows(symbol) else { return "\(at) has no rule in the grammar" }
        let follows = previous.map { "follow '\($0)'" } ?? "start the line"
        switch phase {
        case .point:
            return "a digit must follow the decimal point, not \(at)"
        case .operandExpected, .afterPrefix, .afterRelation:
            return "\(at) cannot \(follows): a number or an opening bracket is expected"
        case .fraction where symbol == grammar.number.point:
            return "\(at) is a second decimal point in one number"
        case .integer, .fraction, .closed:
            if grammar.relations[symbol] != nil { return "\(at) cannot stand inside brackets" }
            if grammar.group(closing: symbol) != nil {
                return openGroups.isEmpty ? "\(at) closes a bracket that was never opened"
                    : "\(at) does not match the open bracket; '\(openGroups.last ?? "")' is expected"
            }
            return "\(at) cannot \(follows): an operator is expected"
        }
    }

    /// Why the line cannot end here (`last` is its last symbol).
    func whyIncomplete(last: String?) -> String {
        guard let last else { return "the line has no symbols" }
        switch phase {
        case .operandExpected, .afterPrefix, .afterRelation: return "the line ends after '\(last)': a number is missing"
        case .point: return "the line ends with a decimal point"
        case .integer, .fraction, .closed:
            return "a bracket is never closed: '\(openGroups.last ?? "")' is missing"
        }
    }
}

/// What the grammar lets a symbol do, looked up once per symbol: the decoder tries every symbol
/// after every state it keeps, and the lookups (string hashing) were most of its time.
struct SymbolRole {
    let symbol: String
    let isDigit: Bool
    let isPoint: Bool
    let isPrefix: Bool
    let isInfix: Bool
    let isRelation: Bool
    /// After an operand it opens a group that multiplies it (`2 ( 3 )`).
    let startsJuxtaposition: Bool
    /// The symbol that closes the group this one opens; nil when it opens none.
    let closesGroupItOpens: String?

    init(_ symbol: String, in grammar: Grammar) {
        self.symbol = symbol
        isDigit = grammar.number.digits.contains(symbol)
        isPoint = symbol == grammar.number.point
        isPrefix = grammar.prefixOperators[symbol] != nil
        isInfix = grammar.infixOperators[symbol] != nil
        isRelation = grammar.relations[symbol] != nil
        startsJuxtaposition = grammar.juxtaposition(before: symbol) != nil
        closesGroupItOpens = grammar.group(opening: symbol)?.close
    }
}
