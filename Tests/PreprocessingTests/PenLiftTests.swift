import XCTest
import ImageDecoding
@testable import Preprocessing

/// Digits the pen left in two pieces are one symbol: a 3 as two bowls, a 5 whose flag does
/// not touch its stem, a 9 whose tail was written apart from its loop. Whole neighbours stay
/// apart.
final class PenLiftTests: XCTestCase {
    /// Glyph boxes of `1 <digit> 0`, the digit drawn by `draw` between x = 100 and 145.
    private func boxes(_ draw: (inout PageSketch) -> Void) -> [Box] {
        var page = PageSketch(width: 300, height: 200)
        page.one(x: 50, y: 50, height: 90)
        draw(&page)
        page.zero(x: 200, y: 50, width: 45, height: 90)
        return Segmenter.segment(page.image).glyphs.map(\.box)
    }

    func testThreeInTwoBowlsIsOneSymbol() {
        let found = boxes { page in
            page.polyline([(102, 55), (140, 55), (140, 90), (110, 90)])
            page.polyline([(112, 99), (142, 99), (142, 138), (100, 138)])
        }
        XCTAssertEqual(found.count, 3, "\(found)")
        XCTAssertTrue(found.contains { $0.x < 110 && $0.y <= 55 && $0.maxY >= 138 }, "\(found)")
    }

    func testFiveWithItsFlagLiftedOffTheStemIsOneSymbol() {
        let found = boxes { page in
            page.polyline([(102, 50), (102, 95), (132, 95), (142, 115), (132, 138), (100, 138)])
            page.line(113, 76, 144, 76)
        }
        XCTAssertEqual(found.count, 3, "\(found)")
    }

    func testNineWithItsTailApartIsOneSymbol() {
        let found = boxes { page in
            page.zero(x: 102, y: 52, width: 25, height: 28)
            page.line(133, 52, 133, 140)
        }
        XCTAssertEqual(found.count, 3, "\(found)")
    }

    /// A full-height 0 before a 1, and two digits one over the other on separate lines, are not
    /// pieces of one digit.
    func testWholeDigitsStayApart() {
        let found = boxes { page in
            page.zero(x: 100, y: 50, width: 40, height: 90)
            page.line(150, 50, 150, 140)
        }
        XCTAssertEqual(found.count, 4, "\(found)")
    }

    /// A small 0 at the top of a closing bracket is no 9 with a detached tail: the bracket
    /// is curved.
    func testDigitBeforeAClosingBracketStaysApart() {
        var page = PageSketch(width: 300, height: 200)
        page.line(60, 70, 45, 115)
        page.line(45, 115, 60, 160)
        page.zero(x: 80, y: 70, width: 40, height: 90)
        page.one(x: 160, y: 70, height: 90)
        page.zero(x: 190, y: 72, width: 22, height: 26)
        page.line(222, 70, 237, 115)
        page.line(237, 115, 222, 160)
        XCTAssertEqual(Segmenter.segment(page.image).glyphs.count, 5)
    }

    /// A decimal point drawn as a short tick under a small 0 is no lower half of the 0.
    func testTickUnderASmallZeroIsNoHalfOfIt() {
        let found = boxes { page in
            page.zero(x: 100, y: 80, width: 40, height: 40)
            page.line(122, 129, 116, 160)
        }
        XCTAssertEqual(found.count, 4, "\(found)")
    }
}
