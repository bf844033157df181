import XCTest
@testable import ImageDecoding

final class ExifOrientationTests: XCTestCase {
    /// Stored 3 × 2 image   1 2 3
    ///                      4 5 6
    /// and how each orientation displays it, worked out by hand from the TIFF 6.0 definitions
    /// ("the 0th row represents the visual ... side, the 0th column the visual ... side").
    func testEachOrientationDisplaysTheStoredPixelsAsSpecified() {
        let stored = GrayImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        let displayed: [ExifOrientation: (Int, Int, [UInt8])] = [
            .upright: (3, 2, [1, 2, 3, 4, 5, 6]),
            .mirroredHorizontally: (3, 2, [3, 2, 1, 6, 5, 4]),
            .rotated180: (3, 2, [6, 5, 4, 3, 2, 1]),
            .mirroredVertically: (3, 2, [4, 5, 6, 1, 2, 3]),
            .transposed: (2, 3, [1, 4, 2, 5, 3, 6]),
            .rotated90Clockwise: (2, 3, [4, 1, 5, 2, 6, 3]),
            .transversed: (2, 3, [6, 3, 5, 2, 4, 1]),
            .rotated90CounterClockwise: (2, 3, [3, 6, 2, 5, 1, 4]),
        ]
        for orientation in ExifOrientation.allCases {
            guard let (width, height, pixels) = displayed[orientation] else { return XCTFail("\(orientation)") }
            XCTAssertEqual(orientation.apply(to: stored), GrayImage(width: width, height: height, pixels: pixels), "\(orientation)")
        }
    }

    func testRotationCrossesTileBoundaries() {
        // Larger than one 64 × 64 tile and not a multiple of it: rotating four times is the identity.
        let pixels = (0..<(150 * 70)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let image = GrayImage(width: 150, height: 70, pixels: pixels)
        var turned = image
        for _ in 0..<4 { turned = ExifOrientation.rotated90Clockwise.apply(to: turned) }
        XCTAssertEqual(turned, image)
        XCTAssertEqual(ExifOrientation.transposed.apply(to: ExifOrientation.transposed.apply(to: image)), image)
    }

    // MARK: - Parsing

    /// SOI, a JFIF APP0, the given segments, then a start of scan.
    func jpeg(_ segments: [UInt8]...) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x07] + Array("JFIF\0".utf8)
        return [0xFF, 0xD8] + app0 + segments.joined() + [0xFF, 0xDA, 0x00, 0x02]
    }

    func segment(marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// APP1 Exif with IFD0 holding one entry (tag, type, value in the first bytes of the value field).
    func exif(littleEndian: Bool, tag: UInt16 = 0x0112, type: UInt16 = 3, value: UInt32, entries: UInt16 = 1) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { littleEndian ? u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) : u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) }
        let valueField = type == 3 ? u16(UInt16(value)) + [0, 0] : u32(value)
        let tiff = (littleEndian ? Array("II".utf8) : Array("MM".utf8)) + u16(42) + u32(8)
            + u16(entries) + u16(tag) + u16(type) + u32(1) + valueField + u32(0)
        return segment(marker: 0xE1, Array("Exif\0\0".utf8) + tiff)
    }

    func testReadsBothByteOrdersAndLongValues() {
        XCTAssertEqual(ExifOrientation(jpeg: jpeg(exif(littleEndian: true, value: 6))), .rotated90Clockwise)
        XCTAssertEqual(ExifOrientation(jpeg: jpeg(exif(littleEndian: false, value: 3))), .rotated180)
        XCTAssertEqual(ExifOrientation(jpeg: jpeg(exif(littleEndian: false, type: 4, value: 8))), .rotated90CounterClockwise)
    }

    func testFindsExifAfterAnotherAPP1Segment() {
        let xmp = segment(marker: 0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x/>".utf8))
        XCTAssertEqual(ExifOrientation(jpeg: jpeg(xmp, exif(littleEndian: true, value: 5))), .transposed)
    }

    func testInvalidOrMissingValuesMeanUpright() {
        let cases: [(String, [UInt8])] = [
            ("value 0", jpeg(exif(littleEndian: true, value: 0))),
            ("value 9", jpeg(exif(littleEndian: true, value: 9))),
            ("another tag", jpeg(exif(littleEndian: true, tag: 0x0110, value: 6))),
            ("type ASCII", jpeg(exif(littleEndian: true, type: 2, value: 6))),
            ("entry count past the end", jpeg(exif(littleEndian: true, tag: 0x0100, value: 6, entries: 500))),
            ("no Exif", jpeg()),
            ("not a JPEG", Array("hello".utf8)),
        ]
        for (name, bytes) in cases { XCTAssertEqual(ExifOrientation(jpeg: bytes), .upright, name) }
    }

    func testSegmentsAreBoundsChecked() {
        let full = jpeg(exif(littleEndian: true, value: 6))
        // Every prefix: a segment length running past the end must stop the walk, not trap.
        for length in 0..<full.count {
            let orientation = ExifOrientation(jpeg: Array(full[..<length]))
            XCTAssertTrue(orientation == .upright || length >= full.count - 4, "cut at \(length)")
        }
        // Exif after the start of scan belongs to the compressed data, not the header.
        let afterScan = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02] + exif(littleEndian: true, value: 6)
        XCTAssertEqual(ExifOrientation(jpeg: afterScan), .upright)
    }
}
