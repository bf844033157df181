import XCTest
@testable import MathGrammar

/// Crafted top-k alternatives where the best single labels are not grammatical.
final class DecodingTests: XCTestCase {
    private var reader: LineReader!

    override func setUpWithError() throws {
        reader = LineReader(grammar: try arithmeticGrammar())
    }

    func testPlusMisreadAsLetterSurvives() {
        var line = LineSketch()
        line.add(.digit, [("1", 0.9), ("7", 0.1)])
        line.add(.operatorSign, [("t", 0.6), ("+", 0.3), ("4", 0.1)])
        line.add(.digit, [("2", 0.8), ("z", 0.2)])
        line.add(.splitEquals, [("-", 0.9)])
        line.add(.digit, [("3", 0.7), ("8", 0.3)])
        let reading = reader.read(line.symbols)
        XCTAssertNil(reading.problem)
        XCTAssertEqual(reading.latex, "1 + 2 = 3")
        XCTAssertEqual(reading.verdict, true)
        XCTAssertEqual(reading.confidence, 0.9 * 0.3 * 0.8 * (0.9 * 0.9) * 0.7, accuracy: 1e-12)
        XCTAssertEqual(reading.symbols[1].latex, "+")
        XCTAssertEqual(reading.symbols[1].probability, 0.3)
        XCTAssertEqual(reading.symbols[1].others, [Alternative(latex: "t", probability: 0.6), Alternative(latex: "4", probability: 0.1)])
        XCTAssertEqual(reading.symbols[3].inputIndices, [3, 4])
    }

    /// The checkpoint (the recognizer's time budget) runs once per symbol of the search, the
    /// reading is the same as without it, and an error it throws stops the line.
    func testCheckpointRunsPerSymbolAndItsErrorStops() {
        var line = LineSketch()
        line.add("1 + 2 = 3")
        var calls = 0
        XCTAssertEqual(reader.read(line.symbols) { calls += 1 }, reader.read(line.symbols))
        XCTAssertEqual(calls, 5)
        struct Stop: Error {}
        XCTAssertThrowsError(try reader.read(line.symbols) { throw Stop() }) { XCTAssertTrue($0 is Stop) }
        // An ungrammatical line is still a reading with a problem, not an error.
        var bad = LineSketch()
        bad.add("1 + = 3")
        XCTAssertNotNil(reader.read(bad.symbols) {}.problem)
    }

    func testPlusMisreadAsDigitSurvivesBecauseOfItsSize() {
        var line = LineSketch()
        line.add("1")
        line.add(.operatorSign, [("4", 0.5), ("+", 0.4)])
        line.add("2 = 3")
        XCTAssertEqual(reader.read(line.symbols).latex, "1 + 2 = 3")

        // The same alternatives on a digit-sized box are a 4: 142 = 3, which is false.
        var tall = LineSketch()
        tall.add("1")
        tall.add(.digit, [("4", 0.5), ("+", 0.4)])
        tall.add("2 = 3")
        let reading = reader.read(tall.symbols)
        XCTAssertEqual(reading.latex, "142 = 3")
        XCTAssertEqual(reading.verdict, false)
    }

