/// Tuning of the segmenter; the defaults suit phone photos and scans of handwriting.
public struct SegmenterOptions: Sendable, Equatable {
    /// Analyse large images at 1/2, 1/4 or 1/8 scale when their strokes are thick enough.
    public var allowDownscale: Bool
    /// Stroke width, in working pixels, that downscaling keeps at least.
    public var targetStrokeWidth: Double
    /// Largest page rotation looked for, degrees either way.
    public var maxSkewDegrees: Double
    /// Blobs smaller than this many squared stroke widths are specks, not ink.
    public var speckArea: Double

    public init(allowDownscale: Bool = true, targetStrokeWidth: Double = 2.5, maxSkewDegrees: Double = 5, speckArea: Double = 0.4) {
        self.allowDownscale = allowDownscale
        self.targetStrokeWidth = targetStrokeWidth
        self.maxSkewDegrees = maxSkewDegrees
        self.speckArea = speckArea
    }
}
