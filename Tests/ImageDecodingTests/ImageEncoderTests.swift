import XCTest
import ImageDecoding

final class ImageEncoderTests: XCTestCase {
    /// A smooth asymmetric gradient: JPEG keeps it within a few levels.
    func gradient(width: Int, height: Int) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image[x, y] = UInt8((x * 180 / width + y * 60 / height + 10) % 256) }
        }
        return image
    }

    func testGreyPNGRoundTripIsExact() throws {
        var image = gradient(width: 37, height: 21)
        image[0, 0] = 0
        image[36, 20] = 255
        let bytes = try ImageEncoder.png(image)
        XCTAssertEqual(ImageDecoder.format(of: bytes), .png)
        XCTAssertEqual(try ImageDecoder.decode(bytes), image)
    }

    func testRGBPNGRoundTripGivesTheLuma() throws {
        // Pure primaries: the luma weights 0.299, 0.587 and 0.114 of 255, rounded.
        let rgb = RGBImage(width: 4, height: 1, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        let decoded = try ImageDecoder.decode(try ImageEncoder.png(rgb))
        XCTAssertEqual(decoded.pixels, [76, 150, 29, 255])
    }

    func testRGBImageFromGreyRoundTrips() throws {
        let image = gradient(width: 9, height: 5)
        XCTAssertEqual(try ImageDecoder.decode(try ImageEncoder.png(RGBImage(gray: image))), image)
    }

    func testJPEGRoundTripsStayClose() throws {
        let image = gradient(width: 40, height: 24)
        for bytes in [try ImageEncoder.jpeg(image, quality: 95), try ImageEncoder.jpeg(RGBImage(gray: image), quality: 95)] {
            XCTAssertEqual(ImageDecoder.format(of: bytes), .jpeg)
            let decoded = try ImageDecoder.decode(bytes)
            XCTAssertEqual(decoded.width, 40)
            XCTAssertEqual(decoded.height, 24)
            XCTAssertLessThanOrEqual(decoded.maxDifference(from: image), 4)
        }
    }

    func testLowerJPEGQualityGivesSmallerFiles() throws {
        var image = gradient(width: 64, height: 64)
        var state: UInt32 = 1
        for index in image.pixels.indices { // noise, so that quality matters
            state = state &* 1_664_525 &+ 1_013_904_223
            image.pixels[index] = image.pixels[index] &+ UInt8(state >> 28)
        }
        XCTAssertLessThan(try ImageEncoder.jpeg(image, quality: 30).count, try ImageEncoder.jpeg(image, quality: 95).count)
    }

    func testEmptyImagesAreRefused() {
        let empty = GrayImage(width: 0, height: 0)
        XCTAssertThrowsError(try ImageEncoder.png(empty))
        XCTAssertThrowsError(try ImageEncoder.jpeg(empty, quality: 90))
    }
}
