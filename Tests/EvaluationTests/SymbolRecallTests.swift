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
}
