import CImageCodec

/// A sequential JPEG read once: its DCT blocks, from which grey images at any of libjpeg's
/// scales are made without reading the file again (a large photo is looked at small to choose
/// its scale, then decoded at that scale). Each image is pixel for pixel what
/// `ImageDecoder.decode` gives at that scale, as stored: the EXIF orientation is the caller's
/// (`ImageDecoder.applyingOrientation(of:to:)`).
public final class JPEGBlocks {
    private let blocks: OpaquePointer

    /// nil when this does not apply or fails: not a JPEG whose grey is its first component as
    /// stored (CMYK, RGB, subsampled luma, a progressive file with scans missing), larger than
    /// `maxPixels`, or damaged.
    /// `ImageDecoder.decode` handles all of those (and reports the damage).
    public init?(_ bytes: [UInt8], maxPixels: Int) {
        guard ImageDecoder.format(of: bytes) == .jpeg else { return nil }
        var result = codec_image()
        let blocks = bytes.withUnsafeBufferPointer { buffer in
            codec_jpeg_read_coefficients(buffer.baseAddress, buffer.count, Int64(maxPixels), &result)
        }
        guard let blocks, result.status == CODEC_OK else { return nil }
        self.blocks = blocks
    }

    deinit { codec_jpeg_coefficients_free(blocks) }

    /// What `ImageDecoder.decodeReportingChannel(bytes, options:)` gives for the file these
    /// blocks were read from (`bytes`, for its EXIF orientation), pixel for pixel; nil when the
    /// blocks cannot give it (the darkest channel of colour planes libjpeg would upsample).
    public func decodeReportingChannel(_ bytes: [UInt8], options: DecodeOptions) throws -> (image: GrayImage, channel: DecodeOptions.Channel)? {
        var result = codec_image()
        codec_jpeg_coefficients_decode(blocks, Int32(min(max(options.scaleDenominator, 1), 8)),
                                       options.channel == .luminance ? 0 : 1, &result)
        if result.status == CODEC_UNSUPPORTED {
            codec_free(result.pixels)
            return nil
        }
        let orientation = options.appliesOrientation ? ExifOrientation(jpeg: bytes) : .upright
        return try ImageDecoder.image(of: result, options: options, orientation: orientation)
    }

    /// The grey image reduced by `scaleDenominator`, as stored (no EXIF orientation).
    public func decode(scaleDenominator: Int) throws -> GrayImage {
        try ImageDecoder.image(of: decoded(scaleDenominator), options: DecodeOptions(), orientation: .upright).image
    }

    private func decoded(_ scaleDenominator: Int) -> codec_image {
        var result = codec_image()
        codec_jpeg_coefficients_decode(blocks, Int32(min(max(scaleDenominator, 1), 8)), 0, &result)
        return result
    }
}
