import Foundation
import XCTest
@testable import MathGrammar

/// The 2-D layout parser on synthetic boxes: one test per relation, the examples with
/// their LaTeX and MathML, label candidates decided by layout, and the grammar file's reader.
final class LayoutParserTests: XCTestCase {
    var grammar: LayoutGrammar!
    var parser: LayoutParser!

    override func setUpWithError() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("grammars/layout.grammar")
        grammar = try LayoutGrammar(source: String(contentsOf: url, encoding: .utf8), name: "layout.grammar")
        parser = LayoutParser(grammar: grammar)
    }

    /// A symbol written on a line whose top is `top` and height `size`, its box where the
    /// grammar's band puts that label (a `-` thin at mid-height, an `x` below a digit's top).
    func glyph(_ label: String, x: Double, top: Double = 100, size: Double = 40, width: Double? = nil,
               alternatives: [Alternative]? = nil) -> PlacedSymbol {
        let band = grammar.band(of: label)
        return PlacedSymbol(x: x, y: top + band.top * size, width: width ?? size * 0.6,
                            height: (band.bottom - band.top) * size,
                            alternatives: alternatives ?? [Alternative(latex: label, probability: 1)])
    }

    /// A row of labels left to right on one line, starting at `x`, 30 units apart.
    func row(_ labels: [String], x: Double = 0, top: Double = 100, size: Double = 40) -> [PlacedSymbol] {
        labels.enumerated().map { glyph($1, x: x + Double($0) * size * 0.75, top: top, size: size) }
    }

    /// A fraction: numerator labels above a bar at the line's mid-height, denominator below.
    func fraction(_ numerator: [String], _ denominator: [String], x: Double) -> [PlacedSymbol] {
        let width = Double(max(numerator.count, denominator.count)) * 30 + 10
        let bar = PlacedSymbol(x: x, y: 121, width: width, height: 3, alternatives: [Alternative(latex: "-", probability: 1)])
        return [bar] + row(numerator, x: x + 5, top: 78, size: 36) + row(denominator, x: x + 5, top: 130, size: 36)
    }

    func read(_ symbols: [PlacedSymbol]) throws -> LayoutReading {
        try parser.parse(symbols.shuffled())  // the file order of symbols must not matter
    }

    // MARK: the symbols of a reading

    /// Every input symbol comes back once, in input order, with the label the tree gives it and
    /// that label's probability: the bar of a fraction, and an `x` the classifier found a little
    /// likelier a `\times` but the layout reads as a letter (a superscript's base).
    func testReadingListsEachSymbolWithItsChosenLabel() throws {
        let x = glyph("x", x: 0, alternatives: [Alternative(latex: "\\times", probability: 0.55), Alternative(latex: "x", probability: 0.45)])
        let symbols = [x, glyph("2", x: 28, top: 100 - 0.57 * 40 - 11, size: 22)] + fraction(["1"], ["3"], x: 80)
        let reading = try parser.parse(symbols)
        XCTAssertEqual(reading.latex, "x ^ { 2 } \\frac { 1 } { 3 }")
        XCTAssertEqual(reading.symbols.map(\.index), [0, 1, 2, 3, 4])
        XCTAssertEqual(reading.symbols.map(\.latex), ["x", "2", "-", "1", "3"])
        XCTAssertEqual(reading.symbols[0].probability, 0.45)
        XCTAssertEqual(reading.symbols[0].others, [Alternative(latex: "\\times", probability: 0.55)])
    }

    /// A mark whose third candidate is a radical does not take what lies inside its box as a
    /// radicand: a sign structures only when it is at least `signShare` as likely as the best label.
    func testAnUnlikelySignStructuresNothing() throws {
        let v = PlacedSymbol(x: 0, y: 90, width: 120, height: 60, alternatives: [
            Alternative(latex: "v", probability: 0.9), Alternative(latex: "\\sqrt", probability: 0.1)])
        let inside = glyph("2", x: 50, top: 100, size: 40)
        XCTAssertFalse(try parser.parse([v, inside]).latex.contains("\\sqrt"))
        var eager = parser!
        eager.signShare = 0
        XCTAssertTrue(try eager.parse([v, inside]).latex.contains("\\sqrt"))
    }

    // MARK: one test per relation

    func testRightKeepsSymbolsOnOneRow() throws {
        let reading = try read(row(["a", "+", "b", "=", "c"]))
        XCTAssertEqual(reading.latex, "a + b = c")
        XCTAssertEqual(reading.row.count, 5)
    }

    func testSuperscript() throws {
        let symbols = [glyph("x", x: 0), glyph("2", x: 28, top: 100 - 0.57 * 40 - 11, size: 22)]
        XCTAssertEqual(try read(symbols).latex, "x ^ { 2 }")
    }

    func testSubscript() throws {
        let symbols = [glyph("x", x: 0), glyph("1", x: 28, top: 100 + 0.49 * 40 - 0, size: 22)]
        XCTAssertEqual(try read(symbols).latex, "x _ { 1 }")
    }

    func testSubscriptAndSuperscriptOnOneBase() throws {
        let symbols = [glyph("x", x: 0), glyph("1", x: 28, top: 120, size: 22), glyph("2", x: 29, top: 66, size: 22)]
        let reading = try read(symbols)
        XCTAssertEqual(reading.latex, "x _ { 1 } ^ { 2 }")
        XCTAssertEqual(reading.mathML, "<msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup>")
    }

    func testFraction() throws {
        let reading = try read(fraction(["3"], ["4"], x: 0))
        XCTAssertEqual(reading.latex, "\\frac { 3 } { 4 }")
        XCTAssertEqual(reading.mathML, "<mfrac><mn>3</mn><mn>4</mn></mfrac>")
    }

    func testRoot() throws {
        let sign = PlacedSymbol(x: 0, y: 90, width: 80, height: 55, alternatives: [Alternative(latex: "\\sqrt", probability: 1)])
        let reading = try read([sign] + row(["1", "6"], x: 25))
        XCTAssertEqual(reading.latex, "\\sqrt { 16 }")
        XCTAssertEqual(reading.mathML, "<msqrt><mn>16</mn></msqrt>")
    }

    func testRootWithAnIndex() throws {
        // \sqrt [ 3 ] { 8 }: a small 3 over the sign's hook.
        let sign = PlacedSymbol(x: 0, y: 90, width: 60, height: 55, alternatives: [Alternative(latex: "\\sqrt", probability: 1)])
        let reading = try read([sign, glyph("3", x: 0, top: 78, size: 16), glyph("8", x: 25, top: 100, size: 40)])
        XCTAssertEqual(reading.latex, "\\sqrt [ 3 ] { 8 }")
        XCTAssertEqual(reading.mathML, "<mroot><mn>8</mn><mn>3</mn></mroot>")
    }

    func testABarWithNothingBelowIsAMinus() throws {
        let minus = glyph("-", x: 40, width: 25)
        XCTAssertEqual(try read([glyph("5", x: 0), minus, glyph("2", x: 80)]).latex, "5 - 2")
    }

    func testLimitsBelowAndAboveASum() throws {
        // \sum_{i=1}^{n} i: the limits are wider than the sign and start left of it.
        let sum = glyph("\\sum", x: 20, width: 30)
        let symbols = [sum] + row(["i", "=", "1"], x: 10, top: 160, size: 18) + [glyph("n", x: 28, top: 70, size: 18), glyph("i", x: 70)]
        let reading = try read(symbols)
        XCTAssertEqual(reading.latex, "\\sum _ { i = 1 } ^ { n } i")
        XCTAssertEqual(reading.mathML,
            "<mrow><munderover><mo>&#x2211;</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><mi>i</mi></mrow>")
    }

    // MARK: the examples

    func testPowerSumEquation() throws {
        // x^2 + 3x = 10
        let symbols = [glyph("x", x: 0), glyph("2", x: 26, top: 66, size: 22)]
            + row(["+", "3", "x", "=", "1", "0"], x: 60)
        let reading = try read(symbols)
        XCTAssertEqual(reading.latex, "x ^ { 2 } + 3 x = 10")
        XCTAssertEqual(reading.mathML,
            "<mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>3</mn><mi>x</mi><mo>=</mo><mn>10</mn></mrow>")
    }

    func testFractionsSum() throws {
        // \frac{3}{4} + \frac{1}{4} = 1
        let symbols = fraction(["3"], ["4"], x: 0) + [glyph("+", x: 60)] + fraction(["1"], ["4"], x: 100)
            + [glyph("=", x: 160), glyph("1", x: 200)]
        let reading = try read(symbols)
        XCTAssertEqual(reading.latex, "\\frac { 3 } { 4 } + \\frac { 1 } { 4 } = 1")
        XCTAssertEqual(reading.mathML,
            "<mrow><mfrac><mn>3</mn><mn>4</mn></mfrac><mo>+</mo><mfrac><mn>1</mn><mn>4</mn></mfrac><mo>=</mo><mn>1</mn></mrow>")
    }

    func testRootEquation() throws {
        let sign = PlacedSymbol(x: 0, y: 90, width: 80, height: 55, alternatives: [Alternative(latex: "\\sqrt", probability: 1)])
        let reading = try read([sign] + row(["1", "6"], x: 25) + row(["=", "4"], x: 100))
        XCTAssertEqual(reading.latex, "\\sqrt { 16 } = 4")
        XCTAssertEqual(reading.mathML, "<mrow><msqrt><mn>16</mn></msqrt><mo>=</mo><mn>4</mn></mrow>")
    }

    func testInequalityAndNotEqual() throws {
        XCTAssertEqual(try read(row(["2", "\\lt", "5"])).latex, "2 \\lt 5")
        XCTAssertEqual(try read(row(["2", "\\lt", "5"])).mathML, "<mrow><mn>2</mn><mo>&lt;</mo><mn>5</mn></mrow>")
        let reading = try read(row(["a", "\\neq", "b"]))
        XCTAssertEqual(reading.latex, "a \\neq b")
        XCTAssertEqual(reading.mathML, "<mrow><mi>a</mi><mo>&#x2260;</mo><mi>b</mi></mrow>")
    }

    func testIndexedVariable() throws {
        let reading = try read([glyph("x", x: 0), glyph("1", x: 26, top: 120, size: 22)])
        XCTAssertEqual(reading.mathML, "<msub><mi>x</mi><mn>1</mn></msub>")
    }

    func testNestedFraction() throws {
        // \frac{\frac{1}{2}}{3}: a short bar over 2 inside the numerator of a long one.
        let outer = PlacedSymbol(x: 0, y: 121, width: 90, height: 3, alternatives: [Alternative(latex: "-", probability: 1)])
        let inner = PlacedSymbol(x: 25, y: 80, width: 40, height: 3, alternatives: [Alternative(latex: "-", probability: 1)])
        let symbols = [outer, inner, glyph("1", x: 33, top: 48, size: 28), glyph("2", x: 33, top: 88, size: 28),
                       glyph("3", x: 33, top: 132, size: 36)]
        let reading = try read(symbols)
        XCTAssertEqual(reading.latex, "\\frac { \\frac { 1 } { 2 } } { 3 }")
        XCTAssertEqual(reading.mathML, "<mfrac><mfrac><mn>1</mn><mn>2</mn></mfrac><mn>3</mn></mfrac>")
    }

    func testRootInANumeratorAndAFractionUnderARoot() throws {
        // \frac { \sqrt { 2 } } { 2 } with the root sign wider than the bar under it.
        let bar = PlacedSymbol(x: 10, y: 121, width: 40, height: 3, alternatives: [Alternative(latex: "-", probability: 1)])
        let sign = PlacedSymbol(x: 0, y: 70, width: 60, height: 45, alternatives: [Alternative(latex: "\\sqrt", probability: 1)])
        let numerator = [bar, sign, glyph("2", x: 25, top: 80, size: 32), glyph("2", x: 20, top: 132, size: 36)]
        XCTAssertEqual(try read(numerator).latex, "\\frac { \\sqrt { 2 } } { 2 }")
        // \sqrt { \frac { 1 } { 2 } }: the sign reaches above the numerator and below the denominator.
        let tall = PlacedSymbol(x: 0, y: 70, width: 70, height: 110, alternatives: [Alternative(latex: "\\sqrt", probability: 1)])
        let fraction = [tall, PlacedSymbol(x: 25, y: 121, width: 35, height: 3, alternatives: [Alternative(latex: "-", probability: 1)]),
                        glyph("1", x: 32, top: 80, size: 34), glyph("2", x: 32, top: 132, size: 34)]
        XCTAssertEqual(try read(fraction).latex, "\\sqrt { \\frac { 1 } { 2 } }")
    }

    func testExponentOnBrackets() throws {
        // ( x + 1 ) ^ 2
        let symbols = row(["(", "x", "+", "1", ")"]) + [glyph("2", x: 150, top: 62, size: 22)]
        XCTAssertEqual(try read(symbols).latex, "( x + 1 ) ^ { 2 }")
    }

    func testExponentWithSeveralSymbolsThenBackToTheBaseline() throws {
        // 2 ^ { n + 1 } = 8
        let symbols = [glyph("2", x: 0)] + row(["n", "+", "1"], x: 28, top: 66, size: 22) + row(["=", "8"], x: 110)
        XCTAssertEqual(try read(symbols).latex, "2 ^ { n + 1 } = 8")
    }

    func testAnEqualsSignAfterAnExponentLeansToTheBaseline() throws {
        // 2 ^ { n } = 4 with a smaller = written higher and higher: the = is rarely inside a
        // script (inscript), so with that rule it stays on the baseline wherever it did without
        // it, and at some heights more.
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("grammars/layout.grammar")
        let source = try String(contentsOf: url, encoding: .utf8)
        let without = source.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("inscript") }.joined(separator: "\n")
        XCTAssertNotEqual(without, source)
        let plain = LayoutParser(grammar: try LayoutGrammar(source: without, name: "without.grammar"))
        var gained = 0
        let placements = stride(from: 50.0, through: 110.0, by: 2.0).flatMap { top in
            stride(from: 14.0, through: 40.0, by: 2.0).map { (top: top, size: $0) }
        }
        for (top, size) in placements {
            let symbols = [glyph("2", x: 0), glyph("n", x: 28, top: 66, size: 22), glyph("=", x: 50, top: top, size: size), glyph("4", x: 85)]
            let withRule = try parser.parse(symbols).latex == "2 ^ { n } = 4"
            let withoutRule = try plain.parse(symbols).latex == "2 ^ { n } = 4"
            XCTAssertTrue(withRule || !withoutRule, "= at \(top), \(size): baseline without the rule but not with it")
            if withRule && !withoutRule { gained += 1 }
        }
        XCTAssertGreaterThan(gained, 0)
    }

    /// The grammar file without the lines starting with `kind`.
    func grammar(without kind: String) throws -> LayoutGrammar {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("grammars/layout.grammar")
        let source = try String(contentsOf: url, encoding: .utf8)
        let without = source.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(kind) }.joined(separator: "\n")
        XCTAssertNotEqual(without, source)
        return try LayoutGrammar(source: without, name: "without-\(kind).grammar")
    }

    func testAMinusDoesNotEndAnExponent() throws {
        // x ^ { 2 } - 1 with the - written higher and higher: a script row seldom ends with a -
        // (closes), so with that rule it stays on the baseline wherever it did without it, and
        // at some heights more.
        let plain = LayoutParser(grammar: try grammar(without: "closes"))
        var gained = 0
        for top in stride(from: 40.0, through: 130.0, by: 2.0) {
            let symbols = [glyph("x", x: 0), glyph("2", x: 26, top: 66, size: 22), glyph("-", x: 48, top: top, size: 30), glyph("1", x: 80)]
            let withRule = try parser.parse(symbols).latex == "x ^ { 2 } - 1"
            let withoutRule = try plain.parse(symbols).latex == "x ^ { 2 } - 1"
            XCTAssertTrue(withRule || !withoutRule, "- at \(top): baseline without the rule but not with it")
            if withRule && !withoutRule { gained += 1 }
        }
        XCTAssertGreaterThan(gained, 0)
        // A - that leads an exponent is still read in it.
        let negative = [glyph("x", x: 0)] + row(["-", "1"], x: 26, top: 66, size: 22) + [glyph("+", x: 80), glyph("3", x: 110)]
        XCTAssertEqual(try read(negative).latex, "x ^ { - 1 } + 3")
    }

    func testAScriptGoesOnOnlyInItsPlace() throws {
        // x ^ { 2 }, then a 3 a little small sitting on x's line and a full-size 1: a script row
        // goes on only while its symbols keep a script's place and size against the base (without
        // that, both read as one subscript, x _ { 31 } ^ { 2 }, each only scored against the last).
        for size in [22.0, 28.0, 34.0] {
            let symbols = [glyph("x", x: 0), glyph("2", x: 26, top: 66, size: 22), glyph("3", x: 48, top: 110, size: size), glyph("1", x: 85)]
            XCTAssertEqual(try read(symbols).latex, "x ^ { 2 } 31", "3 of size \(size)")
        }
        // Written as a subscript, small and low, a row of two symbols is one subscript.
        let subscripted = [glyph("a", x: 0)] + row(["n", "k"], x: 26, top: 122, size: 22) + [glyph("+", x: 80), glyph("1", x: 110)]
        XCTAssertEqual(try read(subscripted).latex, "a _ { n k } + 1")
    }

    // MARK: hypotheses

    func testLayoutChoosesBetweenLabelCandidates() throws {
        // A mark the classifier finds a little likelier a × than an x, with a raised 2 after it:
        // a × carries no exponent, so the tree with x ^ { 2 } wins.
        let mark = glyph("x", x: 0, alternatives: [Alternative(latex: "\\times", probability: 0.55), Alternative(latex: "x", probability: 0.45)])
        let reading = try read([mark, glyph("2", x: 26, top: 66, size: 22)])
        XCTAssertEqual(reading.latex, "x ^ { 2 }")
        // Without the exponent, a × the classifier is sure of stays a × (an x is eight times as
        // common, see testCandidatesAreWeighedByFrequency, so a near tie is read x — unless a
        // digit follows it: testWhatFollowsAMarkWeighsItsReading).
        let sure = glyph("x", x: 0, alternatives: [Alternative(latex: "\\times", probability: 0.95), Alternative(latex: "x", probability: 0.05)])
        XCTAssertEqual(try read([glyph("3", x: -40), sure, glyph("4", x: 40)]).latex, "3 \\times 4")
        XCTAssertEqual(try read([glyph("3", x: -40), mark, glyph("+", x: 40), glyph("4", x: 80)]).latex, "3 x + 4")
    }

    func testArbitraryBoxesGiveBalancedOutput() throws {
        // Seeded random pages of bars, roots, sums and letters anywhere, of any size (zero
        // included): always a reading, with balanced braces and every symbol written once.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let labels = ["-", "\\sqrt", "\\sum", "x", "2", "=", "(", ")", "\\int", "\\lim", "."]
        for _ in 0..<200 {
            let count = 1 + Int(next() * 25)
            let symbols = (0..<count).map { _ in
                PlacedSymbol(x: next() * 300, y: next() * 200, width: next() < 0.1 ? 0 : next() * 120, height: next() < 0.1 ? 0 : next() * 90,
                             alternatives: [Alternative(latex: labels[Int(next() * Double(labels.count))], probability: 0.5 + next() / 2)])
            }
            let reading = try parser.parse(symbols)
            XCTAssertEqual(reading.latex.filter { $0 == "{" }.count, reading.latex.filter { $0 == "}" }.count, reading.latex)
            XCTAssertTrue(isBalancedXML(reading.mathML), reading.mathML)
            // Each symbol once: the labels (a bar as \frac, a number's digits one by one) add up.
            let tokens = reading.latex.split(separator: " ").flatMap { $0.first?.isNumber == true ? $0.map { String($0) } : [String($0)] }
            let written = tokens.filter { !["{", "}", "^", "_", "[", "]"].contains($0) }.count
            XCTAssertEqual(written, count, reading.latex)
        }
    }

    /// The search calls its checkpoint as it goes, in rows and inside fractions, and stops with
    /// the checkpoint's error: what lets a page's time budget interrupt a long parse.
    func testTheCheckpointIsCalledPerSymbolAndItsErrorStopsTheParse() throws {
        struct Stop: Error {}
        let symbols = row(["2", "+"]) + fraction(["1"], ["2", "3"], x: 80) + row(["=", "4"], x: 200)
        var calls = 0
        let reading = try parser.parse(symbols) { calls += 1 }
        XCTAssertEqual(reading.latex, "2 + \\frac { 1 } { 23 } = 4")
        XCTAssertGreaterThanOrEqual(calls, 4, "rows of 2 + frac = 4 and 2 3 each check per symbol after the first")
        var allowed = 2
        XCTAssertThrowsError(try parser.parse(symbols) {
            allowed -= 1
            if allowed < 0 { throw Stop() }
        }) { error in XCTAssertTrue(error is Stop, "\(error)") }
    }

    func testNothingToReadIsAnError() {
        XCTAssertThrowsError(try parser.parse([])) { error in
            guard case GrammarError.ungrammatical = error else { return XCTFail("\(error)") }
        }
    }

    // MARK: the grammar file

    func testLayoutGrammarLoads() {
        XCTAssertEqual(grammar.fractionBar, "-")
        XCTAssertEqual(grammar.rootSymbol, "\\sqrt")
        XCTAssertEqual(Set(grammar.relations.keys), Set(LayoutGrammar.Relation.allCases))
        XCTAssertTrue(grammar.band(of: "-").isFlat)
        XCTAssertFalse(grammar.band(of: "x").isFlat)
        XCTAssertEqual(grammar.neverBase[.superscript]?.contains("="), true)
        XCTAssertEqual(grammar.neverBase[.subscript]?.contains("2"), true)
        XCTAssertEqual(grammar.neverBase[.superscript]?.contains("2"), false)
    }

    /// A balanced classifier's candidates are weighed by how often their symbols are written:
    /// a mark a little likelier a `|` than a `1` is read as the far commoner `1`; a symbol the
    /// grammar states no share for takes the rarest one; probabilities still sum to 1.
    func testCandidatesAreWeighedByFrequency() throws {
        let one = try XCTUnwrap(grammar.frequencies["1"]), bar = try XCTUnwrap(grammar.frequencies["|"])
        XCTAssertGreaterThan(one, 5 * bar)
        let weighed = grammar.weighed([Alternative(latex: "|", probability: 0.6), Alternative(latex: "1", probability: 0.4)])
        XCTAssertEqual(weighed.map(\.latex), ["1", "|"])
        XCTAssertEqual(weighed[0].probability, 0.4 * one / (0.4 * one + 0.6 * bar), accuracy: 1e-12)
        XCTAssertEqual(weighed.map(\.probability).reduce(0, +), 1, accuracy: 1e-12)
        let rarest = try XCTUnwrap(grammar.frequencies.values.min())
        let unknown = grammar.weighed([Alternative(latex: "unheard-of", probability: 0.5), Alternative(latex: "1", probability: 0.5)])
        XCTAssertEqual(unknown.first { $0.latex == "unheard-of" }?.probability ?? 0, rarest / (rarest + one), accuracy: 1e-12)
        // The report keeps the classifier's own probability for the label read.
        let reading = try parser.parse([glyph("1", x: 0, alternatives: [Alternative(latex: "|", probability: 0.6), Alternative(latex: "1", probability: 0.4)])])
        XCTAssertEqual(reading.latex, "1")
        XCTAssertEqual(reading.symbols.first?.probability, 0.4)
    }

    /// A mark the classifier finds likelier an `X` than an `x` — as much likelier as `x` is
    /// commoner in writing, so that frequencies alone leave them even — is read by its height
    /// against the digits beside it: at x-height (the grammar's size for `x`) an `x`, as tall as
    /// the digits an `X`.
    func testCandidatesAreWeighedBySize() throws {
        XCTAssertGreaterThan(grammar.sizeWeight, 0)
        let small = try XCTUnwrap(grammar.sizes["x"]), tall = try XCTUnwrap(grammar.sizes["X"])
        XCTAssertLessThan(small.mean, tall.mean)
        let lower = try XCTUnwrap(grammar.frequencies["x"]), capital = try XCTUnwrap(grammar.frequencies["X"])
        XCTAssertGreaterThan(lower, capital)
        let twins = [Alternative(latex: "X", probability: lower / (lower + capital)),
                     Alternative(latex: "x", probability: capital / (lower + capital))]
        XCTAssertEqual(grammar.weighed(twins)[0].probability, 0.5, accuracy: 1e-9)
        func read(height: Double) throws -> String {
            let digits = row(["2", "3", "4"])  // 40 units tall
            let mark = PlacedSymbol(x: 200, y: 140 - height, width: height * 0.9, height: height, alternatives: twins)
            return try parser.parse(digits + [mark]).latex
        }
        XCTAssertEqual(try read(height: 40 * exp(small.mean)), "234 x")
        XCTAssertEqual(try read(height: 40), "234 X")
        // The relative heights: log(height / median larger side); too few symbols say nothing.
        let heights = LayoutGrammar.relativeHeights(of: [(30, 40), (20, 40), (10, 20), (80, 4)])
        XCTAssertEqual(heights.compactMap { $0 }.count, 4)
        XCTAssertEqual(heights[0] ?? 1, 0, accuracy: 1e-12)
        XCTAssertEqual(heights[2] ?? 0, log(0.5), accuracy: 1e-12)
        XCTAssertEqual(LayoutGrammar.relativeHeights(of: [(30, 40), (20, 10)]).compactMap { $0 }, [])
        // Without a height, frequencies alone.
        XCTAssertEqual(grammar.weighed(twins), grammar.weighed(twins, relativeHeight: nil))
    }

    /// A function name written letter by letter is read as one symbol when each mark may be its
    /// letter (a `0` whose second candidate is `o`), the letters sit in a row and close; the
    /// reading lists it once, with the letters after the first joined. Letters far apart stay letters.
    func testFunctionNameFromItsLetters() throws {
        XCTAssertEqual(grammar.functionNames["\\cos"], ["c", "o", "s"])
        let letters = [
            glyph("c", x: 0, alternatives: [Alternative(latex: "c", probability: 0.7), Alternative(latex: "C", probability: 0.3)]),
            glyph("o", x: 26, alternatives: [Alternative(latex: "0", probability: 0.6), Alternative(latex: "o", probability: 0.4)]),
            glyph("s", x: 52),
        ]
        let reading = try parser.parse(letters + [glyph("x", x: 100)])
        XCTAssertEqual(reading.latex, "\\cos x")
        XCTAssertEqual(reading.symbols.map(\.latex), ["\\cos", "x"])
        XCTAssertEqual(reading.symbols[0].joined, [1, 2])
        XCTAssertEqual(reading.symbols[0].probability, 0.7 * 0.4, accuracy: 1e-12)
        var apart = letters
        apart[2].x = 150
        XCTAssertFalse(try parser.parse(apart).latex.contains("\\cos"))
        // One letter after the first may be read as its twin, far down its candidates; not two.
        let unlikely = [Alternative(latex: "0", probability: 0.6), Alternative(latex: "C", probability: 0.2),
                        Alternative(latex: "6", probability: 0.1), Alternative(latex: "o", probability: 0.05)]
        var twin = letters
        twin[1].alternatives = unlikely
        XCTAssertEqual(try parser.parse(twin + [glyph("x", x: 100)]).latex, "\\cos x")
        twin[2].alternatives = [Alternative(latex: "5", probability: 0.6), Alternative(latex: "S", probability: 0.2),
                                Alternative(latex: "3", probability: 0.1), Alternative(latex: "s", probability: 0.05)]
        XCTAssertFalse(try parser.parse(twin).latex.contains("\\cos"))
        // Nor the first: a mark read 0 first is no c.
        var first = letters
        first[0].alternatives = [Alternative(latex: "(", probability: 0.6), Alternative(latex: "C", probability: 0.2),
                                 Alternative(latex: "[", probability: 0.1), Alternative(latex: "c", probability: 0.05)]
        XCTAssertFalse(try parser.parse(first).latex.contains("\\cos"))
    }

    /// An `i` found as a stem read `1` and a dot over it is read `i`, in a function name too; a
    /// dot too far above, or over a mark that may be an `\\int`, stays apart.
    func testADotOverAStemIsAnI() throws {
        func stem(x: Double, alternatives: [Alternative] = [Alternative(latex: "1", probability: 0.6), Alternative(latex: "l", probability: 0.3)]) -> PlacedSymbol {
            PlacedSymbol(x: x, y: 112, width: 6, height: 28, alternatives: alternatives)
        }
        func dot(x: Double, y: Double = 100) -> PlacedSymbol {
            PlacedSymbol(x: x, y: y, width: 5, height: 5, alternatives: [Alternative(latex: ".", probability: 0.9), Alternative(latex: "\\prime", probability: 0.1)])
        }
        let two = glyph("2", x: 0)
        let reading = try read([two, stem(x: 36), dot(x: 37)])
        XCTAssertEqual(reading.latex, "2 i")
        XCTAssertEqual(reading.symbols.count, 2)
        XCTAssertEqual(reading.symbols.first { $0.latex == "i" }?.joined.count, 1, "the dot is reported as part of the i")
        let sine = [glyph("s", x: 0), stem(x: 30), dot(x: 31), glyph("n", x: 44), glyph("x", x: 90)]
        XCTAssertEqual(try read(sine).latex, "\\sin x")
        XCTAssertFalse(try read([two, stem(x: 36), dot(x: 37, y: 40)]).latex.split(separator: " ").contains("i"))
        let integral = stem(x: 36, alternatives: [Alternative(latex: "1", probability: 0.6), Alternative(latex: "\\int", probability: 0.3)])
        XCTAssertFalse(try read([two, integral, dot(x: 37)]).latex.split(separator: " ").contains("i"))
    }

    /// What follows a mark weighs its reading: an `x`-like mark between digits is a `\\times`
    /// (digits seldom follow an `x` on its row), before a `+` the far commoner `x`.
    func testWhatFollowsAMarkWeighsItsReading() throws {
        let twins = [Alternative(latex: "x", probability: 0.6), Alternative(latex: "\\times", probability: 0.4)]
        let between = [glyph("2", x: 0), glyph("x", x: 30, alternatives: twins), glyph("3", x: 60)]
        XCTAssertEqual(try parser.parse(between).latex, "2 \\times 3")
        let before = [glyph("2", x: 0), glyph("x", x: 30, alternatives: twins), glyph("+", x: 60), glyph("3", x: 90)]
        XCTAssertEqual(try parser.parse(before).latex, "2 x + 3")
    }

    /// What follows a mark weighs it by class: an `x`-like mark between a `)` and a `(` is a
    /// `\\times` (an `x` is seldom followed by a bracket, a `)` seldom by a letter); between
    /// a digit and a `=`, the commoner `x` (an `x` is often followed by a relation).
    func testTheClassOfWhatFollowsAMarkWeighsItsReading() throws {
        let twins = [Alternative(latex: "x", probability: 0.6), Alternative(latex: "\\times", probability: 0.4)]
        let brackets = [glyph("(", x: 0), glyph("a", x: 30), glyph(")", x: 60), glyph("x", x: 90, alternatives: twins),
                        glyph("(", x: 120), glyph("b", x: 150), glyph(")", x: 180)]
        XCTAssertEqual(try parser.parse(brackets).latex, "( a ) \\times ( b )")
        let relation = [glyph("2", x: 0), glyph("x", x: 30, alternatives: twins), glyph("=", x: 60), glyph("4", x: 90)]
        XCTAssertEqual(try parser.parse(relation).latex, "2 x = 4")
        // Classes are the grammar's: a 1 is seldom followed by a letter.
        XCTAssertEqual(grammar.symbolClass(of: "7"), "digit")
        XCTAssertEqual(grammar.symbolClass(of: "\\alpha"), "letter")
        XCTAssertEqual(grammar.symbolClass(of: "!"), "other")
        XCTAssertLessThan(grammar.followFactor(of: "1", next: "x"), -2)
        XCTAssertGreaterThan(grammar.followFactor(of: "|", next: "x"), 0)
    }

    /// Bars come in pairs: a mark likelier a `|` than a `1` to the classifier, but not after
    /// frequencies, is the partner of a `|` later on its row; alone it is a `1`.
    func testBarsAreReadInPairs() throws {
        let opening = glyph("|", x: 0, alternatives: [Alternative(latex: "|", probability: 0.7), Alternative(latex: "1", probability: 0.3)])
        XCTAssertEqual(try parser.parse([opening, glyph("x", x: 30), glyph("|", x: 60)]).latex, "| x |")
        XCTAssertEqual(try parser.parse([opening, glyph("x", x: 30)]).latex, "1 x")
    }

    func testBadLayoutGrammarLinesAreRefusedWithTheirLine() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("grammars/layout.grammar")
        let good = try String(contentsOf: url, encoding: .utf8)
        let goodLines = good.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        // Each bad line is added at the end, in place of the good rule it redefines (if any).
        let cases: [(line: String, replaces: String?, message: String)] = [
            ("layer x", nil, "unknown rule kind 'layer'"),
            ("band q2 top=1 bottom=0.5", nil, "must be below top="),
            ("band q2 top=x bottom=0.5", nil, "top must be a number"),
            ("relation above offset=0 spread=1 ratio=0 ratio-spread=1 prior=0.5 latex=\"$base $script\" mathml=\"$base$script\"", nil, "names one relation"),
            ("relation right offset=0 spread=1 ratio=0 ratio-spread=1 prior=0.5 latex=\"$base\" mathml=\"$base$script\"", "relation  right", "$script is missing"),
            ("relation right offset=0 spread=0 ratio=0 ratio-spread=1 prior=0.5 latex=\"$base $script\" mathml=\"$base$script\"", "relation  right", "must be above 0"),
            ("fraction - latex=\"\\frac { $numerator } { $den }\" mathml=\"<mfrac>$numerator$denominator</mfrac>\"", "fraction", "uses $den"),
            ("band 7 top=0 bottom=1", nil, "already has a rule on line"),
            ("root \\sqrt latex=\"\\sqrt { $radicand\" mathml='<msqrt>$radicand</msqrt>", "root", "unterminated quote"),
            ("band z colour=red top=0 bottom=1", nil, "unknown attribute 'colour'"),
            ("nobase x relation=right", nil, "relation= must be superscript or subscript"),
            ("inscript q share=1", nil, "share must be above 0 and below 1"),
            ("inscript share=0.2", nil, "a second inscript rule for all symbols"),
            ("scripted q superscript=0.1", nil, "needs subscript="),
            ("scripted q superscript=0 subscript=0.1", nil, "superscript must be above 0 and below 1"),
            ("scripts latex=\"$base\" mathml=\"$base\"", nil, "a second scripts rule"),
            ("frequency q r share=0.1", nil, "a frequency rule names one symbol"),
            ("frequency q share=1.5", nil, "share must be above 0 and below 1"),
            ("frequency 2 share=0.1", nil, "a second frequency rule for 2"),
            ("size q r mean=0 spread=0.2", nil, "a size rule names one symbol"),
            ("size q mean=0 spread=0", nil, "spread must be above 0"),
            ("size q mean=small spread=0.2", nil, "mean must be a number"),
            ("size q mean=0 spread=0.2 weight=1", nil, "weight= goes on the size rule for all symbols"),
            ("size 2 mean=0 spread=0.2", nil, "a second size rule for 2"),
            ("size mean=0 spread=0.2 weight=1", nil, "a second size rule for all symbols"),
            ("size q mean=0 spread=0.2 colour=red", nil, "unknown attribute 'colour'"),
            ("followed q digit=0", nil, "digit must be above 0 and below 1"),
            ("followed digit=0.2", nil, "a second followed rule for all symbols"),
            ("followed q vowel=0.2", nil, "unknown class 'vowel' for followed"),
            ("followed q digit=0.6 letter=0.5", nil, "must leave some to other symbols"),
            ("followed q", nil, "gives the share of at least one class"),
            ("class vowel", nil, "names the class, then its symbols"),
            ("class other !", nil, "is a class of its own"),
            ("class vowel a", nil, "a is already of class letter"),
            ("closes q share=1", nil, "share must be above 0 and below 1"),
            ("closes share=0.5", nil, "a second closes rule for all symbols"),
            ("paired odd=0.2", nil, "a paired rule lists its symbols"),
            ("paired | odd=1", nil, "odd must be above 0 and below 1"),
            ("function \\sinh", nil, "a function rule needs letters="),
            ("function \\sinh letters=s", nil, "letters= lists at least two letters"),
            ("function \\sin letters=\"s i n\"", nil, "a second function rule for \\sin"),
        ]
        for (line, replaces, message) in cases {
            let kept = goodLines.filter { replaces == nil || !$0.hasPrefix(replaces ?? "") }
            let source = (kept + [line]).joined(separator: "\n") + "\n"
            let number = kept.count + 1
            XCTAssertThrowsError(try LayoutGrammar(source: source, name: "bad.grammar"), line) { error in
                guard let error = error as? GrammarError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.line, number, "\(line): \(error)")
                XCTAssertTrue(error.description.hasPrefix("bad.grammar:\(number): "), error.description)
                XCTAssertTrue(error.description.contains(message), "\(error) should say \(message)")
            }
        }
        // Sizes of symbols need the size of any symbol, stated without one.
        let withoutAllSizes = goodLines.filter { !$0.hasPrefix("size  mean=") }
        XCTAssertThrowsError(try LayoutGrammar(source: withoutAllSizes.joined(separator: "\n") + "\n", name: "bad.grammar")) { error in
            XCTAssertEqual((error as? GrammarError)?.line, withoutAllSizes.count)
            XCTAssertTrue("\(error)".contains("size mean="), "\(error)")
        }
        // A grammar without its fraction rule names the missing rule at the end of the file.
        let withoutFraction = goodLines.filter { !$0.hasPrefix("fraction") }
        XCTAssertThrowsError(try LayoutGrammar(source: withoutFraction.joined(separator: "\n") + "\n", name: "bad.grammar")) { error in
            XCTAssertEqual(error as? GrammarError, .missingRule(file: "bad.grammar", line: withoutFraction.count, kind: "fraction"))
        }
    }
}
