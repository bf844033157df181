/// How an operator combines values.
public enum OperatorMeaning: String, Sendable, CaseIterable {
    case add, subtract, multiply, divide, negate, identity

    static let infix: [OperatorMeaning] = [.add, .subtract, .multiply, .divide]
    static let prefix: [OperatorMeaning] = [.negate, .identity]
}

/// How a relation compares two sides.
public enum RelationMeaning: String, Sendable, CaseIterable {
    case equal
    case notEqual = "not-equal"
    case less
    case lessOrEqual = "less-or-equal"
    case greater
    case greaterOrEqual = "greater-or-equal"
}

/// What a pair of brackets does to the value inside.
public enum GroupMeaning: String, Sendable, CaseIterable {
    case identity
    case absoluteValue = "absolute-value"
}

/// Which way a chain of equal-precedence infix operators groups: `1 - 2 - 3` is `(1 - 2) - 3` when left.
public enum Associativity: String, Sendable {
    case left, right
}

/// Numbers: a run of digit symbols with an optional decimal point between digits.
public struct NumberRule: Sendable, Equatable {
    public var digits: Set<String>
    public var point: String?
    /// Placeholder: `$literal`.
    public var latex: Template
    public var mathML: Template
}

/// A prefix or infix operator: one row of the operator table.
public struct OperatorRule: Sendable, Equatable {
    public var symbol: String
    public var precedence: Int
    public var associativity: Associativity
    public var meaning: OperatorMeaning
    /// Placeholders: `$operand` (prefix) or `$left`, `$right` (infix).
    public var latex: Template
    public var mathML: Template
    /// Prefix rules: how likely the operator is where an operand is due, against a digit
    /// there (1 = no preference). The decoder weighs each reading by it, so a mark the
    /// classifier found about as likely a `1` as a `+` is not read as a rare unary plus.
    public var prior: Double = 1
}

/// A pair of brackets; the two symbols may be the same (`| x |`).
public struct GroupRule: Sendable, Equatable {
    public var open: String
    public var close: String
    public var meaning: GroupMeaning
    /// Placeholder: `$inner`.
    public var latex: Template
    public var mathML: Template
}

/// A relation between the sides of an equation or inequality; relations chain: `a = b = c`.
public struct RelationRule: Sendable, Equatable {
    public var symbol: String
    public var meaning: RelationMeaning
    /// Placeholders: `$left`, `$right`.
    public var latex: Template
    public var mathML: Template
}

/// Two operands written side by side with no operator between them, `2 ( 3 )`: an invisible
/// infix operator. Only an opening bracket of `before` may start the right operand, so that a
/// run of digits stays one number.
public struct JuxtapositionRule: Sendable, Equatable {
    /// The opening brackets that may directly follow a complete operand.
    public var before: Set<String>
    /// Its precedence, associativity, meaning and templates; `symbol` is empty (nothing is written).
    public var operation: OperatorRule
}
