import CDocumentCodec
import ImageDecoding
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes grey pages as a multi-page TIFF or PDF: synthetic scans for tests and demonstrations.
public enum DocumentEncoder {
    /// A multi-page TIFF; `bilevel` writes 1-bit CCITT group 4, as office scanners do.
    public static func writeTIFF(_ pages: [GrayImage], to path: String, bilevel: Bool) throws {
        try write(pages) { pointers, widths, heights, message in
            dc_tiff_write(path, Int32(pages.count), pointers, widths, heights, bilevel ? 1 : 0, message, 256)
        }
    }

    /// A line of typeset text on a page, as a printed worksheet has (a heading, instructions).
    public struct PrintedText: Sendable {
        /// The page it is on, counted from 0.
        public var page: Int
        /// Where its baseline starts, in the page image's pixels.
        public var x: Double, y: Double
        /// Font size in pixels.
        public var size: Double
        public var bold: Bool
        public var text: String

        public init(page: Int, x: Double, y: Double, size: Double, bold: Bool = false, text: String) {
            (self.page, self.x, self.y, self.size, self.bold, self.text) = (page, x, y, size, bold, text)
        }
    }

    /// A PDF with one page per image, each sized as scanned at `dpi`, with `text` printed over
    /// the images as vector text in the system's sans-serif font.
    public static func writePDF(_ pages: [GrayImage], text: [PrintedText] = [], to path: String, dpi: Double) throws {
        // C strings that live until the C call returns.
        let strings = text.map { strdup($0.text) }
        defer { strings.forEach { free($0) } }
        let printed = zip(text, strings).map { line, string in
            dc_printed_text(page: Int32(line.page), x: line.x, y: line.y, size: line.size, bold: line.bold ? 1 : 0, text: UnsafePointer(string))
        }
        try write(pages) { pointers, widths, heights, message in
            dc_pdf_write(path, Int32(pages.count), pointers, widths, heights, dpi, printed, Int32(printed.count), message, 256)
        }
    }

    private static func write(_ pages: [GrayImage],
                              _ body: (UnsafePointer<UnsafePointer<UInt8>?>, UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafeMutablePointer<CChar>) -> Int32) throws {
        guard !pages.isEmpty, pages.allSatisfy({ $0.width > 0 && $0.height > 0 }) else {
            throw DocumentError.unwritable("no pages to write")
        }
        // Keep every page's pixels alive and pinned while C reads them.
        let buffers = pages.map { page -> UnsafeMutableBufferPointer<UInt8> in
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: page.pixels.count)
            _ = buffer.initialize(from: page.pixels)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        let pointers: [UnsafePointer<UInt8>?] = buffers.map { UnsafePointer($0.baseAddress) }
        let widths = pages.map { Int32($0.width) }, heights = pages.map { Int32($0.height) }
        var message = [CChar](repeating: 0, count: 256)
        let status = body(pointers, widths, heights, &message)
        guard status == 0 else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw DocumentError.unwritable(reason)
        }
    }
}
