/// How pen strokes become pixels.
public struct InkRenderOptions: Sendable, Equatable {
    /// Pixel size the expression's typical symbol is scaled to (median of each symbol's larger
    /// side), so files in different units come out at the same writing size.
    public var symbolSize: Double
    /// Pen width in pixels.
    public var penWidth: Double
    /// Paper around the ink, in pixels.
    public var margin: Int
    /// Rotation of the page, clockwise, in degrees (photos are rarely square to the paper).
    public var rotationDegrees: Double
    /// Longest image side allowed; larger drawings are scaled down to fit.
    public var maximumSide: Int

    public init(symbolSize: Double = 48, penWidth: Double = 3, margin: Int = 24, rotationDegrees: Double = 0, maximumSide: Int = 8192) {
        self.symbolSize = symbolSize
        self.penWidth = penWidth
        self.margin = margin
        self.rotationDegrees = rotationDegrees
        self.maximumSide = maximumSide
    }
}
