import CImageCodec

/// Encodes images as PNG (lossless, for overlays and rendered samples) or JPEG (photo-like samples).
public enum ImageEncoder {
    public static func png(_ image: GrayImage) throws -> [UInt8] {
        try encode(image.pixels, width: image.width, height: image.height, channels: 1) { codec_png_encode($0, $1, $2, $3, $4) }
    }

    public static func png(_ image: RGBImage) throws -> [UInt8] {
        try encode(image.pixels, width: image.width, height: image.height, channels: 3) { codec_png_encode($0, $1, $2, $3, $4) }
    }

    /// `quality` runs from 1 to 100 (values outside are clamped); 90 keeps handwriting crisp.
    public static func jpeg(_ image: GrayImage, quality: Int) throws -> [UInt8] {
        let quality = Int32(min(max(quality, 1), 100))
        return try encode(image.pixels, width: image.width, height: image.height, channels: 1) {
            codec_jpeg_encode($0, $1, $2, $3, quality, $4)
        }
    }

    public static func jpeg(_ image: RGBImage, quality: Int) throws -> [UInt8] {
        let quality = Int32(min(max(quality, 1), 100))
        return try encode(image.pixels, width: image.width, height: image.height, channels: 3) {
            codec_jpeg_encode($0, $1, $2, $3, quality, $4)
        }
    }

    private static func encode(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int32,
        with encoder: (UnsafePointer<UInt8>?, Int32, Int32, Int32, UnsafeMutablePointer<codec_buffer>) -> Void
    ) throws -> [UInt8] {
        guard let width32 = Int32(exactly: width), let height32 = Int32(exactly: height) else {
            throw ImageDecodingError.encodingFailed("\(width)×\(height) is too large to encode")
        }
        var result = codec_buffer()
        pixels.withUnsafeBufferPointer { buffer in encoder(buffer.baseAddress, width32, height32, channels, &result) }
        defer { codec_free(result.bytes) }
        guard result.status == CODEC_OK else {
            throw ImageDecodingError.encodingFailed(CodecMessage.text(of: result.message))
        }
        return [UInt8](UnsafeBufferPointer(start: result.bytes, count: result.size))
    }
}
