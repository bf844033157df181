import ImageDecoding
import XCTest
@testable import Recognition

/// Large JPEGs are worked on at a bounded number of pixels, which bounds memory.
final class DecodeScaleTests: XCTestCase {
    private func jpeg(width: Int, height: Int) throws -> [UInt8] {
        var image = GrayImage(width: width, height: height)
        for x in width / 4..<(width / 4 + 8) { for y in height / 3..<(2 * height / 3) { image.pixels[y * width + x] = 0 } }
        return try ImageEncoder.jpeg(image, quality: 90)
    }

    func testJPEGsAboveTheWorkingLimitAreDecodedAtAReducedScale() throws {
        var options = Recognizer.Options()
        options.maxWorkingPixels = 100_000
        // 800 × 600 = 480,000 pixels: 1/2 gives 120,000, still too many; 1/4 gives 30,000.
        let (image, scale) = try Recognizer.decode(try jpeg(width: 800, height: 600), options: options)
        XCTAssertEqual(scale, 4)
        XCTAssertEqual(image.width, 200)
        XCTAssertEqual(image.height, 150)
        // Within the limit, full size.
        options.maxWorkingPixels = 480_000
        XCTAssertEqual(try Recognizer.decode(try jpeg(width: 800, height: 600), options: options).scale, 1)
    }

    /// A photo of pink ink on grey card is read in its darkest channel, in which the ink has
    /// the contrast it has to the eye; the probe of a large photo decides the same way.
    func testColoredInkOnNeutralPaperIsDecodedInTheDarkestChannel() throws {
        for (width, height) in [(300, 200), (3000, 2000)] {
            var pixels: [UInt8] = []
            for y in 0..<height {
                for x in 0..<width {
                    let isInk = (height / 3..<2 * height / 3).contains(y) && (x / (width / 50)) % 3 == 0
                    pixels += isInk ? [235, 60, 150] : [168, 168, 166]
                }
            }
            let bytes = try ImageEncoder.jpeg(RGBImage(width: width, height: height, pixels: pixels), quality: 90)
            let (image, scale) = try Recognizer.decode(bytes, options: Recognizer.Options())
            let expected = try ImageDecoder.decode(bytes, options: DecodeOptions(scaleDenominator: scale, channel: .darkestForColoredInk))
            XCTAssertEqual(image, expected, "\(width) × \(height)")
            XCTAssertLessThan(image.pixels.min() ?? 255, 100, "the ink is dark")
        }
    }
}
