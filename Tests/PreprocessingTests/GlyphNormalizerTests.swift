import ImageDecoding
import XCTest
@testable import Preprocessing

final class GlyphNormalizerTests: XCTestCase {
    private let side = Glyph.cropSide

    private func plane(width: Int, height: Int, ink: Box) -> InkPlane {
        var plane = InkPlane(width: width, height: height, values: [Float](repeating: 0, count: width * height))
        for y in ink.y..<ink.maxY { for x in ink.x..<ink.maxX { plane[x, y] = 1 } }
        return plane
    }

    private func inkRows(_ crop: [Float]) -> [Int] {
        (0..<side).filter { y in (0..<side).contains { crop[y * side + $0] > 0.1 } }
    }

    func testFlatBarStaysFlatAndCentred() {
        let bar = Box(x: 10, y: 20, width: 80, height: 6)
        let crop = GlyphNormalizer.crop(plane(width: 100, height: 50, ink: bar), box: bar)
        XCTAssertEqual(crop.count, side * side)
        XCTAssertEqual(crop.max(), 1)
        let rows = inkRows(crop)
        XCTAssertLessThanOrEqual(rows.count, 4, "aspect ratio kept")
        XCTAssertEqual(Double(rows.reduce(0, +)) / Double(rows.count), Double(side - 1) / 2, accuracy: 1)
        let columns = (0..<side).filter { x in (0..<side).contains { crop[$0 * side + x] > 0.1 } }
        XCTAssertEqual(columns.count, 28, accuracy: 1, "the long side fills the square less a margin")
    }

    func testThinStrokeIsNormalisedToFullContrast() {
        var plane = self.plane(width: 200, height: 200, ink: Box(x: 100, y: 10, width: 1, height: 180))
        for index in plane.values.indices { plane.values[index] *= 0.4 }
        let crop = GlyphNormalizer.crop(plane, box: Box(x: 100, y: 10, width: 1, height: 180))
        XCTAssertEqual(crop.max() ?? 0, 1, accuracy: 1e-5)
        XCTAssertEqual(inkRows(crop).count, 28, accuracy: 1)
    }

    func testBoxOutsideThePlaneGivesBlankCrop() {
        let ink = plane(width: 10, height: 10, ink: Box(x: 0, y: 0, width: 10, height: 10))
        XCTAssertEqual(GlyphNormalizer.crop(ink, box: Box(x: 20, y: 20, width: 5, height: 5)), [Float](repeating: 0, count: side * side))
        let partial = GlyphNormalizer.crop(ink, box: Box(x: -5, y: -5, width: 10, height: 10))
        XCTAssertEqual(partial.max(), 1)
    }

    func testGlyphInitUsesTheNormalizer() {
        let box = Box(x: 2, y: 3, width: 5, height: 7)
        let ink = plane(width: 20, height: 20, ink: box)
        let glyph = Glyph(ink: ink, box: box, line: 2)
        XCTAssertEqual(glyph.crop, GlyphNormalizer.crop(ink, box: box))
        XCTAssertEqual(glyph.line, 2)
        XCTAssertEqual(glyph.box, box)
    }
}
