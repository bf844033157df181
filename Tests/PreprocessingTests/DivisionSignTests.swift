import XCTest
import ImageDecoding
@testable import Preprocessing

/// `÷` as writers draw it: dots far from the bar, little circles or ticks for dots, the whole
/// sign slanted like `%`. Its three pieces make one symbol; a fraction's do not.
final class DivisionSignTests: XCTestCase {
    private func glyphBoxes(_ page: PageSketch) -> [Box] {
        Segmenter.segment(page.image).glyphs.map(\.box)
    }

    /// Whether each glyph, left to right, was found shaped like a ÷.
    private func divisionShapes(_ page: PageSketch) -> [Bool] {
        Segmenter.segment(page.image).glyphs.map(\.isDivisionSign)
    }

    /// `1 ÷ 0` with the dots a whole bar's length from a flat bar.
    func testDotsFarFromTheBarJoinIt() {
        var page = PageSketch(width: 420, height: 200)
        page.one(x: 60, y: 60, height: 80)
        page.line(150, 100, 230, 100)
        page.dot(190, 50, diameter: 9)
        page.dot(190, 150, diameter: 9)
        page.zero(x: 290, y: 60, width: 45, height: 80)
        let boxes = glyphBoxes(page)
        XCTAssertEqual(boxes.count, 3, "\(boxes)")
        XCTAssertTrue(boxes.contains { $0.x <= 150 && $0.maxX >= 230 && $0.y <= 50 && $0.maxY >= 150 }, "\(boxes)")
    }

    /// `1 ÷ 0` slanted like a percent sign, its dots drawn as little circles.
    func testSlantedSignWithCirclesIsOneSymbol() {
        var page = PageSketch(width: 420, height: 200)
        page.one(x: 60, y: 60, height: 80)
        page.line(150, 140, 240, 70)
        page.zero(x: 175, y: 50, width: 14, height: 14)
        page.zero(x: 208, y: 140, width: 14, height: 14)
        page.zero(x: 290, y: 60, width: 45, height: 80)
        let boxes = glyphBoxes(page)
        XCTAssertEqual(boxes.count, 3, "\(boxes)")
        XCTAssertTrue(boxes.contains { $0.x <= 150 && $0.maxX >= 240 && $0.y <= 50 && $0.maxY >= 154 }, "\(boxes)")
        XCTAssertEqual(divisionShapes(page), [false, true, false])
    }

    /// The top dot written as a short tick, nearly as long as the bar.
    func testTickForADotJoinsTheBar() {
        var page = PageSketch(width: 420, height: 200)
        page.one(x: 60, y: 60, height: 80)
        page.line(160, 105, 215, 100)
        page.line(186, 55, 190, 85)
        page.dot(188, 130, diameter: 8)
        page.zero(x: 290, y: 60, width: 45, height: 80)
        let boxes = glyphBoxes(page)
        XCTAssertEqual(boxes.count, 3, "\(boxes)")
    }

    /// A fraction `1 / 0` over a short bar: the digits are larger than the bar is long and stay
    /// symbols of their own.
    func testFractionOverAShortBarStaysThreeSymbols() {
        var page = PageSketch(width: 300, height: 300)
        page.one(x: 150, y: 40, height: 80)
        page.line(125, 140, 175, 140)
        page.zero(x: 130, y: 160, width: 40, height: 80)
        let boxes = glyphBoxes(page)
        XCTAssertEqual(boxes.count, 3, "\(boxes)")
        XCTAssertEqual(divisionShapes(page), [false, false, false])
    }
}