    func testLeadingOperatorBecomesUnaryMinus() {
        var line = LineSketch()
        line.add(.bar, [("\\times", 0.6), ("-", 0.3)])
        line.add("3 + 4")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "- 3 + 4")
        XCTAssertEqual(reading.value, "1")
    }

    func testUnclosedBracketPicksTheClosingAlternative() {
        var line = LineSketch()
        line.add("( 1 + 2")
        line.add(.bracket, [("1", 0.5), (")", 0.4)])
        line.add("\\times 3")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "( 1 + 2 ) \\times 3")
        XCTAssertEqual(reading.value, "9")
    }

    func testDecimalPointNeedsADigitAfterIt() {
        var line = LineSketch()
        line.add("2 .")
        line.add(.digit, [("+", 0.6), ("4", 0.4)])
        line.add("1")
        XCTAssertEqual(reader.read(line.symbols).latex, "2.41")
    }

    func testChoiceIsGlobalNotGreedy() {
        // "(" is the better first label, but only "( 2 )" completes it; "127" is more probable
        // (a bracket-tall mark weighs a digit reading at about half: 0.45 × 0.54 for the 1
        // against 0.55 for the bracket, then 0.9 × 0.54 for the 7 against 0.1).
        var line = LineSketch()
        line.add(.bracket, [("(", 0.55), ("1", 0.45)])
        line.add(.digit, [("2", 0.9)])
        line.add(.bracket, [(")", 0.1), ("7", 0.9)])
        XCTAssertEqual(reader.read(line.symbols).latex, "127")

        // When the last symbol cannot be a digit, the first must be a bracket.
        var other = LineSketch()
        other.add(.bracket, [("(", 0.55), ("1", 0.45)])
        other.add(.digit, [("2", 0.9)])
        other.add(.bracket, [("+", 0.6), (")", 0.4)])
        let reading = reader.read(other.symbols)
        XCTAssertEqual(reading.latex, "( 2 )")
        XCTAssertEqual(reading.confidence, 0.55 * 0.9 * 0.4, accuracy: 1e-12)
    }

    func testNoGrammaticalReadingGivesTheBestRawReadingAndAReason() {
        var line = LineSketch()
        line.add("1 +")
        line.add(.digit, [("t", 0.7), ("y", 0.2)])
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "1 + t")
        XCTAssertEqual(reading.symbols.map(\.latex), ["1", "+", "t"])
        XCTAssertEqual(reading.confidence, 0.9 * 0.9 * 0.7, accuracy: 1e-12)
        XCTAssertNil(reading.value)
        XCTAssertNil(reading.verdict)
        XCTAssertTrue(reading.problem?.contains("'t' (symbol 3) has no rule in the grammar") == true, reading.problem ?? "nil")
    }

    func testUnfinishedLineHasAReason() {
        var line = LineSketch()
        line.add("4 \\times")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "4 \\times")
        XCTAssertTrue(reading.problem?.contains("the line ends after '\\times'") == true, reading.problem ?? "nil")
    }

    /// Two kinds of brackets offered everywhere make 2^n bracket stacks; the beam bounds them.
    func testManyBracketAlternativesStayBounded() throws {
        let source = """
            number digits="1 2" latex="$literal" mathml="<mn>$literal</mn>"
            infix + precedence=1 meaning=add latex="$left + $right" mathml="$left<mo>+</mo>$right"
            group ( ) meaning=identity latex="( $inner )" mathml="<mrow><mo>(</mo>$inner<mo>)</mo></mrow>"
            group [ ] meaning=identity latex="[ $inner ]" mathml="<mrow><mo>[</mo>$inner<mo>]</mo></mrow>"
            """
        let reader = LineReader(grammar: try Grammar(source: source, name: "brackets.grammar"))
        let opener = [Alternative(latex: "(", probability: 0.35), Alternative(latex: "[", probability: 0.35),
                      Alternative(latex: "1", probability: 0.3)]
        let closer = [Alternative(latex: ")", probability: 0.35), Alternative(latex: "]", probability: 0.35),
                      Alternative(latex: "2", probability: 0.3)]
        // 20 openers, a 1, 20 closers: the brackets must pair up in mirror order. The brackets
        // are as tall as brackets are (1.45 digit heights), the 1 as tall as a digit.
        let symbols = (0..<41).map { (index: Int) -> PlacedSymbol in
            let isMiddle = index == 20
            let (top, height): (Double, Double) = isMiddle ? (0, 40) : (-9, 58)
            return PlacedSymbol(x: Double(index) * 30, y: top, width: 20, height: height,
                                alternatives: index < 20 ? opener : isMiddle ? [Alternative(latex: "1", probability: 1)] : closer)
        }
        let reading = reader.read(symbols)
        XCTAssertNil(reading.problem)
        let labels = reading.symbols.map(\.latex)
        let pairs = ["(": ")", "[": "]", "1": "2"]
        XCTAssertEqual(labels.count, 41)
        for index in 0..<20 { XCTAssertEqual(pairs[labels[index]], labels[40 - index], "\(labels)") }
        XCTAssertEqual(labels.first, "(") // brackets (0.35 × 0.35 a pair) beat digits (0.3 × 0.3)
    }
}
