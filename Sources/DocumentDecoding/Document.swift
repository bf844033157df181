import CDocumentCodec
import ImageDecoding

/// A multi-page scan: a TIFF (any page count, 1-bit CCITT fax as well as grey or colour)
/// through libtiff, or a PDF through poppler, rendered page by page at a chosen resolution.
/// The format is read from the bytes, never from a file name.
public struct Document: Sendable {
    public enum Format: String, Sendable, Equatable {
        case tiff = "TIFF", pdf = "PDF"
    }

    public let format: Format
    public let pageCount: Int
    /// PDF pages are rendered at this many dots per inch (a scanner's usual 200 by default).
    public var dpi: Double
    /// Pages larger than this are refused before they are decoded.
    public var maxPixels: Int
    private let bytes: [UInt8]

    /// The format of `bytes` when it is a multi-page document format, nil otherwise (PNG, JPEG…).
    public static func format(of bytes: [UInt8]) -> Format? {
        let head = Array(bytes.prefix(4))
        if head == [0x49, 0x49, 0x2A, 0x00] || head == [0x4D, 0x4D, 0x00, 0x2A] { return .tiff }
        // A PDF header may follow a little junk; the specification allows it within the first KiB.
        let start = Array(bytes.prefix(1024))
        let marker: [UInt8] = Array("%PDF-".utf8)
        if start.count >= marker.count {
            for offset in 0...(start.count - marker.count) where Array(start[offset..<offset + marker.count]) == marker { return .pdf }
        }
        return nil
    }

    /// Opens a TIFF or PDF; throws `DocumentError` for another format, a broken or an encrypted file.
    public init(bytes: [UInt8], dpi: Double = 200, maxPixels: Int = 100_000_000) throws {
        guard let format = Self.format(of: bytes) else { throw DocumentError.notADocument }
        var count: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            format == .tiff
                ? dc_tiff_page_count(buffer.baseAddress, buffer.count, &count, &message, message.count)
                : dc_pdf_page_count(buffer.baseAddress, buffer.count, &count, &message, message.count)
        }
        guard status == 0 else { throw DocumentError.unreadable(format: format.rawValue, reason: Self.text(message)) }
        guard count > 0 else { throw DocumentError.unreadable(format: format.rawValue, reason: "it has no pages") }
        self.format = format
        self.pageCount = Int(count)
        self.dpi = dpi
        self.maxPixels = maxPixels
        self.bytes = bytes
    }

    /// Page `index` (0-based) in grey.
    public func page(_ index: Int) throws -> GrayImage {
        guard (0..<pageCount).contains(index) else { throw DocumentError.noSuchPage(index + 1, of: pageCount) }
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            format == .tiff
                ? dc_tiff_page(buffer.baseAddress, buffer.count, Int32(index), maxPixels, &pixels, &width, &height, &message, message.count)
                : dc_pdf_page(buffer.baseAddress, buffer.count, Int32(index), dpi, maxPixels, &pixels, &width, &height, &message, message.count)
        }
        guard status == 0, let pixels else {
            throw DocumentError.unreadablePage(index + 1, format: format.rawValue, reason: Self.text(message))
        }
        defer { free(pixels) }
        let count = Int(width) * Int(height)
        return GrayImage(width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    private static func text(_ message: [CChar]) -> String {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? "unknown error" : text
    }
}

public enum DocumentError: Error, Equatable, CustomStringConvertible {
    case notADocument
    case unreadable(format: String, reason: String)
    case unreadablePage(Int, format: String, reason: String)
    case noSuchPage(Int, of: Int)
    case unwritable(String)

    public var description: String {
        switch self {
        case .notADocument: return "not a TIFF or PDF file"
        case .unreadable(let format, let reason): return "unreadable \(format): \(reason)"
        case .unreadablePage(let page, let format, let reason): return "\(format) page \(page) unreadable: \(reason)"
        case .noSuchPage(let page, let count): return "no page \(page) (the document has \(count))"
        case .unwritable(let reason): return "cannot write the document: \(reason)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
