import XCTest
import ImageDecoding

final class ImageFormatTests: XCTestCase {
    func testDetectionUsesMagicBytesOnly() {
        XCTAssertEqual(ImageDecoder.format(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), .png)
        XCTAssertEqual(ImageDecoder.format(of: [0xFF, 0xD8, 0xFF, 0xE0]), .jpeg)
        XCTAssertNil(ImageDecoder.format(of: []))
        XCTAssertNil(ImageDecoder.format(of: [0x89, 0x50, 0x4E, 0x47])) // cut inside the signature
        XCTAssertNil(ImageDecoder.format(of: Array("GIF89a".utf8)))
    }

    func testErrorMessagesSayWhatToDo() {
        let message = ImageDecodingError.tooLarge(width: 100_000, height: 100_000, limit: 100_000_000).description
        XCTAssertTrue(message.contains("100000×100000"), message)
        XCTAssertTrue(message.contains("maxPixels"), message)
        XCTAssertTrue(ImageDecodingError.unsupportedFormat.description.contains("PNG or JPEG"))
    }
}
