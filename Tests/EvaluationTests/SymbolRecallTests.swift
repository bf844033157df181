import ImageDecoding
import XCTest
@testable import Evaluation

/// Symbol recall through a pipeline: true symbols matched to read ones by box overlap.
final class SymbolRecallTests: XCTestCase {
    func symbol(_ label: String, _ x: Int, _ y: Int, _ width: Int, _ height: Int) -> SymbolRecall.Symbol {
        SymbolRecall.Symbol(label: label, box: Box(x: x, y: y, width: width, height: height))
    }

    func testSymbolsAreMatchedByOverlapAndCountedRightByNormalisedLabel() {
        var recall = SymbolRecall()
        let truth = [symbol("x", 0, 0, 20, 20), symbol("<", 30, 0, 20, 20), symbol("2", 60, 0, 20, 20), symbol("y", 90, 0, 20, 20)]
        let reading = [
            symbol("X", 1, 1, 20, 20),      // x: segmented, misread
            symbol("\\lt", 30, 2, 20, 18),   // <: the same symbol after normalisation
            symbol("2", 60, 0, 10, 20),      // 2: half its box, IoU 0.5 — segmented, right
            symbol("y", 100, 0, 30, 20),     // y: IoU 10·20 / 40·20 = 0.25, not segmented
        ]
        recall.count(truth: truth, reading: reading)
        XCTAssertEqual(recall.truths, 4)
        XCTAssertEqual(recall.read, 4)
        XCTAssertEqual(recall.segmented, 3)
        XCTAssertEqual(recall.classified, 2)
        XCTAssertTrue(recall.lines.joined(separator: "\n").contains("segmented and classified: 2 / 4 = 50.00 %"), "\(recall.lines)")
        XCTAssertEqual(recall.unsegmented, ["y": 1])
        XCTAssertEqual(recall.confusions, ["x → X": 1])
    }

    /// The commonest misses come first, ties in name order, at most ten.
    func testCommonestListsTheTenMostFrequentFirst() {
        var tally = ["b": 2, "a": 2, "c": 5]
        XCTAssertEqual(SymbolRecall.commonest(tally), "c 5, a 2, b 2")
        for index in 0..<20 { tally["z\(index)"] = 1 }
        XCTAssertEqual(SymbolRecall.commonest(tally).split(separator: ",").count, 10)
        XCTAssertEqual(SymbolRecall.commonest([:]), "none")
    }

    /// One read symbol matches one true symbol at most: the better overlap wins.
    func testEachReadSymbolMatchesOnce() {
        var recall = SymbolRecall()
        recall.count(truth: [symbol("1", 0, 0, 10, 20), symbol("1", 0, 1, 10, 20)], reading: [symbol("1", 0, 1, 10, 20)])
        XCTAssertEqual(recall.segmented, 1)
        XCTAssertEqual(recall.classified, 1)
        XCTAssertEqual(recall.truths, 2)
    }

    /// A dot 4 px across read as 6 px (anti-aliased edges) has IoU 16/36: unmatched as it is,
    /// matched once both boxes grow by the pen's half width (7² / 9² ≈ 0.6), while a reading
    /// beside a large symbol stays unmatched with the margin too.
    func testAMarginMatchesThinSymbolsReadAPixelWider() {
        let truth = [symbol(".", 10, 10, 4, 4), symbol("x", 40, 0, 30, 30)]
        let reading = [symbol(".", 9, 9, 6, 6), symbol("x", 55, 0, 30, 30)]
        var strict = SymbolRecall(), grown = SymbolRecall(margin: 1.5)
        let strictMisses = strict.count(truth: truth, reading: reading)
        let grownMisses = grown.count(truth: truth, reading: reading)
        XCTAssertEqual(strict.segmented, 0)
        XCTAssertEqual(grown.segmented, 1)
        XCTAssertEqual(grown.unsegmented, ["x": 1])
        XCTAssertEqual(strictMisses.map(\.truth.label), [".", "x"])
        // The miss names what overlaps it most: half of the x, IoU 15·30 / 45·30 = 1/3 as it is.
        XCTAssertEqual(strictMisses[1].nearest?.label, "x")
        XCTAssertEqual(strictMisses[1].overlap, 1.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(grownMisses.count, 1)
        XCTAssertTrue(grown.lines[0].contains("grown by 1.5 px"), "\(grown.lines)")
    }
}
