/// How to decode an image.
public struct DecodeOptions: Sendable {
    /// The largest declared width × height accepted, checked from the header before any large
    /// allocation. The default, 100 megapixels, is well above any phone camera.
    public var maxPixels: Int = 100_000_000
    /// JPEG only (PNG ignores it): decode at 1/1, 1/2, 1/4 or 1/8 of the size, which is much
    /// faster for large photos. Other values get the nearest scale N/8 at or above 1/denominator.
    public var scaleDenominator: Int = 1
    /// JPEG only: turn the image as its EXIF orientation says. False gives the pixels as
    /// stored, for a caller that checks the tag against the content (tags can be wrong).
    public var appliesOrientation: Bool = true

    public init(maxPixels: Int = 100_000_000, scaleDenominator: Int = 1, appliesOrientation: Bool = true) {
        self.maxPixels = maxPixels
        self.scaleDenominator = scaleDenominator
        self.appliesOrientation = appliesOrientation
    }
}
