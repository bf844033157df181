import Foundation
import XCTest
@testable import MathGrammar

/// The grammar repairs weak misreadings but never overrules what the classifier is sure of.
final class RepairMarginTests: XCTestCase {
    private var reader: LineReader!

    override func setUpWithError() throws {
        reader = LineReader(grammar: try arithmeticGrammar())
    }

    /// A lone operator read with near certainty, with a digit among its far alternatives, stays
    /// the operator: reported as written, with a problem and neither value nor verdict.
    func testLoneConfidentOperatorIsNeverRewrittenIntoADigit() {
        let operators: [(String, LineSketch.Shape)] = [
            ("+", .operatorSign), ("-", .bar), ("\\times", .operatorSign), ("\\div", .operatorSign), ("=", .operatorSign),
        ]
        for (symbol, shape) in operators {
            for size in [LineSketch.Shape.digit, shape] { // on a box of its own shape and of a digit's
                var line = LineSketch()
                line.add(size, [(symbol, 0.9998), ("4", 0.0001), ("1", 0.00005)])
                let reading = reader.read(line.symbols)
                XCTAssertEqual(reading.latex, symbol, "\(symbol) on a \(size) box")
                XCTAssertEqual(reading.symbols.map(\.latex), [symbol])
                XCTAssertNil(reading.value, symbol)
                XCTAssertNil(reading.verdict, symbol)
                XCTAssertNil(reading.verdictNote, symbol)
                XCTAssertNil(reading.mathML, symbol)
                let problem = reading.problem ?? ""
                XCTAssertTrue(problem.contains("cannot start the line") || problem.contains("the line ends after"), problem)
                XCTAssertTrue(problem.contains("closest grammatical reading"), problem)
                XCTAssertEqual(reading.confidence, 0.9998, accuracy: 1e-12)
            }
        }
    }

