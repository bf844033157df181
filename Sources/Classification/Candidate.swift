/// One possible label of a symbol, with the classifier's probability.
public struct Candidate: Sendable, Equatable, Codable {
    /// The label as LaTeX: "3", "+", "\\times", "(".
    public var label: String
    public var probability: Float

    public init(label: String, probability: Float) {
        self.label = label; self.probability = probability
    }
}
