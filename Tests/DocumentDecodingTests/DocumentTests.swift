import DocumentDecoding
import Foundation
import ImageDecoding
import XCTest

/// TIFF and PDF pages written here and read back: page counts, sizes, ink where it was drawn.
final class DocumentTests: XCTestCase {
    /// A white page with a black square of `side` at (x, y).
    func page(width: Int, height: Int, square: (x: Int, y: Int, side: Int)) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for y in square.y..<(square.y + square.side) {
            for x in square.x..<(square.x + square.side) { image.pixels[y * width + x] = 0 }
        }
        return image
    }

    func temporaryFile(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("documents-\(UUID().uuidString)-\(name)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    func testOneBitCCITTTiffKeepsEveryPage() throws {
        let pages = [page(width: 300, height: 200, square: (20, 30, 40)), page(width: 250, height: 400, square: (100, 300, 60)),
                     page(width: 64, height: 64, square: (0, 0, 8))]
        let url = temporaryFile("scan.tif")
        try DocumentEncoder.writeTIFF(pages, to: url.path, bilevel: true)
        let data = try bytes(url)
        XCTAssertEqual(Document.format(of: data), .tiff)
        let document = try Document(bytes: data)
        XCTAssertEqual(document.pageCount, 3)
        for (index, expected) in pages.enumerated() {
            let read = try document.page(index)
            XCTAssertEqual(read, expected, "page \(index + 1): 1-bit black and white comes back exactly")
        }
        XCTAssertThrowsError(try document.page(3)) { XCTAssertEqual($0 as? DocumentError, .noSuchPage(4, of: 3)) }
    }

    func testGreyTiff() throws {
        var image = page(width: 50, height: 30, square: (10, 10, 5))
        image.pixels[0] = 128
        let url = temporaryFile("grey.tif")
        try DocumentEncoder.writeTIFF([image], to: url.path, bilevel: false)
        XCTAssertEqual(try Document(bytes: try bytes(url)).page(0), image)
    }

    func testPdfPagesAreRenderedAtTheChosenResolution() throws {
        let pages = [page(width: 400, height: 300, square: (100, 100, 50)), page(width: 200, height: 200, square: (0, 150, 50))]
        let url = temporaryFile("scan.pdf")
        try DocumentEncoder.writePDF(pages, to: url.path, dpi: 100)
        let data = try bytes(url)
        XCTAssertEqual(Document.format(of: data), .pdf)
        let same = try Document(bytes: data, dpi: 100)
        XCTAssertEqual(same.pageCount, 2)
        let first = try same.page(0)
        XCTAssertEqual([first.width, first.height], [400, 300])
        XCTAssertLessThan(first[125, 125], 60, "ink inside the square")
        XCTAssertGreaterThan(first[50, 50], 200, "paper outside it")
        let double = try Document(bytes: data, dpi: 200).page(1)
        XCTAssertEqual([double.width, double.height], [400, 400])
        XCTAssertLessThan(double[50, 350], 60)
        XCTAssertGreaterThan(double[200, 100], 200)
    }

    func testBrokenAndForeignBytesAreClearErrors() throws {
        XCTAssertNil(Document.format(of: [0x89, 0x50, 0x4E, 0x47]), "a PNG is no document")
        XCTAssertThrowsError(try Document(bytes: Array("hello".utf8))) { XCTAssertEqual($0 as? DocumentError, .notADocument) }
        XCTAssertThrowsError(try Document(bytes: Array("%PDF-1.7\n1 0 obj garbage".utf8))) { error in
            guard case .unreadable(let format, _)? = error as? DocumentError else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "PDF")
        }
        XCTAssertThrowsError(try Document(bytes: [0x49, 0x49, 0x2A, 0x00, 0xFF, 0xFF, 0xFF, 0x7F])) { error in
            guard case .unreadable(let format, _)? = error as? DocumentError else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "TIFF")
        }
    }

    func testAnEncryptedPdfIsAClearError() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/documents/encrypted.pdf")
        let data = try bytes(url)
        XCTAssertEqual(Document.format(of: data), .pdf)
        XCTAssertThrowsError(try Document(bytes: data)) { error in
            guard case .unreadable(let format, let reason)? = error as? DocumentError else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "PDF")
            XCTAssertTrue(reason.contains("encrypted"), reason)
        }
    }

    func testAPageLargerThanTheLimitIsRefused() throws {
        let url = temporaryFile("big.tif")
        try DocumentEncoder.writeTIFF([page(width: 100, height: 100, square: (0, 0, 1))], to: url.path, bilevel: true)
        var document = try Document(bytes: try bytes(url))
        document.maxPixels = 5000
        XCTAssertThrowsError(try document.page(0))
    }
}
