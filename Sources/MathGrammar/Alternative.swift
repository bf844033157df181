/// One reading of a symbol proposed by the classifier: a LaTeX label and its probability.
public struct Alternative: Sendable, Equatable, Hashable, Codable {
    /// The symbol as LaTeX, e.g. `7`, `+`, `\times`.
    public var latex: String
    /// The classifier's probability for this label, in 0...1.
    public var probability: Double

    public init(latex: String, probability: Double) {
        self.latex = latex
        self.probability = probability
    }

    /// `p` in the JSON report: short, since every symbol lists several.
    private enum CodingKeys: String, CodingKey {
        case latex
        case probability = "p"
    }
}
