import CImageCodec

/// Decodes PNG and JPEG bytes into an 8-bit greyscale image.
///
/// Colour is reduced with the luma weights 0.299 R + 0.587 G + 0.114 B (or, asked for, to the
/// darkest channel where the ink is coloured: `DecodeOptions.channel`), transparency is
/// composited on white, and the EXIF orientation of a JPEG is applied so that the result is upright.
public enum ImageDecoder {
    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The format, from the magic bytes at the start of the data; nil when neither PNG nor JPEG.
    public static func format(of bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: pngSignature) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// Format and displayed size, read from the header without decoding the pixels.
    public static func header(of bytes: [UInt8]) throws -> ImageHeader {
        let format = try detectedFormat(of: bytes)
        var result = codec_image()
        bytes.withUnsafeBufferPointer { buffer in
            switch format {
            case .png: codec_png_header(buffer.baseAddress, buffer.count, &result)
            case .jpeg: codec_jpeg_header(buffer.baseAddress, buffer.count, &result)
            }
        }
        let swapsSides = format == .jpeg && ExifOrientation(jpeg: bytes).swapsSides
        try checkStatus(of: result, limit: 0, swapsSides: swapsSides)
        let width = Int(result.width), height = Int(result.height)
        return ImageHeader(format: format, width: swapsSides ? height : width, height: swapsSides ? width : height,
                           isProgressive: result.progressive != 0)
    }

    /// Decodes the whole image, reduced by `options.scaleDenominator`; throws before allocating
    /// when the declared (full-size) width × height exceeds `options.maxPixels`.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws -> GrayImage {
        try decodeReportingChannel(bytes, options: options).image
    }

    /// The same, with the channel the pixels are: `.darkest` or `.luminance` (for
    /// `.darkestForColoredInk`, the one chosen).
    public static func decodeReportingChannel(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions())
        throws -> (image: GrayImage, channel: DecodeOptions.Channel) {
        let format = try detectedFormat(of: bytes)
        let limit = Int64(options.maxPixels)
        let scale = Int32(min(max(options.scaleDenominator, 1), 8))
        let orientation = format == .jpeg && options.appliesOrientation ? ExifOrientation(jpeg: bytes) : .upright
        var result = codec_image()
        bytes.withUnsafeBufferPointer { buffer in
            switch format {
            case .png: codec_png_decode(buffer.baseAddress, buffer.count, limit, scale, &result)
            case .jpeg: codec_jpeg_decode(buffer.baseAddress, buffer.count, limit, scale, options.channel == .luminance ? 0 : 1, &result)
            }
        }
        return try image(of: result, options: options, orientation: orientation)
    }

    /// The image in `result` (whose buffers it frees) in the channel `options` ask for, turned
    /// by `orientation`, with the channel it is in.
    static func image(of result: codec_image, options: DecodeOptions, orientation: ExifOrientation)
        throws -> (image: GrayImage, channel: DecodeOptions.Channel) {
        defer {
            codec_free(result.pixels)
            codec_free(result.darkest)
        }
        try checkStatus(of: result, limit: options.maxPixels, swapsSides: orientation.swapsSides)
        let width = Int(result.width), height = Int(result.height)
        var pixels = [UInt8](UnsafeBufferPointer(start: result.pixels, count: width * height))
        var channel = DecodeOptions.Channel.luminance
        if let darkest = result.darkest {
            let darkestPixels = [UInt8](UnsafeBufferPointer(start: darkest, count: width * height))
            if options.channel == .darkest || ColoredInk.prefersDarkestChannel(luminance: pixels, darkest: darkestPixels) {
                pixels = darkestPixels
                channel = .darkest
            }
        }
        return (orientation.apply(to: GrayImage(width: width, height: height, pixels: pixels)), channel)
    }

    /// Whether the bytes are a JPEG whose EXIF orientation turns the stored pixels a quarter
    /// (or transposes them). Values outside 1…8, such as the 0 some tools write, mean upright.
    public static func orientationTurnsSideways(_ bytes: [UInt8]) -> Bool {
        format(of: bytes) == .jpeg && ExifOrientation(jpeg: bytes).swapsSides
    }

    /// `stored` (decoded with `appliesOrientation` false) turned as the EXIF orientation of
    /// `bytes` says; unchanged for PNG and for JPEGs without one.
    public static func applyingOrientation(of bytes: [UInt8], to stored: GrayImage) -> GrayImage {
        format(of: bytes) == .jpeg ? ExifOrientation(jpeg: bytes).apply(to: stored) : stored
    }

    private static func detectedFormat(of bytes: [UInt8]) throws -> ImageFormat {
        if bytes.isEmpty { throw ImageDecodingError.empty }
        guard let format = format(of: bytes) else { throw ImageDecodingError.unsupportedFormat }
        return format
    }

    static func checkStatus(of result: codec_image, limit: Int, swapsSides: Bool) throws {
        let message = CodecMessage.text(of: result.message)
        switch result.status {
        case CODEC_OK:
            return
        case CODEC_TRUNCATED:
            throw ImageDecodingError.truncated(message)
        case CODEC_TOO_LARGE:
            let width = Int(result.width), height = Int(result.height)
            throw ImageDecodingError.tooLarge(width: swapsSides ? height : width, height: swapsSides ? width : height, limit: limit)
        case CODEC_OUT_OF_MEMORY:
            throw ImageDecodingError.unreadable("not enough memory to decode it; decode at a smaller scale or lower maxPixels")
        default: // CODEC_CORRUPT, CODEC_UNSUPPORTED
            throw ImageDecodingError.corrupt(message)
        }
    }
}