    /// A line of one symbol has no neighbours to judge it by, so even a close digit alternative
    /// does not replace it.
    func testLoneSymbolIsNeverRewritten() {
        var line = LineSketch()
        line.add(.bracket, [("(", 0.55), ("1", 0.45)])
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "(")
        XCTAssertNil(reading.value)
        XCTAssertTrue(reading.problem?.contains("a lone symbol is not rewritten") == true, reading.problem ?? "nil")
        // A lone digit is a whole line and reads as itself.
        var digit = LineSketch()
        digit.add(.digit, [("7", 0.6), ("1", 0.4)])
        XCTAssertEqual(reader.read(digit.symbols).value, "7")
    }

    /// An equation whose result is not written yet (`5 × 3 =`) reads as written: a question
    /// without its answer, with the value of its left side, no verdict and a note saying so.
    /// The grammar never completes it by reading the `=` as a digit (`5 × 32`), whether the
    /// classifier is sure of the `=` or only fairly sure.
    func testConfidentUnfinishedEquationStaysAsWritten() {
        for equals in [[("=", 0.999), ("2", 0.0008)], [("=", 0.6), ("2", 0.35)]] {
            var line = LineSketch()
            line.add("5 \\times 3")
            line.add(.operatorSign, equals)
            let reading = reader.read(line.symbols)
            XCTAssertEqual(reading.latex, "5 \\times 3 =")
            XCTAssertEqual(reading.symbols.map(\.latex), ["5", "\\times", "3", "="])
            XCTAssertNil(reading.verdict)
            XCTAssertEqual(reading.verdictNote, "no answer written")
            XCTAssertEqual(reading.value, "15")
            XCTAssertNil(reading.problem, reading.problem ?? "")
        }
    }

    /// The boundary is the documented margin: a repair that costs a little less is made, one
    /// that costs a little more is not.
    func testRepairIsMadeWithinTheMarginOnly() {
        func line(repairCost: Double) -> LineReading {
            // "4 - 1 = 3" with the "-" read as "t" (no rule); "-" is e^cost times less probable.
            // Neither label's probability is weighed by the box's height (only digits and + × ÷ are).
            var sketch = LineSketch()
            sketch.add("4")
            sketch.add(.bracket, [("t", 0.9), ("-", 0.9 / exp(repairCost))])
            sketch.add("1 = 3")
            return reader.read(sketch.symbols)
        }
        let inside = line(repairCost: LineReader.repairMargin - 0.25)
        XCTAssertEqual(inside.latex, "4 - 1 = 3")
        XCTAssertNil(inside.problem)
        XCTAssertEqual(inside.verdict, true)

        let outside = line(repairCost: LineReader.repairMargin + 0.25)
        XCTAssertEqual(outside.latex, "4 t 1 = 3")
        XCTAssertNil(outside.verdict)
        XCTAssertNil(outside.value)
        XCTAssertTrue(outside.problem?.contains("'t' (symbol 2) has no rule in the grammar") == true, outside.problem ?? "nil")
        XCTAssertTrue(outside.problem?.contains("'4 - 1 = 3'") == true, outside.problem ?? "nil")
    }

    /// A weakly misread symbol is still repaired: a 4 the classifier half-read as a minus.
    func testWeakMisreadingIsRepaired() {
        var line = LineSketch()
        line.add("7")
        line.add(.digit, [("-", 0.55), ("4", 0.4)])
        line.add("\\times 2 = 148")
        // "7 - × 2" does not parse; "74 × 2" does, at a cost of only log(0.55 / 0.4).
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "74 \\times 2 = 148")
        XCTAssertNil(reading.problem)
        XCTAssertEqual(reading.verdict, true)
    }

    /// Grading must not make a wrong line look right: a confident, grammatical but false line
    /// stays as written even when a near alternative would make it true.
    func testConfidentWrongButGrammaticalLineStaysAsWritten() {
        var line = LineSketch()
        line.add("1 + 1 =")
        line.add(.digit, [("3", 0.97), ("2", 0.02)])
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "1 + 1 = 3")
        XCTAssertEqual(reading.verdict, false)
        XCTAssertEqual(reading.value, "2")
        XCTAssertNil(reading.problem)
    }

    /// The margin is a real bound, not 0 and not unbounded.
    func testMarginIsFinitePositive() {
        XCTAssertGreaterThan(LineReader.repairMargin, 0)
        XCTAssertTrue(LineReader.repairMargin.isFinite)
    }

    /// Unary plus is rare (the grammar's `prior=0.05`): a mark about as likely a `1` as a `+`
    /// where a number starts is read as the `1`, and the confidence says what that cost; a `+`
    /// the classifier is sure of stays a unary plus.
    func testAWeakUnaryPlusIsReadAsTheDigitOne() throws {
        var weak = LineSketch()
        weak.add(.operatorSign, [("+", 0.6), ("1", 0.4)])
        weak.add("2 + 3")   // each at 0.9
        let reading = reader.read(weak.symbols)
        XCTAssertEqual(reading.latex, "12 + 3")
        XCTAssertEqual(reading.confidence, 0.4 * 0.9 * 0.9 * 0.9, accuracy: 1e-9, "the classifier's probability of what was chosen")

        var sure = LineSketch()
        sure.add(.operatorSign, [("+", 0.999), ("1", 0.001)])
        sure.add("2 + 3")
        XCTAssertEqual(reader.read(sure.symbols).latex, "+ 2 + 3")

        // Without the prior the weak mark stays a unary plus.
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("grammars/arithmetic.grammar"), encoding: .utf8)
        let flat = try Grammar(source: source.replacingOccurrences(of: "prior=0.05", with: ""), name: "flat")
        XCTAssertEqual(flat.prefixOperators["+"]?.prior, 1)
        XCTAssertEqual(LineReader(grammar: flat).read(weak.symbols).latex, "+ 2 + 3")
    }
}
