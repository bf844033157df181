/// A symbol of the chosen reading, with the readings that were not chosen.
public struct ChosenSymbol: Sendable, Equatable {
    /// The chosen LaTeX label.
    public var latex: String
    /// The probability of the chosen label.
    public var probability: Double
    /// The alternatives not chosen, best first.
    public var others: [Alternative]
    /// The input symbols this symbol was made of: one, or two for an `=` rejoined from two bars.
    public var inputIndices: [Int]
    /// Bounding box in image pixels (the union of its input symbols' boxes).
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(latex: String, probability: Double, others: [Alternative], inputIndices: [Int],
                x: Double, y: Double, width: Double, height: Double) {
        self.latex = latex
        self.probability = probability
        self.others = others
        self.inputIndices = inputIndices
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
