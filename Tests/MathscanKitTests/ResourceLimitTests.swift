import Foundation
import MathscanKit
import XCTest

/// Pages that would hold a batch for long or take much memory: a page of thousands of specks
/// stops at the time budget with a clear error, and a PNG above the working size is read
/// reduced with its boxes still in full-size pixels.
final class ResourceLimitTests: XCTestCase {
    private static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")

    /// A 4000 × 3000 white page with 6000 dark specks of 2 to 7 pixels, placed by a fixed seed.
    static func specklePage() -> GrayImage {
        var page = GrayImage(width: 4000, height: 3000)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<6000 {
            let size = 2 + next(6), x = next(page.width - size), y = next(page.height - size)
            for row in y..<y + size { for column in x..<x + size { page.pixels[row * page.width + column] = UInt8(next(80)) } }
        }
        return page
    }

    func testSpecklePageStopsAtATinyTimeBudget() throws {
        var options = Recognizer.Options()
        options.timeBudget = .milliseconds(1)
        let recognizer = try Recognizer.shipped(options: options)
        let page = Self.specklePage()
        let bytes = try ImageEncoder.png(page)
        let attempts: [() throws -> PageReading] = [{ try recognizer.recognize(imageBytes: bytes) }, { try recognizer.read(page) }]
        for attempt in attempts {
            XCTAssertThrowsError(try attempt()) { error in
                guard case .timeBudgetExceeded(let budget, _)? = error as? RecognitionError else {
                    return XCTFail("unexpected error \(error)")
                }
                XCTAssertEqual(budget, .milliseconds(1))
                XCTAssertTrue("\(error)".contains("time budget"), "\(error)")
            }
        }
    }

    func testNormalPageIsReadWithinTheDefaultBudget() throws {
        let recognizer = try Recognizer.shipped()
        XCTAssertNotNil(recognizer.options.timeBudget)
        let name = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: Self.samples.path).sorted().first { $0.hasSuffix(".png") })
        XCTAssertFalse(try recognizer.recognize(contentsOf: Self.samples.appendingPathComponent(name)).lines.isEmpty)
    }

    /// A sample page drawn at twice its size (each pixel 2 × 2, at an even offset) on a
    /// 9000 × 4000 white page, 36 megapixels, above the 32 of `maxWorkingPixels`: decoded at
    /// 1/2, which gives back the sample's own pixels, and read with boxes in full-size pixels.
    func testLargePNGIsReadReducedWithFullSizeBoxes() throws {
        let recognizer = try Recognizer.shipped()
        let name = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: Self.samples.path).sorted().first { $0.hasSuffix(".png") })
        let sampleBytes = try FileContents.read(Self.samples.appendingPathComponent(name))
        let sample = try ImageDecoder.decode(sampleBytes)
        let (left, top) = (6000, 2400)
        var page = GrayImage(width: 9000, height: 4000)
        for y in 0..<sample.height * 2 {
            for x in 0..<sample.width * 2 {
                page.pixels[(top + y) * page.width + left + x] = sample.pixels[y / 2 * sample.width + x / 2]
            }
        }
        let bytes = try ImageEncoder.png(page)
        XCTAssertLessThan(bytes.count, 1_000_000)

        let run = try recognizer.recognizeTimed(imageBytes: bytes)
        XCTAssertEqual(run.scale, 2)
        XCTAssertEqual(run.image.width, 4500)
        XCTAssertEqual(run.image.height, 2000)
        let direct = try recognizer.recognize(imageBytes: sampleBytes)
        XCTAssertFalse(direct.lines.isEmpty)
        XCTAssertEqual(run.page.lines.map(\.latex), direct.lines.map(\.latex))
        // Every box inside the drawn sample in full-size pixels (at 1/2 they would lie at half these coordinates).
        let drawn = Box(x: left, y: top, width: sample.width * 2, height: sample.height * 2)
        for line in run.page.lines {
            for box in [line.box] + line.symbols.map(\.box) {
                XCTAssertTrue(box.x >= drawn.x && box.y >= drawn.y && box.maxX <= drawn.maxX && box.maxY <= drawn.maxY, "\(box)")
            }
        }
        for (line, directLine) in zip(run.page.lines, direct.lines) {
            XCTAssertEqual(line.symbols.map(\.box),
                           directLine.symbols.map { Box(x: left + 2 * $0.box.x, y: top + 2 * $0.box.y, width: 2 * $0.box.width, height: 2 * $0.box.height) })
        }
    }
}
