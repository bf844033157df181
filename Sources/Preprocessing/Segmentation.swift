import ImageDecoding
/// The symbols found on a page, line by line in reading order.
public struct Segmentation: Sendable, Equatable {
    public var imageWidth: Int
    public var imageHeight: Int
    /// Estimated pen stroke width, in input-image pixels (0 when there is no ink).
    public var strokeWidth: Double
    /// Downscale factor the analysis ran at (1, 2, 4 or 8); boxes are still in input pixels.
    public var workScale: Int
    /// Estimated page rotation in degrees (clockwise); lines and order were read along it.
    public var skewDegrees: Double
    public var lines: [TextLine]

    public init(imageWidth: Int, imageHeight: Int, strokeWidth: Double, workScale: Int = 1, skewDegrees: Double = 0, lines: [TextLine]) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.strokeWidth = strokeWidth
        self.workScale = workScale
        self.skewDegrees = skewDegrees
        self.lines = lines
    }

    /// Every glyph, line after line, each line left to right.
    public var glyphs: [Glyph] { lines.flatMap(\.glyphs) }
}

/// One line of writing.
public struct TextLine: Sendable, Equatable {
    /// Union of the glyph boxes, input-image pixels.
    public var box: Box
    /// Left to right; each glyph's `line` is this line's index.
    public var glyphs: [Glyph]

    public init(box: Box, glyphs: [Glyph]) {
        self.box = box; self.glyphs = glyphs
    }
}
