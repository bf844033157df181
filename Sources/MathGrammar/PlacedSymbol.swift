/// A symbol of one line as the classifier saw it: where it is, and what it may be.
public struct PlacedSymbol: Sendable, Equatable {
    /// Left edge in image pixels.
    public var x: Double
    /// Top edge in image pixels (y grows downwards).
    public var y: Double
    public var width: Double
    public var height: Double
    /// The classifier's top-k readings, best first.
    public var alternatives: [Alternative]

    public init(x: Double, y: Double, width: Double, height: Double, alternatives: [Alternative]) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.alternatives = alternatives
    }

    var centerX: Double { x + width / 2 }
    var centerY: Double { y + height / 2 }
    var bottom: Double { y + height }
    var right: Double { x + width }
}
