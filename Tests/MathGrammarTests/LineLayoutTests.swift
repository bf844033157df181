import XCTest
@testable import MathGrammar

/// Boxes → tokens: decimal points, multiplication dots, noise, split equals signs, order.
final class LineLayoutTests: XCTestCase {
    private var reader: LineReader!

    override func setUpWithError() throws {
        reader = LineReader(grammar: try arithmeticGrammar())
    }

    func testDecimalPointOnTheBaselineJoinsANumber() {
        var line = LineSketch()
        line.add("3 . 5 + 1")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "3.5 + 1")
        XCTAssertEqual(reading.value, "4.5")
    }

    func testSmallDotIsAPointWhateverTheClassifierGuessed() {
        var line = LineSketch()
        line.add("3")
        line.add(.dot, [("0", 0.5), (".", 0.3)])
        line.add("5")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "3.5")
        XCTAssertEqual(reading.symbols[1].probability, 0.3, accuracy: 0.01) // the classifier's "." × its height
    }

    /// A mark as small as a dot that the classifier does not call a `.` (p < 0.1) keeps its
    /// reading: a tiny minus, or an `=` written small at the end of a line.
    func testSmallMarkTheClassifierDoesNotCallADotKeepsItsReading() {
        var minus = LineSketch()
        minus.add("9")
        minus.add(.dot, [("-", 0.8), (".", 0.08)])
        minus.add("5")
        XCTAssertEqual(reader.read(minus.symbols).latex, "9 - 5")

        var equals = LineSketch()
        equals.add("5 + 3")
        equals.add(.dot, [("=", 0.9), (".", 0.05)])
        XCTAssertEqual(reader.read(equals.symbols).latex, "5 + 3 =")

        // At p(.) = 0.1 the same mark is a decimal point.
        var point = LineSketch()
        point.add("9")
        point.add(.dot, [("-", 0.8), (".", 0.1)])
        point.add("5")
        XCTAssertEqual(reader.read(point.symbols).latex, "9.5")
    }

    /// A glyph the segmenter found shaped like `÷` (a stroke with a mark on each side) reads
    /// as `÷` even when the classifier, blind to its small marks or its slant, prefers a digit
    /// of the same height; the classifier's confidence still scales it.
    func testDivisionShapedGlyphReadsAsDivision() {
        var line = LineSketch()
        line.add("8")
        line.add(.digit, [("2", 0.45), ("\\div", 0.41), ("=", 0.08)])
        line.add("2")
        XCTAssertEqual(reader.read(line.symbols).latex, "822", "without the shape, the classifier's digit stands")
        var shaped = line.symbols
        shaped[1].isDivisionShaped = true
        let reading = reader.read(shaped)
        XCTAssertEqual(reading.latex, "8 \\div 2")
        XCTAssertEqual(reading.value, "4")
        XCTAssertEqual(reading.symbols[1].probability, 0.45, accuracy: 1e-9)
    }

    func testDotAtMidHeightIsMultiplicationWhereAPointCannotBe() {
        var line = LineSketch()
        line.add("3 . 5")
        line.add(.midDot, [(".", 0.8)])
        line.add("2")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "3.5 \\cdot 2")
        XCTAssertEqual(reading.value, "7")

        var afterBracket = LineSketch()
        afterBracket.add("( 2 )")
        afterBracket.add(.midDot, [(".", 0.8)])
        afterBracket.add("4")
        XCTAssertEqual(reader.read(afterBracket.symbols).latex, "( 2 ) \\cdot 4")
    }

    func testDotAtMidHeightBetweenDigitsLeansToADecimalPoint() {
        // Handwritten decimal points often sit this high; the multiplication dot stays an alternative.
        var line = LineSketch()
        line.add("3")
        line.add(.midDot, [(".", 0.8)])
        line.add("4")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "3.4")
        XCTAssertEqual(reading.symbols[1].others.map(\.latex), ["\\cdot"])
    }

    func testSpecksAndDotsOffTheLineAreNoise() {
        var line = LineSketch()
        line.add("1")
        line.add(.speck, [(".", 0.9)])
        line.add("2")
        line.add(.raisedDot, [(".", 0.9)])
        line.add("+ 3")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "12 + 3")
        XCTAssertEqual(reading.ignoredInputIndices, [1, 3])
        XCTAssertEqual(reading.symbols.map(\.inputIndices), [[0], [2], [4], [5]])
    }

    func testLargeBlobIsNotADecimalPoint() {
        var line = LineSketch()
        line.add("1")
        line.add(.digit, [(".", 0.6), ("0", 0.4)])
        XCTAssertEqual(reader.read(line.symbols).latex, "10")
    }

    func testSplitEqualsIsRejoined() {
        var line = LineSketch()
        line.add("2 + 2")
        line.add(.splitEquals, [("-", 0.8)])
        line.add("4")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "2 + 2 = 4")
        XCTAssertEqual(reading.verdict, true)
        XCTAssertEqual(reading.symbols.count, 5)
        XCTAssertEqual(reading.symbols[3].inputIndices, [3, 4])
        XCTAssertEqual(reading.symbols[3].probability, 0.64, accuracy: 1e-12)
        XCTAssertEqual(reading.symbols[3].height, 16)
    }

    func testSplitDivisionSignIsRejoined() {
        var line = LineSketch()
        line.add("8")
        line.add(.splitDivision, [("-", 0.7), (".", 0.2)])
        line.add("2 = 4")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "8 \\div 2 = 4")
        XCTAssertEqual(reading.verdict, true)
        XCTAssertEqual(reading.symbols[1].inputIndices, [1, 2, 3])
        XCTAssertEqual(reading.symbols[1].probability, 0.7, accuracy: 1e-12)
        XCTAssertEqual(reading.ignoredInputIndices, [])
    }

    func testMinusSignsSideBySideStaySeparate() {
        var line = LineSketch()
        line.add("5 - - 3")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "5 - - 3")
        XCTAssertEqual(reading.value, "8")
    }

    func testInputOrderDoesNotMatter() {
        var line = LineSketch()
        line.add("12 \\div ( 1 + 3 ) = 3")
        let reversed = Array(line.symbols.reversed())
        let reading = reader.read(reversed)
        XCTAssertEqual(reading.latex, "12 \\div ( 1 + 3 ) = 3")
        XCTAssertEqual(reading.verdict, true)
        // Indices refer to the order the symbols were given in.
        XCTAssertEqual(reading.symbols.first?.inputIndices, [reversed.count - 1])
    }
}
