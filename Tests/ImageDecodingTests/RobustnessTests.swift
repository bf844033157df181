import Foundation
import XCTest
import ImageDecoding

/// Damaged versions of valid files: every prefix must fail cleanly, random byte changes must
/// either decode or throw — never crash or hang.
final class RobustnessTests: XCTestCase {
    let files = ["decode/rgb-8-interlaced.png", "decode/palette-8-trns.png", "decode/progressive.jpg", "decode/orientation-6.jpg"]

    func testEveryPrefixOfAValidFileIsRejected() throws {
        for name in files {
            let bytes = try Fixtures.bytes(name)
            for length in 0..<bytes.count {
                XCTAssertThrowsError(try ImageDecoder.decode(Array(bytes[..<length])), "\(name) cut at \(length)")
            }
        }
    }

    func testRandomlyDamagedFilesNeverCrash() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var failures = 0
        for name in files {
            let original = try Fixtures.bytes(name)
            for _ in 0..<200 {
                var bytes = original
                for _ in 0..<(1 + next(4)) { bytes[next(bytes.count)] = UInt8(next(256)) }
                do {
                    let image = try ImageDecoder.decode(bytes)
                    XCTAssertEqual(image.pixels.count, image.width * image.height)
                } catch is ImageDecodingError {
                    failures += 1
                }
            }
        }
        XCTAssertGreaterThan(failures, 0, "damage is expected to be detected at least sometimes")
    }

    func testConcurrentDecodesAreIndependent() throws {
        let inputs = try files.map { try Fixtures.bytes($0) }
        let expected = try inputs.map { try ImageDecoder.decode($0) }
        // Each iteration writes its own slot.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<GrayImage?>.allocate(capacity: inputs.count * 8)
        defer { results.deallocate() }
        results.initialize(repeating: nil)
        DispatchQueue.concurrentPerform(iterations: results.count) { index in
            results[index] = try? ImageDecoder.decode(inputs[index % inputs.count])
        }
        for index in 0..<results.count { XCTAssertEqual(results[index], expected[index % inputs.count]) }
    }
}
