import XCTest
import ImageDecoding
@testable import Preprocessing

/// Rules of lined paper and page edges are not ink of the equation; a fraction bar as long is.
final class RuledLinesTests: XCTestCase {
    /// `10 01` written between two rules that run across the page (slightly sloped, as on
    /// a photo): the rules are neither a symbol nor a line of their own.
    func testRulesAcrossThePageAreNotSymbols() {
        var page = PageSketch(width: 640, height: 220)
        page.line(15, 20, 625, 26)
        page.line(10, 196, 630, 190)
        page.one(x: 100, y: 70, height: 70)
        page.zero(x: 150, y: 70, width: 40, height: 70)
        page.zero(x: 300, y: 70, width: 40, height: 70)
        page.one(x: 380, y: 70, height: 70)
        let segmentation = Segmenter.segment(page.image)
        XCTAssertEqual(segmentation.lines.count, 1)
        XCTAssertEqual(segmentation.glyphs.count, 4)
        XCTAssertTrue(segmentation.glyphs.allSatisfy { $0.box.width < 100 }, "\(segmentation.glyphs.map(\.box))")
    }

    /// The edge of the paper along the side of a photo is no `1` at the start of a line.
    func testPageEdgeIsNotASymbol() {
        var page = PageSketch(width: 400, height: 300)
        page.line(6, 2, 9, 298)
        page.zero(x: 100, y: 110, width: 40, height: 70)
        page.one(x: 200, y: 110, height: 70)
        page.zero(x: 260, y: 110, width: 40, height: 70)
        let segmentation = Segmenter.segment(page.image)
        XCTAssertEqual(segmentation.glyphs.count, 3)
        XCTAssertTrue(segmentation.glyphs.allSatisfy { $0.box.x > 50 }, "\(segmentation.glyphs.map(\.box))")
    }

    /// A fraction bar nearly as wide as a tightly cropped page, with its numerator and
    /// denominator centred on it, stays: it is as long as what it divides, not as the page.
    func testLongFractionBarSurvives() {
        var page = PageSketch(width: 320, height: 260)
        page.zero(x: 60, y: 40, width: 40, height: 70)
        page.one(x: 150, y: 40, height: 70)
        page.zero(x: 220, y: 40, width: 40, height: 70)
        page.line(20, 130, 300, 128)
        page.one(x: 160, y: 150, height: 70)
        let segmentation = Segmenter.segment(page.image)
        XCTAssertTrue(segmentation.glyphs.contains { $0.box.width >= 250 }, "\(segmentation.glyphs.map(\.box))")
        XCTAssertEqual(segmentation.glyphs.count, 5)
    }

    /// A long minus between numbers is far shorter than the page.
    func testLongMinusSurvives() {
        var page = PageSketch(width: 600, height: 200)
        page.zero(x: 40, y: 60, width: 40, height: 70)
        page.one(x: 110, y: 60, height: 70)
        page.line(160, 95, 330, 95)
        page.zero(x: 370, y: 60, width: 40, height: 70)
        let segmentation = Segmenter.segment(page.image)
        XCTAssertEqual(segmentation.glyphs.count, 4)
        XCTAssertTrue(segmentation.glyphs.contains { $0.box.width >= 150 })
    }

    /// The principal axis of a slanted stroke follows it: its length is the stroke's, its
    /// spread the pen's width.
    func testPrincipalAxisOfASlantedStroke() throws {
        var page = PageSketch(width: 300, height: 300, pen: 5)
        page.line(20, 20, 260, 200)
        let mask = page.image.pixels.map { $0 < 128 }
        let components = ConnectedComponents.find(in: mask, width: 300, height: 300)
        XCTAssertEqual(components.count, 1)
        let axis = try XCTUnwrap(PrincipalAxis(components[0]))
        XCTAssertEqual(axis.length, 300 + 5, accuracy: 6)
        XCTAssertEqual(axis.spread, 5, accuracy: 3)
        XCTAssertEqual(abs(axis.direction.y / axis.direction.x), 0.75, accuracy: 0.02)
        XCTAssertEqual(axis.centre.x, 140, accuracy: 3)
        XCTAssertEqual(axis.centre.y, 110, accuracy: 3)
    }
}
