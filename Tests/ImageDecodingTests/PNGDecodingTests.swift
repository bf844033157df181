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

    /// Each pixel of a reduced decode is the rounded mean of its block of full-size pixels
    /// (smaller blocks at the right and bottom edges), for every variant, interlaced ones
    /// included (their rows arrive pass by pass).
    func testReducedDecodeIsTheMeanOfEachBlock() throws {
        for name in Self.variants {
            let bytes = try Fixtures.bytes("decode/\(name).png")
            let full = try Fixtures.pgm("decode/\(name).pgm")
            for (denominator, scale) in [(2, 2), (3, 2), (4, 4), (8, 8), (16, 8)] {
                let image = try ImageDecoder.decode(bytes, options: DecodeOptions(scaleDenominator: denominator))
                XCTAssertEqual(image, Self.blockMeans(full, scale: scale), "\(name) 1/\(denominator)")
            }
        }
    }

    /// The reference reduction, computed directly from the full-size pixels.
    static func blockMeans(_ image: GrayImage, scale: Int) -> GrayImage {
        let width = (image.width + scale - 1) / scale, height = (image.height + scale - 1) / scale
        var reduced = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0, count = 0
                for fy in y * scale..<min(image.height, (y + 1) * scale) {
                    for fx in x * scale..<min(image.width, (x + 1) * scale) {
                        sum += Int(image.pixels[fy * image.width + fx])
                        count += 1
                    }
                }
                reduced.pixels[y * width + x] = UInt8((sum + count / 2) / count)
            }
        }
        return reduced
    }

    /// A page far above the working size decodes reduced, without the full-size image: a
    /// 9000 × 4000 white page (a few kilobytes as PNG) with one black square.
    func testLargePNGDecodesReduced() throws {
        var page = GrayImage(width: 9000, height: 4000)
        for y in 1000..<1400 { for x in 6000..<6400 { page.pixels[y * 9000 + x] = 0 } }
        let bytes = try ImageEncoder.png(page)
        XCTAssertLessThan(bytes.count, 200_000)
        let image = try ImageDecoder.decode(bytes, options: DecodeOptions(scaleDenominator: 4))
        XCTAssertEqual(image.width, 2250)
        XCTAssertEqual(image.height, 1000)
        let black = image.pixels.indices.filter { image.pixels[$0] == 0 }
        XCTAssertEqual(black.count, 100 * 100)
        XCTAssertEqual(black.first, 250 * 2250 + 1500)
        XCTAssertEqual(black.last, 349 * 2250 + 1599)
    }

    func testSizeLimitIsConfigurable() throws {
        let bytes = try Fixtures.bytes("decode/rgb-8.png") // 13 × 7 = 91 pixels
        XCTAssertNoThrow(try ImageDecoder.decode(bytes, options: DecodeOptions(maxPixels: 91)))
        XCTAssertThrowsError(try ImageDecoder.decode(bytes, options: DecodeOptions(maxPixels: 90))) { error in
            XCTAssertEqual(error as? ImageDecodingError, .tooLarge(width: 13, height: 7, limit: 90))
        }
    }
}
