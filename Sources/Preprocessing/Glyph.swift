import ImageDecoding
/// One segmented symbol: where it is, which line it belongs to, and its normalised crop.
public struct Glyph: Sendable, Equatable {
    /// Side of the square crop the classifier sees.
    public static let cropSide = 32

    /// Box in the original (full-resolution) image.
    public var box: Box
    /// Index of the line of writing, in reading order.
    public var line: Int
    /// cropSide × cropSide ink intensities, row-major, 0 = background, 1 = ink.
    public var crop: [Float]
    /// The ink is a `÷` by its shape: a straight stroke with one small mark on each side. Its
    /// marks may be too small for the crop to show them (a slanted ÷ with pen-tap dots).
    public var isDivisionSign: Bool

    public init(box: Box, line: Int, crop: [Float], isDivisionSign: Bool = false) {
        self.box = box; self.line = line; self.crop = crop; self.isDivisionSign = isDivisionSign
    }
}
