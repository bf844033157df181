/// Why an image could not be read or written.
public enum ImageDecodingError: Error, Equatable, CustomStringConvertible {
    /// The file has no bytes at all.
    case empty
    /// The data ends before the image is complete (an interrupted copy or download).
    case truncated(String)
    /// The data is damaged: a checksum, a compressed stream or a header is wrong.
    case corrupt(String)
    /// The content is neither PNG nor JPEG (detected by magic bytes, not by file name).
    case unsupportedFormat
    /// The declared size exceeds the limit; refused before allocating memory for it.
    case tooLarge(width: Int, height: Int, limit: Int)
    /// A side is longer than a page can be (a strip); refused before allocating memory for it.
    case sideTooLong(width: Int, height: Int, limit: Int)
    /// The bytes could not be obtained or held: an I/O failure in the CLI, or not enough memory.
    case unreadable(String)
    /// libpng or libjpeg refused to write the image.
    case encodingFailed(String)

    public var description: String {
        switch self {
        case .empty:
            return "the file is empty (0 bytes); check that it was copied or downloaded completely"
        case .truncated(let detail):
            return "the image data ends early (\(detail)); the file is incomplete, copy or download it again"
        case .corrupt(let detail):
            return "the image data is corrupt (\(detail)); re-export or re-scan the image"
        case .unsupportedFormat:
            return "not a PNG or JPEG image (the content was checked, not the file name); convert it to PNG or JPEG"
        case .tooLarge(let width, let height, let limit):
            return "the image declares \(width)×\(height) = \(width * height) pixels, more than the limit of \(limit) pixels; "
                + "downscale it (or, from code, raise DecodeOptions.maxPixels)"
        case .sideTooLong(let width, let height, let limit):
            return "the image declares \(width)×\(height) pixels: a side longer than \(limit) pixels is no page of writing"
        case .unreadable(let detail):
            return "cannot read the image: \(detail)"
        case .encodingFailed(let detail):
            return "cannot encode the image: \(detail)"
        }
    }
}
