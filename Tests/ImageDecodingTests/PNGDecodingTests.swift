import XCTest
@testable import ImageDecoding

/// Golden decodes: each PNG variant against the grey pixels computed independently by
/// scripts/make-decode-fixtures.py. PNG is lossless, so the match must be exact.
final class PNGDecodingTests: XCTestCase {
    static let variants = [
        "grey-1", "grey-2", "grey-4", "grey-8", "grey-16", "grey-8-trns",
        "grey-1-interlaced", "grey-8-interlaced",
        "grey-alpha-8", "grey-alpha-16",
        "rgb-8", "rgb-16", "rgb-8-trns", "rgb-8-interlaced", "rgb-16-interlaced",
        "rgba-8", "rgba-16",
        "palette-1", "palette-2", "palette-4", "palette-8", "palette-8-trns", "palette-4-interlaced",
    ]

    func testEveryVariantDecodesToItsGoldenPixels() throws {
        for name in Self.variants {
            let bytes = try Fixtures.bytes("decode/\(name).png")
            let expected = try Fixtures.pgm("decode/\(name).pgm")
            XCTAssertEqual(ImageDecoder.format(of: bytes), .png, name)
            let image = try ImageDecoder.decode(bytes)
            XCTAssertEqual(image, expected, name)
        }
    }

    func testHeaderGivesTheSizeWithoutDecoding() throws {
        let header = try ImageDecoder.header(of: try Fixtures.bytes("decode/rgb-8.png"))
        XCTAssertEqual(header, ImageHeader(format: .png, width: 13, height: 7))
    }

    func testScaleDenominatorIsIgnoredForPNG() throws {
        let bytes = try Fixtures.bytes("decode/rgb-8.png")
        let image = try ImageDecoder.decode(bytes, options: DecodeOptions(scaleDenominator: 4))
        XCTAssertEqual(image, try ImageDecoder.decode(bytes))
    }

    func testSizeLimitIsConfigurable() throws {
        let bytes = try Fixtures.bytes("decode/rgb-8.png") // 13 × 7 = 91 pixels
        XCTAssertNoThrow(try ImageDecoder.decode(bytes, options: DecodeOptions(maxPixels: 91)))
        XCTAssertThrowsError(try ImageDecoder.decode(bytes, options: DecodeOptions(maxPixels: 90))) { error in
            XCTAssertEqual(error as? ImageDecodingError, .tooLarge(width: 13, height: 7, limit: 90))
        }
    }
}
