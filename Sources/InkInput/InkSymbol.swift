/// One symbol of the ground-truth segmentation: its LaTeX label and the strokes that draw it.
public struct InkSymbol: Sendable, Equatable {
    /// LaTeX of the symbol as annotated, e.g. `"7"`, `"\\times"`, `"="`.
    public var label: String
    public var traceIDs: [String]

    public init(label: String, traceIDs: [String]) {
        self.label = label; self.traceIDs = traceIDs
    }
}
