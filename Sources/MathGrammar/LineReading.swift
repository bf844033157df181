/// What one line of symbols says: its most probable grammatical reading, rendered and evaluated.
public struct LineReading: Sendable, Equatable {
    /// LaTeX with tokens separated by single spaces (`3 \times ( 5 + 1 ) = 18`); when the line
    /// does not parse (see `problem`), its most probable labels as written. nil for an empty line.
    public var latex: String?
    /// Presentation MathML (`<math>…</math>`); nil without a grammatical reading.
    public var mathML: String?
    /// The exact value of the line — for an equation or a chain, of its left-most side (what
    /// was computed; the other sides are the claimed results): `18`, `0.3`, `1/3`. nil when not
    /// evaluable (no grammatical reading, or undefined such as a division by zero).
    public var value: String?
    /// `value` rounded to 6 decimal places (`90.115385`) when it is a fraction whose decimal
    /// never ends; nil otherwise.
    public var approximateValue: String?
    /// For an equation or a chain: whether every relation holds; nil otherwise, and nil when a
    /// side is undefined.
    public var verdict: Bool?
    /// `exact`, `true to 2 decimals`, why the verdict is false, or why the value is undefined
    /// (`division by zero in …`).
    public var verdictNote: String?
    /// The product of the chosen alternatives' probabilities: the probability of this reading
    /// if the classifier's outputs are independent. 0 for an empty line.
    public var confidence: Double
    /// The symbols of the reading, left to right (an `=` rejoined from two bars is one symbol).
    public var symbols: [ChosenSymbol]
    /// Input symbols left out as noise (specks, dots off the line), by index.
    public var ignoredInputIndices: [Int]
    /// Why the line does not parse: no choice of the classifier's alternatives is grammatical,
    /// or the closest grammatical one is more than `LineReader.repairMargin` less probable than
    /// what was written, or the line is a lone symbol. nil when it parses.
    public var problem: String?
    /// The expression tree of the reading; nil without a grammatical reading.
    public var statement: Statement?

    public init(latex: String? = nil, mathML: String? = nil, value: String? = nil, approximateValue: String? = nil,
                verdict: Bool? = nil, verdictNote: String? = nil, confidence: Double = 0, symbols: [ChosenSymbol] = [],
                ignoredInputIndices: [Int] = [], problem: String? = nil, statement: Statement? = nil) {
        self.latex = latex
        self.mathML = mathML
        self.value = value
        self.approximateValue = approximateValue
        self.verdict = verdict
        self.verdictNote = verdictNote
        self.confidence = confidence
        self.symbols = symbols
        self.ignoredInputIndices = ignoredInputIndices
        self.problem = problem
        self.statement = statement
    }
}
