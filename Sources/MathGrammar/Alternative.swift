/// One reading of a symbol proposed by the classifier: a LaTeX label and its probability.
public struct Alternative: Sendable, Equatable, Hashable {
    /// The symbol as LaTeX, e.g. `7`, `+`, `\times`.
    public var latex: String
    /// The classifier's probability for this label, in 0...1.
    public var probability: Double

    public init(latex: String, probability: Double) {
        self.latex = latex
        self.probability = probability
    }
}
