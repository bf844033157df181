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

    /// A short minus drawn with a fine pen may be just twice as wide as tall, as a dot dragged a
    /// little also is: against the pen's stroke width, a flat mark longer than a tap and no
    /// thicker than one stroke, above the baseline, is a minus even when the classifier (which
    /// sees the crop magnified) calls it `.` or `=`. A tap of a broader pen, a thicker blob, or
    /// the same stroke on the baseline (where dragged points sit) stays a point.
    func testFlatStrokeLongerThanAPenTapOffTheBaselineIsAMinus() {
        func line(width: Double, height: Double, centre: Double = 80) -> [PlacedSymbol] {
            var sketch = LineSketch()
            sketch.add("9")
            let mark = PlacedSymbol(x: 40, y: centre - height / 2, width: width, height: height,
                                    alternatives: [Alternative(latex: ".", probability: 0.98), Alternative(latex: "=", probability: 0.015),
                                                   Alternative(latex: "-", probability: 0.005)])
            var rest = LineSketch()
            rest.add("5")
            return sketch.symbols + [mark] + rest.symbols.map { var digit = $0; digit.x += 50; return digit }
        }
        let minus = reader.read(line(width: 10, height: 5), strokeWidth: 2.5)
        XCTAssertEqual(minus.latex, "9 - 5")
        XCTAssertEqual(minus.symbols[1].probability, 0.98, accuracy: 1e-9, "the classifier's confidence scales it")
        XCTAssertEqual(reader.read(line(width: 10, height: 5)).latex, "9.5", "without the pen's width the dot stands")
        XCTAssertEqual(reader.read(line(width: 10, height: 5), strokeWidth: 0).latex, "9.5", "0 is an unknown width")
        XCTAssertEqual(reader.read(line(width: 10, height: 5), strokeWidth: 4).latex, "9.5", "a broad pen's tap is as long")
        XCTAssertEqual(reader.read(line(width: 10, height: 6), strokeWidth: 2.5).latex, "9.5", "not flat enough for a bar")
        XCTAssertEqual(reader.read(line(width: 14, height: 7), strokeWidth: 2.5).latex, "9.5", "thicker than one stroke")
        XCTAssertEqual(reader.read(line(width: 10, height: 5, centre: 95), strokeWidth: 2.5).latex, "9.5", "on the baseline")
    }

    /// A dot-sized mark the classifier reads as `=` but also gives `.` a fair chance: off the
    /// baseline it may be the operator (a small `=` fills to a blob at low resolution), so at
    /// the end of a line, where a point cannot be, it reads `=`; on the baseline between two
    /// digits the same mark is still a decimal point.
    func testSmallOperatorAtMidHeightKeepsItsReadingBesideTheDotRoles() {
        let seen = [("=", 0.6), (".", 0.4)]
        var end = LineSketch()
        end.add("5 + 3")
        end.add(.midDot, seen)
        let reading = reader.read(end.symbols)
        XCTAssertEqual(reading.latex, "5 + 3 =")
        XCTAssertNil(reading.problem)

        var between = LineSketch()
        between.add("9")
        between.add(.dot, seen)
        between.add("5")
        XCTAssertEqual(reader.read(between.symbols).latex, "9.5")

        // On the baseline the point comes first and the operator keeps only the small
        // mid-height share of its probability.
        let layout = LineLayout(between.symbols, digits: Set((0...9).map(String.init)))
        let mark = layout.symbols.first { $0.inputIndices == [1] }
        XCTAssertEqual(mark?.alternatives.first?.latex, ".")
        XCTAssertLessThan(mark?.alternatives.first { $0.latex == "=" }?.probability ?? 1, 0.05)
    }

    /// A dot-sized mark none of whose readings fits where it stands (before the first digit,
    /// after `=`) is set aside as a speck; a dot that fits as a decimal point stays one.
    func testDotThatFitsNowhereIsSetAsideAsASpeck() {
        var leading = LineSketch()
        leading.add(.dot, [(".", 0.99)])
        leading.add("3 + 4")
        let start = reader.read(leading.symbols)
        XCTAssertEqual(start.latex, "3 + 4")
        XCTAssertNil(start.problem)
        XCTAssertEqual(start.value, "7")
        XCTAssertEqual(start.ignoredInputIndices, [0])
        XCTAssertEqual(start.symbols.map(\.inputIndices), [[1], [2], [3]])
        // Setting a mark aside is a guess: it costs the confidence its price (at most 1/20).
        XCTAssertLessThanOrEqual(start.confidence, 0.9 * 0.9 * 0.9 * LineLayout.noiseShare + 1e-9)
        XCTAssertGreaterThan(start.confidence, 0)

        var trailing = LineSketch()
        trailing.add("5 + 3 =")
        trailing.add(.dot, [(".", 0.99)])
        let end = reader.read(trailing.symbols)
        XCTAssertEqual(end.latex, "5 + 3 =")
        XCTAssertEqual(end.ignoredInputIndices, [5])

        var point = LineSketch()
        point.add("3")
        point.add(.dot, [(".", 0.99)])
        point.add("5 + 1")
        let kept = reader.read(point.symbols)
        XCTAssertEqual(kept.latex, "3.5 + 1")
        XCTAssertEqual(kept.ignoredInputIndices, [])
        XCTAssertFalse(kept.symbols.contains { $0.others.contains { $0.latex == LineLayout.noise } },
                       "setting aside is no reading to report")
    }

    /// A small mark sitting on top of a wider symbol (the flag of a 5 drawn apart) or inside
    /// its box (a speck in a 3's bowl) is part of that symbol: no symbol of a line stands over
    /// another. The same mark beside the symbols keeps its reading.
    func testMarkOnTopOfOrInsideASymbolIsPartOfIt() {
        let symbol = { (x: Double, y: Double, width: Double, height: Double, readings: [(String, Double)]) in
            PlacedSymbol(x: x, y: y, width: width, height: height,
                         alternatives: readings.map { Alternative(latex: $0.0, probability: $0.1) })
        }
        let flag = symbol(48, 46, 20, 14, [(".", 0.5), ("-", 0.45)])  // over the 5 at x 44...76
        let speck = symbol(126, 90, 6, 6, [(".", 0.99)])              // in the 3's box, 110...142
        let line = [symbol(10, 60, 24, 40, [("1", 0.9)]), symbol(44, 60, 32, 40, [("5", 0.9)]), flag,
                    symbol(86, 69, 14, 22, [("+", 0.9)]), speck, symbol(110, 60, 32, 40, [("3", 0.9)])]
        let reading = reader.read(line)
        XCTAssertEqual(reading.latex, "15 + 3")
        XCTAssertEqual(reading.ignoredInputIndices, [2, 4])

        // Beside the digits, at mid-height, the same flag is a minus.
        let beside = [symbol(10, 60, 24, 40, [("1", 0.9)]), symbol(44, 60, 32, 40, [("5", 0.9)]),
                      symbol(86, 74, 20, 6, [("-", 0.9)]), symbol(116, 60, 32, 40, [("3", 0.9)])]
        XCTAssertEqual(reader.read(beside).latex, "15 - 3")
    }

    /// A ruled line or an underline taken into the line, a bar reaching over or under every
    /// other symbol, is no minus; a minus between symbols stays one.
    func testBarSpanningTheWholeLineIsARuleNotAMinus() {
        var line = LineSketch()
        line.add("12 - 3")
        let rule = PlacedSymbol(x: 0, y: 104, width: 200, height: 3, alternatives: [Alternative(latex: "-", probability: 0.99)])
        let reading = reader.read(line.symbols + [rule])
        XCTAssertEqual(reading.latex, "12 - 3")
        XCTAssertEqual(reading.ignoredInputIndices, [4])

        var short = LineSketch()
        short.add("12")
        let stub = PlacedSymbol(x: 20, y: 104, width: 20, height: 3, alternatives: [Alternative(latex: "-", probability: 0.99)])
        XCTAssertEqual(reader.read(short.symbols + [stub]).ignoredInputIndices, [], "under one digit only: not the whole line")
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

    /// A decimal comma, a short stroke hanging below the baseline between two digits, is a
    /// decimal point whatever the classifier (which learnt `.` as a round dot) calls it: no
    /// digit, bracket or operator is written under the line.
    func testCommaHangingBelowTheBaselineIsADecimalPoint() {
        for (reading, seen) in [("1", [("1", 0.6), (")", 0.3)]), (")", [(")", 0.9), ("1", 0.05), (".", 0.01)]),
                                ("-", [("-", 0.84), (".", 0.15)])] {
            var line = LineSketch()
            line.add("0")
            line.add(.comma, seen)
            line.add("71")
            let result = reader.read(line.symbols)
            XCTAssertEqual(result.latex, "0.71", "a comma the classifier reads as \(reading)")
            XCTAssertEqual(result.value, "0.71")
            XCTAssertEqual(result.symbols[1].probability, seen[0].1, accuracy: 1e-9, "scaled by how clear a glyph it saw")
        }
    }

    /// A mark that does not hang below its neighbours' bottoms keeps its reading, however low
    /// it is on the line as a whole: here a small `×` written low on a rising line, below the
    /// median of the digits' bottoms but not below the digits beside it.
    func testLowMarkOnARisingLineIsNotAComma() {
        let digit = { (x: Double, bottom: Double, label: String) in
            PlacedSymbol(x: x, y: bottom - 40, width: 24, height: 40, alternatives: [Alternative(latex: label, probability: 0.9)])
        }
        let times = PlacedSymbol(x: 44, y: 100, width: 16, height: 20,
                                 alternatives: [Alternative(latex: "\\times", probability: 0.9), Alternative(latex: "1", probability: 0.1)])
        let equals = PlacedSymbol(x: 105, y: 82, width: 24, height: 12, alternatives: [Alternative(latex: "=", probability: 0.9)])
        let line = [digit(10, 116, "7"), times, digit(70, 112, "5"), equals, digit(140, 100, "3"), digit(174, 98, "5")]
        let digitBottoms = line.filter(\.isReadAsDigit).map(\.bottom)
        XCTAssertGreaterThan(times.centerY, LineMetrics.median(digitBottoms), "the × is centred below the median of the digits' bottoms")
        XCTAssertEqual(reader.read(line).latex, "7 \\times 5 = 35")
    }

    /// On a long line that rises across the page (a tilted photo, drifting handwriting), a
    /// decimal point near its end sits on the baseline beneath it, though at mid-height of the
    /// line's median baseline: it is a point, not a multiplication dot.
    func testDecimalPointOnARisingLineSitsOnTheBaselineBeneathIt() {
        let rise = 0.3 // pixels up per pixel along
        let bottom = { (x: Double) in 200 - rise * (x - 10) }
        let digit = { (x: Double, label: String) in
            PlacedSymbol(x: x, y: bottom(x + 12) - 40, width: 24, height: 40, alternatives: [Alternative(latex: label, probability: 0.9)])
        }
        let point = PlacedSymbol(x: 180, y: bottom(182.5) - 5, width: 5, height: 5,
                                 alternatives: [Alternative(latex: ".", probability: 0.9)])
        let line = [digit(10, "1"), digit(44, "2"), digit(78, "3"), digit(112, "4"), digit(146, "5"), point, digit(195, "6")]
        let metrics = LineMetrics(line)
        XCTAssertEqual(metrics?.slope ?? 0, -rise, accuracy: 1e-9)
        XCTAssertEqual(metrics?.height(of: point) ?? 1, 0.0625, accuracy: 1e-6, "centred just above the baseline beneath it")
        XCTAssertGreaterThan((metrics?.baseline ?? 0) - point.centerY, 0.55 * 40, "above mid-height of a level baseline")
        XCTAssertEqual(reader.read(line).latex, "12345.6")
    }

    /// The baseline's slope is a median of pairwise slopes, so one digit reaching below the
    /// line does not tip it; with fewer than four digits (too few to outvote one) it stays level.
    func testBaselineSlopeIgnoresOneLowDigitAndNeedsFourDigits() {
        let digit = { (x: Double, bottom: Double) in
            PlacedSymbol(x: x, y: bottom - 40, width: 24, height: 40, alternatives: [Alternative(latex: "7", probability: 0.9)])
        }
        let level = [digit(10, 100), digit(44, 100), digit(78, 130), digit(112, 100), digit(146, 100)]
        XCTAssertEqual(LineMetrics(level)?.slope ?? 1, 0, accuracy: 1e-12)
        XCTAssertEqual(LineMetrics(level)?.baseline ?? 0, 100, accuracy: 1e-12)
        let three = [digit(10, 100), digit(44, 90), digit(78, 80)]
        XCTAssertEqual(LineMetrics(three)?.slope, 0)
        let four = three + [digit(112, 70)]
        XCTAssertEqual(LineMetrics(four)?.slope ?? 0, -10.0 / 34, accuracy: 1e-9)
    }

    /// Only a mark between two digits is a comma: after a bracket it keeps its reading.
    func testHangingMarkAfterABracketIsNotAComma() {
        var line = LineSketch()
        line.add("( 2 + 3 )")
        line.add(.comma, [("1", 0.6), (")", 0.3)])
        line.add("4")
        let layout = LineLayout(line.symbols, digits: Set((0...9).map(String.init)))
        let mark = layout.symbols.first { $0.inputIndices == [5] }
        XCTAssertEqual(mark?.alternatives.map(\.latex), ["1", ")"])

        var between = LineSketch()
        between.add("2")
        between.add(.comma, [("1", 0.6), (")", 0.3)])
        between.add("4")
        let comma = LineLayout(between.symbols, digits: Set((0...9).map(String.init))).symbols.first { $0.inputIndices == [1] }
        XCTAssertEqual(comma?.alternatives.map(\.latex), ["."], "the same mark between two digits")
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

    /// Brackets reach above and below the digits: a mark a quarter taller than the line's
    /// digits that the classifier finds a little likelier a `1` than a bracket is the bracket,
    /// while one of a digit's height is the `1`. Both readings parse: `( 5 + 2 ) × 34` and
    /// `15 + 21 × 34`.
    func testABracketTallerThanTheDigitsIsNotReadAsAOne() {
        for (shape, expected) in [(LineSketch.Shape.bracket, "( 5 + 2 ) \\times 34"), (.digit, "15 + 21 \\times 34")] {
            var line = LineSketch()
            line.add(shape, [("1", 0.6), ("(", 0.4)])
            line.add("5 + 2")
            line.add(shape, [("1", 0.6), (")", 0.4)])
            line.add("\\times 34")
            XCTAssertEqual(reader.read(line.symbols).latex, expected, "\(shape)")
        }
    }
}
