import XCTest
import ImageDecoding
@testable import Preprocessing

final class InkPlaneTests: XCTestCase {
    /// A 60×40 page with a dark 10×6 bar at (20, 15), paper `paper(x, y)`.
    private func page(ink: UInt8 = 30, paper: (Int, Int) -> Int = { _, _ in 230 }) -> GrayImage {
        var image = GrayImage(width: 60, height: 40)
        for y in 0..<40 { for x in 0..<60 { image[x, y] = UInt8(paper(x, y)) } }
        for y in 15..<21 { for x in 20..<30 { image[x, y] = ink } }
        return image
    }

    func testDarkOnLightAndLightOnDarkGiveTheSamePlane() {
        let dark = page()
        let light = GrayImage(width: dark.width, height: dark.height, pixels: dark.pixels.map { 255 - $0 })
        let a = InkPlane(gray: dark), b = InkPlane(gray: light)
        XCTAssertEqual(a.inkBounds(), Box(x: 20, y: 15, width: 10, height: 6))
        XCTAssertEqual(b.inkBounds(), Box(x: 20, y: 15, width: 10, height: 6))
        XCTAssertEqual(a[25, 18], 1, accuracy: 0.01)
        XCTAssertEqual(a[2, 2], 0, accuracy: 0.01)
    }

    func testLightingGradientAndShadowBecomeBackground() {
        // Paper from 240 down to 120 across the page, and a shadow over the right half.
        let image = page(ink: 20) { x, y in Int(240 - 2 * Double(x)) - (x > 40 ? 20 : 0) }
        let plane = InkPlane(gray: image)
        XCTAssertEqual(plane.inkBounds(), Box(x: 20, y: 15, width: 10, height: 6))
        XCTAssertGreaterThan(plane[22, 17], 0.9)
    }

    func testBlankAndNoisyPagesHaveNoInk() {
        XCTAssertNil(InkPlane(gray: GrayImage(width: 50, height: 30, fill: 200)).inkBounds())
        var generator = SystemRandomNumberGenerator()
        let noisy = GrayImage(width: 64, height: 64, pixels: (0..<4096).map { _ in UInt8.random(in: 200...215, using: &generator) })
        XCTAssertNil(InkPlane(gray: noisy).inkBounds())
        XCTAssertNil(InkPlane(gray: GrayImage(width: 0, height: 0)).inkBounds())
    }
}

final class MorphologyTests: XCTestCase {
    /// The constant-time filter against the definition, on random data with odd sizes.
    func testFilterMatchesBruteForce() {
        var generator = SystemRandomNumberGenerator()
        for (width, height, radius) in [(17, 9, 2), (5, 23, 3), (40, 31, 7), (1, 1, 1)] {
            let values = (0..<(width * height)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for maximum in [true, false] {
                var fast = values
                Morphology.filter(&fast, width: width, height: height, radius: radius, maximum: maximum)
                for y in 0..<height {
                    for x in 0..<width {
                        var window: [UInt8] = []
                        for dy in -radius...radius {
                            for dx in -radius...radius {
                                window.append(values[min(height - 1, max(0, y + dy)) * width + min(width - 1, max(0, x + dx))])
                            }
                        }
                        XCTAssertEqual(fast[y * width + x], maximum ? window.max() : window.min(), "\(width)×\(height) r\(radius) at \(x),\(y)")
                    }
                }
            }
        }
    }

    func testReduceAveragesBlocks() {
        let image = GrayImage(width: 4, height: 2, pixels: [0, 4, 8, 8, 4, 0, 8, 8])
        XCTAssertEqual(Downsampler.reduce(image, by: 2), GrayImage(width: 2, height: 1, pixels: [2, 8]))
        XCTAssertEqual(Downsampler.reduce(image, by: 1), image)
    }
}
