import Classification
import ImageDecoding
import Preprocessing
import XCTest
@testable import Recognition

/// The 2-D step that reads two marks back to back (`ɔ c`) as the one `x` they may be.
final class ArcPairsTests: XCTestCase {
    /// A glyph whose crop is full of ink in the given crop columns (all rows).
    func glyph(_ box: Box, columns: ClosedRange<Int>) -> Glyph {
        let side = Glyph.cropSide
        var crop = [Float](repeating: 0, count: side * side)
        for y in 0..<side { for x in columns { crop[y * side + x] = 1 } }
        return Glyph(box: box, line: 0, crop: crop)
    }

    let left = Box(x: 100, y: 100, width: 20, height: 40), right = Box(x: 122, y: 102, width: 20, height: 38)

    /// Side by side, on one line, of one height and nearly touching: a pair. Apart, of very
    /// different heights, or one above the other: not.
    func testPairsAreNeighboursOfOneSizeOnOneLine() {
        let pair = ArcPairs.pairs([glyph(right, columns: 0...31), glyph(left, columns: 0...31)])
        XCTAssertEqual(pair.map(\.left), [1])
        XCTAssertEqual(pair.map(\.right), [0])
        let far = Box(x: 160, y: 100, width: 20, height: 40)
        XCTAssertTrue(ArcPairs.pairs([glyph(left, columns: 0...31), glyph(far, columns: 0...31)]).isEmpty)
        let small = Box(x: 122, y: 120, width: 10, height: 12)
        XCTAssertTrue(ArcPairs.pairs([glyph(left, columns: 0...31), glyph(small, columns: 0...31)]).isEmpty)
        let above = Box(x: 122, y: 40, width: 20, height: 40)
        XCTAssertTrue(ArcPairs.pairs([glyph(left, columns: 0...31), glyph(above, columns: 0...31)]).isEmpty)
    }

    /// The pair's crop holds each mark's ink where it lies in the union: the left mark's on the
    /// left, the right one's on the right, none beyond.
    func testTheCropOfAPairPlacesEachMarksInk() {
        // Ink at the left edge of the left mark (its box spans crop columns 9...22), at the right edge of the right one.
        let crop = ArcPairs.crop(glyph(left, columns: 9...11), glyph(right, columns: 20...22))
        let side = Glyph.cropSide
        func column(_ x: Int) -> Float { (0..<side).map { crop[$0 * side + x] }.reduce(0, +) }
        let inked = (0..<side).filter { column($0) > 0 }
        XCTAssertFalse(inked.isEmpty)
        XCTAssertEqual(crop.max(), 1)
        // Two strokes, one in each half, with paper between them.
        XCTAssertTrue(inked.contains { $0 < side / 2 } && inked.contains { $0 >= side / 2 })
        XCTAssertEqual(column(side / 2), 0)
    }

    /// A pair is one symbol when its crop's best reading is an `x` likelier than either mark's own.
    func testAPairReadAsAnXLikelierThanItsMarksIsJoined() {
        let glyphs = [glyph(left, columns: 9...11), glyph(right, columns: 20...22), glyph(Box(x: 200, y: 100, width: 20, height: 40), columns: 0...31)]
        let own = [[Candidate(label: ")", probability: 0.6)], [Candidate(label: "c", probability: 0.7)], [Candidate(label: "2", probability: 0.9)]]
        let pairs = ArcPairs.pairs(glyphs)
        XCTAssertEqual(pairs.count, 1)
        let joined = ArcPairs.joined(glyphs, candidates: own, pairs: pairs, pairCandidates: [[Candidate(label: "x", probability: 0.8)]])
        XCTAssertEqual(joined.glyphs.map(\.box), [glyphs[2].box, Box.union([left, right])])
        XCTAssertEqual(joined.candidates.map { $0.first?.label }, ["2", "x"])
        // Less likely than a mark's own reading, or not a symbol of two arcs: kept apart.
        let unsure = ArcPairs.joined(glyphs, candidates: own, pairs: pairs, pairCandidates: [[Candidate(label: "x", probability: 0.65)]])
        XCTAssertEqual(unsure.glyphs, glyphs)
        let other = ArcPairs.joined(glyphs, candidates: own, pairs: pairs, pairCandidates: [[Candidate(label: "0", probability: 0.9)]])
        XCTAssertEqual(other.glyphs, glyphs)
    }
}
