import ImageDecoding
import XCTest
@testable import Worksheets

/// The XY-cut on made-up boxes: grids, columns, labels, answers after `=`, ruled lines.
final class ItemLayoutTests: XCTestCase {
    /// Symbols of height 40 and width 30, 10 apart, starting at (x, y).
    func row(_ labels: [String], x: Int, y: Int) -> [(Box, String)] {
        labels.enumerated().map { (Box(x: x + $0.offset * 40, y: y, width: 30, height: 40), $0.element) }
    }

    func layout(_ symbols: [(Box, String)]) -> (ItemLayout.Layout, [String]) {
        let labels = symbols.map(\.1)
        return (ItemLayout().layout(boxes: symbols.map(\.0), labels: labels), labels)
    }

    func texts(_ layout: ItemLayout.Layout, _ labels: [String]) -> [String] {
        layout.items.map { item in
            (item.label.isEmpty ? "" : item.label.map { labels[$0] }.joined() + "|") + item.expression.map { labels[$0] }.joined(separator: " ")
        }
    }

    func testAGridIsReadRowByRow() {
        var symbols: [(Box, String)] = []
        for r in 0..<3 {
            for c in 0..<4 {
                symbols += row(["\(r)", "+", "\(c)"], x: 50 + c * 400, y: 60 + r * 200 + c * 7)
            }
        }
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), (0..<3).flatMap { r in (0..<4).map { c in "\(r) + \(c)" } })
    }

    func testColumnsWithNumbersAreReadInNumberOrder() {
        // Two columns whose rows do not line up: the cut takes the columns first.
        var symbols: [(Box, String)] = []
        for i in 0..<3 {
            symbols += row(["\(i + 1)", ")", "7", "-", "\(i)"], x: 40, y: 50 + i * 150)
            symbols += row(["\(i + 4)", ")", "8", "+", "\(i)"], x: 700, y: 120 + i * 150)
        }
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["1)|7 - 0", "2)|7 - 1", "3)|7 - 2", "4)|8 + 0", "5)|8 + 1", "6)|8 + 2"])
    }

    func testTheAnswerAfterAWideGapStaysWithItsProblem() {
        var symbols = row(["3", "+", "4", "="], x: 40, y: 50)
        symbols += row(["7"], x: 40 + 4 * 40 + 130, y: 50)     // 3 heights after the `=`
        symbols += row(["2", "+", "2", "="], x: 900, y: 50)
        symbols += row(["5"], x: 900 + 4 * 40 + 130, y: 50)
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["3 + 4 = 7", "2 + 2 = 5"])
    }

    func testAnOperatorAcrossAWideGapJoinsBothSides() {
        var symbols = row(["1", "4", "1", "+", "1", "6", "0"], x: 40, y: 50)
        symbols += row(["=", "3", "0", "1"], x: 40 + 7 * 40 + 110, y: 50)   // 2.75 heights before the =
        symbols += row(["8", "-"], x: 40, y: 200)
        symbols += row(["2"], x: 40 + 2 * 40 + 110, y: 200)
        symbols += row(["5", "+", "5"], x: 900, y: 200)
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["1 4 1 + 1 6 0 = 3 0 1", "8 - 2", "5 + 5"])
    }

    func testABlankProblemDoesNotTakeTheNextProblem() {
        var symbols = row(["2", "0", "+", "5", "="], x: 40, y: 50)
        symbols += row(["7", "\\times", "2", "=", "1", "4"], x: 700, y: 50)
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["2 0 + 5 =", "7 \\times 2 = 1 4"])
    }

    func testALabelFarFromItsExpressionIsStillItsLabel() {
        var symbols = row(["1", "2", "."], x: 40, y: 50)
        symbols += row(["6", "\\times", "7"], x: 40 + 3 * 40 + 100, y: 50)
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["12.|6 \\times 7"])
        XCTAssertEqual(ItemLayout.number(of: found.items[0].label, labels: labels), 12)
    }

    func testADecimalPointIsNoLabel() {
        let (found, labels) = layout(row(["2", ".", "5", "+", "1"], x: 40, y: 50))
        XCTAssertEqual(texts(found, labels), ["2 . 5 + 1"])
    }

    func testRuledLinesSeparateAndAreSetAside() {
        var symbols = row(["1", "+", "1"], x: 40, y: 50)
        symbols += row(["2", "+", "2"], x: 500, y: 50)
        // A hand-drawn vertical line between them, taller than the whole page of writing,
        // and a horizontal one under the row.
        symbols.append((Box(x: 330, y: 0, width: 4, height: 700), "1"))
        symbols.append((Box(x: 0, y: 120, width: 900, height: 5), "-"))
        symbols += row(["3", "-", "3"], x: 40, y: 200)
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["1 + 1", "2 + 2", "3 - 3"])
        XCTAssertEqual(found.rules.count, 2)
    }

    func testABrokenFaintLineIsARuledLine() {
        // A pencil line across the page that the thresholding broke into pieces of all sizes,
        // between two columns of problems.
        var symbols: [(Box, String)] = []
        var y = 0
        for (length, gap) in [(3, 10), (40, 25), (6, 35), (25, 12), (45, 30), (2, 30), (36, 8), (16, 20), (49, 30), (12, 5)] {
            symbols.append((Box(x: 300 + y / 100, y: y, width: 3, height: length), length < 10 ? "." : "1"))
            y += length + gap
        }
        for r in 0..<3 {
            symbols += row(["1", "+", "\(r)"], x: 40, y: 30 + r * 150)
            symbols += row(["2", "-", "\(r)"], x: 380, y: 30 + r * 150)
        }
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["1 + 0", "2 - 0", "1 + 1", "2 - 1", "1 + 2", "2 - 2"])
        XCTAssertEqual(found.rules.count, 10)
    }

    func testAColumnOfOnesIsNoRuledLine() {
        var symbols: [(Box, String)] = []
        for r in 0..<6 { symbols += [(Box(x: 40, y: 20 + r * 60, width: 4, height: 40), "1"), (Box(x: 80, y: 20 + r * 60, width: 30, height: 40), "\(r)")] }
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), (0..<6).map { "1 \($0)" })
        XCTAssertTrue(found.rules.isEmpty)
    }

    func testSpecksBetweenProblemsJoinNothing() {
        var symbols = row(["7", "8", "-", "4"], x: 40, y: 50)
        symbols.append((Box(x: 40 + 4 * 40 + 50, y: 70, width: 4, height: 4), "\\cdot"))
        symbols += row(["7", "1"], x: 40 + 4 * 40 + 90, y: 50)
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["7 8 - 4", "7 1"])
    }

    func testSpacedOutWritingIsOneItem() {
        // "71  ×  6" with gaps of one symbol height between the parts.
        let symbols = [(Box(x: 0, y: 0, width: 30, height: 40), "7"), (Box(x: 35, y: 0, width: 20, height: 40), "1"),
                       (Box(x: 95, y: 10, width: 20, height: 20), "\\times"), (Box(x: 155, y: 0, width: 30, height: 40), "6")]
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["7 1 \\times 6"])
    }

    // MARK: printed text

    /// A line of type: `count` letters 12 wide, x-height 16 or ascender height 22, all on one
    /// baseline at `baseline`, 2 apart, words of 5 letters 8 apart.
    func printedLine(count: Int, x: Int, baseline: Int) -> [(Box, String)] {
        (0..<count).map { index in
            let height = index % 3 == 0 ? 22 : 16
            let left = x + index * 14 + (index / 5) * 8
            return (Box(x: left, y: baseline - height, width: 12, height: height), index % 2 == 0 ? "1" : "0")
        }
    }

    func testAPrintedHeadingIsSetAsideAndTheProblemsBelowAreRead() {
        var symbols = printedLine(count: 30, x: 40, baseline: 40)
        symbols += printedLine(count: 24, x: 40, baseline: 70)
        for c in 0..<3 { symbols += row(["\(c)", "+", "4"], x: 50 + c * 400, y: 140 + c * 5) }
        let (found, labels) = layout(symbols)
        XCTAssertEqual(texts(found, labels), ["0 + 4", "1 + 4", "2 + 4"])
        XCTAssertEqual(found.printed.count, 1)
        XCTAssertEqual(Set(found.printed.flatMap { $0 }), Set(0..<54))
    }

    func testNeatLongHandwritingIsNotPrintedText() {
        // Fourteen symbols of writing size whose tops and bottoms wander by a few pixels, as
        // a hand's do even when it is careful.
        let jitter = [0, 3, -2, 5, 1, -4, 2, 6, -1, 4, -3, 0, 3, -5]
        let written = ["1", "2", "3", "+", "4", "5", "6", "+", "7", "8", "9", "=", "1", "3"]
        let symbols = written.enumerated().map { index, label in
            (Box(x: 40 + index * 40, y: 100 + jitter[index], width: 30, height: 40 + jitter[(index + 3) % jitter.count]), label)
        }
        let (found, labels) = layout(symbols)
        XCTAssertTrue(found.printed.isEmpty)
        XCTAssertEqual(texts(found, labels), [written.joined(separator: " ")])
    }

    func testWritingSizedMarksInPerfectAlignmentAreNotPrintedText() {
        // Aligned like type but as large as the writing on the page: not a heading in a
        // smaller print, so it is read (a row of ruled-paper digits, a stencil).
        var symbols = row(["1", "2", "+", "3", "4", "+", "5", "6", "+", "7", "8", "=", "2", "0"], x: 40, y: 100)
        symbols += row(["5", "+", "5"], x: 40, y: 300)
        let (found, _) = layout(symbols)
        XCTAssertTrue(found.printed.isEmpty)
        XCTAssertEqual(found.items.count, 2)
    }

    // MARK: item numbers

    func numbers(_ layout: ItemLayout.Layout, _ labels: [String]) -> [String] {
        layout.items.map { "\($0.number):" + $0.expression.map { labels[$0] }.joined() }
    }

    /// Two columns numbered down, 1–3 and 4–6, whose labels are given as `written`.
    func numberedColumns(_ written: [String]) -> [(Box, String)] {
        var symbols: [(Box, String)] = []
        for i in 0..<3 {
            symbols += row([written[i], ")", "7", "-", "\(i)"], x: 40, y: 50 + i * 150)
            symbols += row([written[i + 3], ")", "8", "+", "\(i)"], x: 700, y: 120 + i * 150)
        }
        return symbols
    }

    func testAMisreadLabelNeitherReordersThePageNorRepeatsANumber() {
        // Item 5's label read as 2: columns still read down, and it keeps number 5.
        let (found, labels) = layout(numberedColumns(["1", "2", "3", "4", "2", "6"]))
        XCTAssertEqual(numbers(found, labels), ["1:7-0", "2:7-1", "3:7-2", "4:8+0", "5:8+1", "6:8+2"])
    }

    func testNumbersMayStartAnywhere() {
        let (found, labels) = layout(numberedColumns(["11", "12", "13", "14", "15", "16"]))
        XCTAssertEqual(numbers(found, labels), ["11:7-0", "12:7-1", "13:7-2", "14:8+0", "15:8+1", "16:8+2"])
    }

    func testLabelsInNoReadingOrderAreKeptAsWritten() {
        // Numbered 3, 1, 6 / 2, 5, 4 down the columns: no order agrees, the labels stand.
        let (found, labels) = layout(numberedColumns(["3", "1", "6", "2", "5", "4"]))
        XCTAssertEqual(numbers(found, labels), ["1:7-1", "2:8+0", "3:7-0", "4:8+2", "5:8+1", "6:7-2"])
    }

    func testUnlabelledItemsAreNumberedByPlace() {
        var symbols: [(Box, String)] = []
        for r in 0..<2 { for c in 0..<2 { symbols += row(["\(r)", "+", "\(c)"], x: 50 + c * 400, y: 60 + r * 200) } }
        let (found, labels) = layout(symbols)
        XCTAssertEqual(numbers(found, labels), ["1:0+0", "2:0+1", "3:1+0", "4:1+1"])
    }
}
