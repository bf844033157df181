import ImageDecoding
import Preprocessing
import XCTest
@testable import Recognition

/// The 2-D step that splits a fraction bar off the numerator or denominator joined to it.
final class FractionBarsTests: XCTestCase {
    /// A glyph whose crop holds ink in the given crop rectangles (columns, rows; inclusive).
    func glyph(_ box: Box, _ rectangles: [(ClosedRange<Int>, ClosedRange<Int>)]) -> Glyph {
        let side = Glyph.cropSide
        var crop = [Float](repeating: 0, count: side * side)
        for (columns, rows) in rectangles {
            for y in rows { for x in columns { crop[y * side + x] = 1 } }
        }
        return Glyph(box: box, line: 0, crop: crop)
    }

    /// A `1` touching the bar under it: one glyph, read as a `1`.
    var numeratorOnBar: Glyph { glyph(Box(x: 100, y: 100, width: 56, height: 52), [(15...16, 2...23), (2...29, 26...27)]) }

    func testABarUnderANumeratorIsSplitOffWhenADenominatorIsUnderIt() {
        let denominator = Glyph(box: Box(x: 118, y: 160, width: 20, height: 30), line: 0, crop: [])
        let glyphs = FractionBars.separated([numeratorOnBar, denominator])
        XCTAssertEqual(glyphs.count, 3)
        XCTAssertEqual(glyphs[2], denominator, "the glyph that is not split stays as it is, in its place")
        // The numerator first, then the bar: thin, as wide as the glyph, under the numerator.
        let (numerator, bar) = (glyphs[0].box, glyphs[1].box)
        XCTAssertLessThan(numerator.width, 20)
        XCTAssertGreaterThan(bar.width, 50)
        XCTAssertLessThan(bar.height, 10)
        XCTAssertGreaterThanOrEqual(bar.y, numerator.maxY - 2)
        XCTAssertEqual(glyphs[0].crop.count, Glyph.cropSide * Glyph.cropSide)
        XCTAssertGreaterThan(glyphs[0].crop.max() ?? 0, 0.5)
    }

    /// Without anything under the bar (a `1` with a foot, a `≤`-like mark) nothing is split;
    /// nor when the nearest thing across is another, wider bar (a T under a fraction bar).
    func testNoSplitWithoutTheFractionsOtherHalf() {
        XCTAssertEqual(FractionBars.separated([numeratorOnBar]), [numeratorOnBar])
        let tee = glyph(Box(x: 100, y: 100, width: 56, height: 52), [(2...29, 2...3), (15...16, 4...27)])
        XCTAssertNotNil(FractionBars.split(tee))
        let fractionBar = Glyph(box: Box(x: 40, y: 85, width: 180, height: 8), line: 0, crop: [])
        let numerator = Glyph(box: Box(x: 118, y: 40, width: 20, height: 40), line: 0, crop: [])
        XCTAssertEqual(FractionBars.separated([tee, fractionBar, numerator]).count, 3)
    }

    func testAPlusAndAWideSymbolAreNotSplit() {
        let plus = glyph(Box(x: 0, y: 0, width: 56, height: 56), [(15...16, 2...29), (2...29, 15...16)])
        XCTAssertNil(FractionBars.split(plus))
        // Ink across the whole width above the bar: not much narrower than it.
        let wide = glyph(Box(x: 0, y: 0, width: 56, height: 52), [(3...28, 2...23), (2...29, 26...27)])
        XCTAssertNil(FractionBars.split(wide))
    }

    /// A small fraction grouped whole (n over a bar over 2) is split in three; a ÷, whose dots
    /// are small against its bar, is not.
    func testAWholeFractionIsSplitInThreeButADivisionSignIsNot() {
        let fraction = glyph(Box(x: 0, y: 0, width: 44, height: 78), [(11...20, 2...9), (2...29, 14...15), (11...20, 20...29)])
        let split = FractionBars.split(fraction)
        XCTAssertEqual(split?.bar, 14..<16)
        XCTAssertEqual(split?.rest, 2..<10)
        XCTAssertEqual(split?.other, 20..<30)
        XCTAssertEqual(FractionBars.separated([fraction]).count, 3)
        let division = glyph(Box(x: 0, y: 0, width: 56, height: 40), [(14...16, 6...8), (2...29, 14...15), (14...16, 21...23)])
        XCTAssertNil(FractionBars.split(division))
    }
}
