import XCTest
@testable import ImageDecoding

/// JPEG fixtures all encode the same block pattern (flat, block-aligned areas that JPEG keeps
/// almost exactly); the decoded grey must match the source pattern within JPEG's small error.
final class JPEGDecodingTests: XCTestCase {
    /// At quality 95, flat 16×16 blocks come back within a couple of levels; a wrong colour
    /// conversion, orientation or scale moves pixels by tens of levels.
    let tolerance = 4

    func expected() throws -> GrayImage { try Fixtures.pgm("decode/block-pattern.pgm") }

    func testEveryVariantDecodesToTheSourcePattern() throws {
        let expected = try expected()
        for name in ["baseline-420", "baseline-444", "progressive", "grey", "grey-progressive", "cmyk"] {
            let bytes = try Fixtures.bytes("decode/\(name).jpg")
            XCTAssertEqual(ImageDecoder.format(of: bytes), .jpeg, name)
            let image = try ImageDecoder.decode(bytes)
            XCTAssertEqual(image.width, expected.width, name)
            XCTAssertEqual(image.height, expected.height, name)
            XCTAssertLessThanOrEqual(image.maxDifference(from: expected), tolerance, name)
        }
    }

    func testEveryExifOrientationDecodesUpright() throws {
        let expected = try expected()
        for orientation in 1...8 {
            let bytes = try Fixtures.bytes("decode/orientation-\(orientation).jpg")
            XCTAssertEqual(ExifOrientation(jpeg: bytes).rawValue, orientation)
            let image = try ImageDecoder.decode(bytes)
            XCTAssertEqual(image.width, expected.width, "orientation \(orientation)")
            XCTAssertEqual(image.height, expected.height, "orientation \(orientation)")
            XCTAssertLessThanOrEqual(image.maxDifference(from: expected), tolerance, "orientation \(orientation)")
            let header = try ImageDecoder.header(of: bytes)
            XCTAssertEqual(header, ImageHeader(format: .jpeg, width: expected.width, height: expected.height))
        }
    }

    func testMalformedExifIsIgnored() throws {
        let expected = try expected()
        for name in ["exif-bad-offset", "exif-bad-count"] {
            let bytes = try Fixtures.bytes("decode/\(name).jpg")
            XCTAssertEqual(ExifOrientation(jpeg: bytes), .upright, name)
            XCTAssertLessThanOrEqual(try ImageDecoder.decode(bytes).maxDifference(from: expected), tolerance, name)
        }
    }

    func testScaledDecodeHasTheExpectedSize() throws {
        let bytes = try Fixtures.bytes("decode/baseline-420.jpg") // 64 × 48
        for (denominator, width, height) in [(1, 64, 48), (2, 32, 24), (4, 16, 12), (8, 8, 6)] {
            let image = try ImageDecoder.decode(bytes, options: DecodeOptions(scaleDenominator: denominator))
            XCTAssertEqual(image.width, width, "1/\(denominator)")
            XCTAssertEqual(image.height, height, "1/\(denominator)")
        }
    }

    func testScaledDecodeKeepsTheBlockLevels() throws {
        // At 1/8 every 16×16 flat block becomes a 2×2 flat block of the same level.
        let expected = try expected()
        let image = try ImageDecoder.decode(try Fixtures.bytes("decode/progressive.jpg"), options: DecodeOptions(scaleDenominator: 8))
        for y in 0..<image.height {
            for x in 0..<image.width {
                XCTAssertLessThanOrEqual(abs(Int(image[x, y]) - Int(expected[x * 8, y * 8])), tolerance, "(\(x), \(y))")
            }
        }
    }

    func testScaleIsAppliedBeforeOrientation() throws {
        // Orientation 6 stores the pattern as 48 × 64; displayed at 1/4 it is 16 × 12.
        let image = try ImageDecoder.decode(try Fixtures.bytes("decode/orientation-6.jpg"), options: DecodeOptions(scaleDenominator: 4))
        XCTAssertEqual(image.width, 16)
        XCTAssertEqual(image.height, 12)
    }
}
