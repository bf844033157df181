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
    /// Smallest image size: a smaller drawing is centred on paper this large (a whole page
    /// photographed around a short equation).
    public var minimumWidth: Int
    public var minimumHeight: Int

    public init(symbolSize: Double = 48, penWidth: Double = 3, margin: Int = 24, rotationDegrees: Double = 0, maximumSide: Int = 8192,
                minimumWidth: Int = 0, minimumHeight: Int = 0) {
        self.symbolSize = symbolSize
        self.penWidth = penWidth
        self.margin = margin
        self.rotationDegrees = rotationDegrees
        self.maximumSide = maximumSide
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
    }
}
