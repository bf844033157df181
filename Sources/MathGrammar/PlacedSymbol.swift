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
    /// The segmenter found the shape of a `÷` (a stroke with one mark on each side), which no
    /// other symbol of the vocabulary has.
    public var isDivisionShaped: Bool

    public init(x: Double, y: Double, width: Double, height: Double, alternatives: [Alternative], isDivisionShaped: Bool = false) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.alternatives = alternatives
        self.isDivisionShaped = isDivisionShaped
    }

    /// The classifier's best reading is a digit.
    var isReadAsDigit: Bool {
        alternatives.first.map { $0.latex.count == 1 && $0.latex.first?.isNumber == true } ?? false
    }

    var centerX: Double { x + width / 2 }
    var centerY: Double { y + height / 2 }
    var bottom: Double { y + height }
    var right: Double { x + width }
}
