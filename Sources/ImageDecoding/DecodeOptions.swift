/// How to decode an image.
public struct DecodeOptions: Sendable {
    /// The largest declared width × height accepted, checked from the header before any large
    /// allocation. The default, 100 megapixels, is well above any phone camera.
    public var maxPixels: Int = 100_000_000
    /// Decode at 1/1, 1/2, 1/4 or 1/8 of the size (width and height rounded up), which bounds
    /// memory and time for large images. JPEG: libjpeg's scaled decode, other values getting the
    /// nearest scale N/8 at or above 1/denominator. PNG: each pixel the mean of its block of
    /// full-size pixels, averaged row by row as they are read; other values get the largest of
    /// 1, 2, 4, 8 not above the denominator.
    public var scaleDenominator: Int = 1
    /// JPEG only: turn the image as its EXIF orientation says. False gives the pixels as
    /// stored, for a caller that checks the tag against the content (tags can be wrong).
    public var appliesOrientation: Bool = true
    /// Which grey level a colour JPEG's pixels get (PNG and grey JPEGs: always luminance).
    public var channel: Channel = .luminance

    public enum Channel: Sendable, Equatable {
        /// 0.299 R + 0.587 G + 0.114 B (the JPEG's Y channel).
        case luminance
        /// The darkest of R, G and B.
        case darkest
        /// The darkest channel where the ink is coloured on near-neutral paper (a pink marker
        /// on a grey card), in which such ink is hardly darker than the paper; else luminance
        /// (see `ColoredInk`).
        case darkestForColoredInk
    }

    public init(maxPixels: Int = 100_000_000, scaleDenominator: Int = 1, appliesOrientation: Bool = true, channel: Channel = .luminance) {
        self.maxPixels = maxPixels
        self.scaleDenominator = scaleDenominator
        self.appliesOrientation = appliesOrientation
        self.channel = channel
    }
}
