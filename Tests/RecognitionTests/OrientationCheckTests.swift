import Foundation
import ImageDecoding
import InkInput
import XCTest
@testable import Recognition

/// A photo's EXIF orientation is checked against its content: writing runs across the page.
final class OrientationCheckTests: XCTestCase {
    /// `8 × 5 = 40` rendered upright (wider than tall).
    private func upright() throws -> GrayImage {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/inkml/formulaire031-equation041.inkml")
        let rendering = InkRenderer.render(try InkDocument.parse(String(contentsOf: url, encoding: .utf8)))
        XCTAssertGreaterThan(rendering.image.width, rendering.image.height)
        return rendering.image
    }

    /// The image turned a quarter counter-clockwise: what a camera stores for a photo it tags 6.
    private func turnedCounterClockwise(_ image: GrayImage) -> GrayImage {
        var turned = GrayImage(width: image.height, height: image.width)
        for y in 0..<image.height {
            for x in 0..<image.width { turned[y, image.width - 1 - x] = image[x, y] }
        }
        return turned
    }

    /// A JPEG of `image` whose APP1 Exif segment (little-endian TIFF, IFD0 with one SHORT
    /// entry) gives `orientation`, placed right after the start-of-image marker.
    private func jpeg(_ image: GrayImage, orientation: UInt16) throws -> [UInt8] {
        let encoded = try ImageEncoder.jpeg(image, quality: 95)
        func u16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] { u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) }
        let tiff = Array("II".utf8) + u16(42) + u32(8) + u16(1) + u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0] + u32(0)
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        let app1: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(encoded.prefix(2)) + app1 + Array(encoded.dropFirst(2))
    }

    func testCameraRotationIsAppliedWhenThePixelsAreSideways() throws {
        let page = try upright()
        let (decoded, _) = try Recognizer.decode(try jpeg(turnedCounterClockwise(page), orientation: 6), options: .init())
        XCTAssertEqual(decoded.width, page.width, "turned back upright, as the tag says")
        XCTAssertEqual(decoded.height, page.height)
    }

    func testUprightPixelsTaggedRotate90AreReadAsStored() throws {
        let page = try upright()
        let bytes = try jpeg(page, orientation: 6)
        XCTAssertTrue(ImageDecoder.orientationTurnsSideways(bytes))
        let (decoded, _) = try Recognizer.decode(bytes, options: .init())
        XCTAssertEqual(decoded.width, page.width, "the tag would stand the writing on end: ignored")
        XCTAssertEqual(decoded.height, page.height)
    }

    func testOrientationZeroMeansAsStored() throws {
        let page = try upright()
        let bytes = try jpeg(page, orientation: 0)
        XCTAssertFalse(ImageDecoder.orientationTurnsSideways(bytes))
        let (decoded, _) = try Recognizer.decode(bytes, options: .init())
        XCTAssertEqual(decoded.width, page.width)
        XCTAssertEqual(decoded.height, page.height)
    }
}
