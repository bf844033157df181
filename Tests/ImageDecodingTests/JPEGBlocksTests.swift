import XCTest
@testable import ImageDecoding

/// A photo read once through its blocks must give, at every scale, exactly the pixels of
/// libjpeg's own decode at that scale: readings may not depend on which path decoded them.
final class JPEGBlocksTests: XCTestCase {
    /// Noisy, detailed content (strong AC coefficients, values that clip at 0 and 255) in sizes
    /// that are not multiples of the block, in grey and in colour (4:2:0).
    func generatedJPEGs() throws -> [(String, [UInt8])] {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        var files: [(String, [UInt8])] = []
        for (width, height) in [(61, 45), (64, 64), (203, 117), (1, 9)] {
            let grey = GrayImage(width: width, height: height, pixels: (0..<(width * height)).map { index in
                // Stripes with hard edges plus noise: both extremes and fine detail.
                (index % width) / 5 % 2 == 0 ? next() / 8 : 255 - next() / 8
            })
            let colour = RGBImage(width: width, height: height, pixels: (0..<(width * height * 3)).map { _ in next() })
            for quality in [40, 95] {
                files.append(("grey \(width)×\(height) q\(quality)", try ImageEncoder.jpeg(grey, quality: quality)))
                files.append(("colour \(width)×\(height) q\(quality)", try ImageEncoder.jpeg(colour, quality: quality)))
            }
        }
        return files
    }

    func testEveryScaleIsPixelForPixelLibjpegsDecode() throws {
        var files = try generatedJPEGs()
        for name in ["baseline-420", "baseline-444", "grey", "orientation-6", "progressive", "grey-progressive"] {
            files.append((name, try Fixtures.bytes("decode/\(name).jpg")))
        }
        for (name, bytes) in files {
            let blocks = try XCTUnwrap(JPEGBlocks(bytes, maxPixels: 100_000_000), name)
            for denominator in 1...8 {
                let expected = try ImageDecoder.decode(bytes, options: DecodeOptions(scaleDenominator: denominator, appliesOrientation: false))
                let image = try blocks.decode(scaleDenominator: denominator)
                XCTAssertEqual(image.width, expected.width, "\(name) 1/\(denominator)")
                XCTAssertEqual(image.height, expected.height, "\(name) 1/\(denominator)")
                XCTAssertTrue(image.pixels == expected.pixels, "\(name) 1/\(denominator): pixels differ")
            }
        }
    }

    /// The recognizer's path: luminance or the darkest channel (chosen, or asked for), turned
    /// as the EXIF tag says, exactly as the decode of the file gives them; colour planes libjpeg
    /// would upsample (full size) are left to that decode.
    func testEveryChannelIsThatOfLibjpegsDecode() throws {
        var files = try generatedJPEGs()
        for name in ["baseline-420", "baseline-444", "grey", "orientation-6", "progressive"] {
            files.append((name, try Fixtures.bytes("decode/\(name).jpg")))
        }
        var chosen: Set<String> = []
        for (name, bytes) in files {
            let blocks = try XCTUnwrap(JPEGBlocks(bytes, maxPixels: 100_000_000), name)
            for channel in [DecodeOptions.Channel.luminance, .darkest, .darkestForColoredInk] {
                for denominator in [1, 2, 4, 8] {
                    let options = DecodeOptions(scaleDenominator: denominator, channel: channel)
                    let expected = try ImageDecoder.decodeReportingChannel(bytes, options: options)
                    guard let decoded = try blocks.decodeReportingChannel(bytes, options: options) else {
                        XCTAssertTrue(denominator == 1 && channel != .luminance && name != "baseline-444",
                                      "\(name) 1/\(denominator) \(channel): only subsampled colour at full size is left to the decode")
                        continue
                    }
                    XCTAssertEqual(decoded.channel, expected.channel, "\(name) 1/\(denominator) \(channel)")
                    XCTAssertTrue(decoded.image == expected.image, "\(name) 1/\(denominator) \(channel): pixels differ")
                    chosen.insert("\(decoded.channel)")
                }
            }
        }
        XCTAssertEqual(chosen, ["luminance", "darkest"], "both channels exercised")
    }

    /// Files whose grey is not their first component as stored, or too large, or damaged, are
    /// left to the ordinary decode.
    func testFilesItDoesNotApplyToAreRefused() throws {
        for name in ["cmyk"] {
            XCTAssertNil(JPEGBlocks(try Fixtures.bytes("decode/\(name).jpg"), maxPixels: 100_000_000), name)
        }
        let bytes = try Fixtures.bytes("decode/baseline-420.jpg")
        XCTAssertNil(JPEGBlocks(bytes, maxPixels: 10), "over the pixel limit")
        XCTAssertNil(JPEGBlocks(Array(bytes.prefix(bytes.count / 2)), maxPixels: 100_000_000), "truncated")
        XCTAssertNil(JPEGBlocks([0x89, 0x50, 0x4E, 0x47], maxPixels: 100_000_000), "not a JPEG")
    }

    /// The recognizer reads only progressive files through their blocks; the header tells them apart.
    func testHeaderSaysWhetherAJPEGIsProgressive() throws {
        for (name, progressive) in [("progressive", true), ("grey-progressive", true), ("baseline-420", false), ("grey", false)] {
            XCTAssertEqual(try ImageDecoder.header(of: Fixtures.bytes("decode/\(name).jpg")).isProgressive, progressive, name)
        }
        XCTAssertFalse(try ImageDecoder.header(of: Fixtures.bytes("decode/grey-8.png")).isProgressive)
    }
}
