import BigInt
import Foundation
import XCTest
@testable import MathGrammar

/// 2-D rows evaluated with the line grammar's meanings (`Grammar.evaluation(of:layout:)`):
/// every relation, every node kind, what is refused and why.
final class LayoutArithmeticTests: XCTestCase {
    private var grammar: Grammar!
    private var layout: LayoutGrammar!

    override func setUpWithError() throws {
        grammar = try arithmeticGrammar()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("grammars/layout.grammar")
        layout = try LayoutGrammar(source: String(contentsOf: url, encoding: .utf8), name: "layout.grammar")
    }

    private func evaluate(_ row: [LayoutNode]) -> LayoutEvaluation { grammar.evaluation(of: row, layout: layout) }

    private func n(_ literal: String) -> LayoutNode { .number(literal) }
    private func s(_ label: String) -> LayoutNode { .symbol(label) }
    private func frac(_ numerator: [LayoutNode], _ denominator: [LayoutNode]) -> LayoutNode {
        .fraction(numerator: numerator, denominator: denominator)
    }
    private func pow(_ base: LayoutNode, _ exponent: [LayoutNode]) -> LayoutNode {
        .scripts(base: base, subscript: nil, superscript: exponent)
    }
    private func sqrt(_ radicand: [LayoutNode], index: [LayoutNode]? = nil) -> LayoutNode { .root(radicand, index: index) }

    private func check(_ row: [LayoutNode], value: String?, verdict: Bool?, note: String?,
                       file: StaticString = #filePath, line: UInt = #line) {
        let result = evaluate(row)
        XCTAssertEqual(result.value, value, "value of \(layout.latex(of: row))", file: file, line: line)
        XCTAssertEqual(result.verdict, verdict, "verdict of \(layout.latex(of: row))", file: file, line: line)
        XCTAssertEqual(result.note, note, "note of \(layout.latex(of: row))", file: file, line: line)
    }

    func testEveryRelationIsGradedTrueAndFalse() {
        let cases: [(String, String, String, Bool)] = [
            ("=", "4", "4", true), ("=", "4", "5", false),
            ("\\neq", "4", "5", true), ("\\neq", "4", "4", false),
            ("\\lt", "2", "5", true), ("\\lt", "5", "2", false), ("\\lt", "2", "2", false),
            ("\\gt", "5", "2", true), ("\\gt", "2", "5", false),
            ("\\leq", "2", "2", true), ("\\leq", "2", "5", true), ("\\leq", "5", "2", false),
            ("\\geq", "2", "2", true), ("\\geq", "5", "2", true), ("\\geq", "2", "5", false),
        ]
        for (relation, left, right, holds) in cases {
            check([n(left), s(relation), n(right)], value: left, verdict: holds,
                  note: holds ? "exact" : "false: \(relation) does not hold between \(left) and \(right)")
        }
        // Chains: every relation must hold.
        check([n("1"), s("\\lt"), n("2"), s("\\leq"), n("2")], value: "1", verdict: true, note: "exact")
        check([n("1"), s("\\lt"), n("3"), s("\\lt"), n("2")], value: "1", verdict: false,
              note: "false: \\lt does not hold between 3 and 2")
        // A relation with nothing after it asks a question.
        check([n("5"), s("\\times"), n("3"), s("=")], value: "15", verdict: nil, note: "no answer written")
    }

    func testFractionsAreExact() {
        // \frac{3}{4} + \frac{1}{4} = 1
        check([frac([n("3")], [n("4")]), s("+"), frac([n("1")], [n("4")]), s("="), n("1")], value: "1", verdict: true, note: "exact")
        check([frac([n("1")], [n("3")])], value: "1/3", verdict: nil, note: nil)
        check([frac([n("1")], [n("3")]), s("="), n("0.33")], value: "1/3", verdict: true, note: "true to 2 decimals")
        check([frac([n("1")], [n("3")]), s("="), n("0.34")], value: "1/3", verdict: false,
              note: "false: = does not hold between 1/3 (≈ 0.333333) and 0.34")
        // Operators inside a fraction and a fraction inside a fraction.
        check([frac([n("1"), s("+"), n("2")], [frac([n("3")], [n("2")])])], value: "2", verdict: nil, note: nil)
    }

    func testDivisionByZeroInADenominatorIsUndefined() {
        check([frac([n("1")], [n("0")]), s("="), n("1")], value: nil, verdict: nil, note: "division by zero in \\frac { 1 } { 0 }")
        check([frac([n("1")], [n("2"), s("-"), n("2")])], value: nil, verdict: nil,
              note: "division by zero in \\frac { 1 } { 2 - 2 }: the denominator 2 - 2 is 0")
    }

    func testPowersWithWholeExponents() {
        check([pow(n("2"), [n("3")]), s("="), n("8")], value: "8", verdict: true, note: "exact")
        check([pow(n("10"), [n("2")]), s("+"), n("1")], value: "101", verdict: nil, note: nil)
        // A negative exponent is a reciprocal; a minus before the base is not part of it.
        check([pow(n("2"), [s("-"), n("2")]), s("="), n("0.25")], value: "0.25", verdict: true, note: "exact")
        check([s("-"), pow(n("2"), [n("2")])], value: "-4", verdict: nil, note: nil)
        // The exponent of a bracket raises the whole group: ( 1 + 2 ) ^ 2.
        check([s("("), n("1"), s("+"), n("2"), pow(s(")"), [n("2")]), s("="), n("9")], value: "9", verdict: true, note: "exact")
        check([pow(frac([n("2")], [n("3")]), [n("2")])], value: "4/9", verdict: nil, note: nil)
        check([pow(n("0"), [s("-"), n("1")])], value: nil, verdict: nil, note: "0 to a negative power is undefined in 0 ^ { - 1 }")
        check([pow(n("0"), [n("0")])], value: nil, verdict: nil, note: "0 ^ 0 is undefined in 0 ^ { 0 }")
        check([pow(n("4"), [frac([n("1")], [n("2")])])], value: nil, verdict: nil,
              note: "4 ^ { \\frac { 1 } { 2 } }: the exponent 0.5 is not a whole number")
    }

    /// An absurd exponent is refused with a reason, not computed.
    func testHugePowersAreRefused() throws {
        let huge = evaluate([pow(n("2"), [n("1000000000000000000000")])])
        XCTAssertNil(huge.value)
        XCTAssertNil(huge.verdict)
        XCTAssertEqual(huge.note, "2 ^ { 1000000000000000000000 } is too large to evaluate: the exponent 1000000000000000000000 is beyond ±64")
        check([pow(n("2"), [s("-"), n("65")])], value: nil, verdict: nil,
              note: "2 ^ { - 65 } is too large to evaluate: the exponent -65 is beyond ±64")
        check([sqrt([n("8")], index: [n("0")])], value: nil, verdict: nil,
              note: "\\sqrt [ 0 ] { 8 }: the root's index 0 is not a whole number from 1 to 64")
        // Within the exponent limit, but too many digits: (10^30)^64 has 1,921.
        let tall = evaluate([s("("), pow(n("10"), [n("30")]), pow(s(")"), [n("64")])])
        XCTAssertNil(tall.value)
        XCTAssertTrue(tall.note?.contains("too large to evaluate: about") == true, tall.note ?? "nil")
        check([pow(n("2"), [n("64")])], value: "18446744073709551616", verdict: nil, note: nil)
    }

    func testRootsOfPerfectPowersAreExact() {
        check([sqrt([n("16")]), s("="), n("4")], value: "4", verdict: true, note: "exact")
        check([sqrt([frac([n("9")], [n("4")])])], value: "1.5", verdict: nil, note: nil)
        check([sqrt([n("27")], index: [n("3")]), s("="), n("3")], value: "3", verdict: true, note: "exact")
        check([sqrt([s("-"), n("8")], index: [n("3")])], value: "-2", verdict: nil, note: nil)
        // Juxtaposed with a number: 3 \sqrt{4} = 6.
        check([n("3"), sqrt([n("4")]), s("="), n("6")], value: "6", verdict: true, note: "exact")
        check([sqrt([s("-"), n("4")])], value: nil, verdict: nil,
              note: "\\sqrt { - 4 } is not a real number: an even root of a negative number")
    }

    /// An irrational value is shown to 6 decimals and never called exact.
    func testOtherRootsAreApproximateAndSaySo() {
        check([sqrt([n("2")])], value: "1.414214", verdict: nil, note: "≈, to 6 decimals")
        check([sqrt([n("2")]), s("="), n("1.41")], value: "1.414214", verdict: true,
              note: "true to 2 decimals; value ≈, to 6 decimals")
        check([sqrt([n("2")]), s("="), n("1.42")], value: "1.414214", verdict: false,
              note: "false: = does not hold between ≈ 1.414214 and 1.42; value ≈, to 6 decimals")
        check([sqrt([n("2")]), s("="), n("1")], value: "1.414214", verdict: false,
              note: "false: = does not hold between ≈ 1.414214 and 1; value ≈, to 6 decimals")
        check([n("1.5"), s("\\gt"), sqrt([n("2")])], value: "1.5", verdict: true,
              note: "true, settled by bounds to 40 decimals (a side is not exact)")
        check([sqrt([n("2")]), s("\\neq"), n("1.41")], value: "1.414214", verdict: true,
              note: "true, settled by bounds to 40 decimals (a side is not exact); value ≈, to 6 decimals")
        // √2 × √2 is 2, but bounds cannot show equality: no verdict rather than a guess.
        let square = evaluate([sqrt([n("2")]), s("\\times"), sqrt([n("2")]), s("="), n("2")])
        XCTAssertNil(square.verdict)
        XCTAssertEqual(square.value, "2")
        XCTAssertTrue(square.note?.hasPrefix("undecided: whether = holds between ≈ 2 and 2") == true, square.note ?? "nil")
        check([sqrt([n("2")], index: [n("3")])], value: "1.259921", verdict: nil, note: "≈, to 6 decimals")
        check([s("("), sqrt([n("3")]), pow(s(")"), [n("2")]), s("="), n("3.0")],
              value: "3", verdict: true, note: "true to 1 decimal; value ≈, to 6 decimals")
    }

    func testExpressionsWithLettersAreNotEvaluated() {
        // x^2 + 3x = 10
        check([pow(s("x"), [n("2")]), s("+"), n("3"), s("x"), s("="), n("10")], value: nil, verdict: nil, note: "not arithmetic: contains x")
        check([s("a"), s("\\neq"), s("b")], value: nil, verdict: nil, note: "not arithmetic: contains a, b")
        check([s("\\sin"), n("30")], value: nil, verdict: nil, note: "not arithmetic: contains \\sin")
        check([.scripts(base: n("2"), subscript: [n("1")], superscript: nil)], value: nil, verdict: nil,
              note: "not arithmetic: contains a subscript")
        check([.limits(base: "\\sum", below: [n("1")], above: [n("9")]), n("2")], value: nil, verdict: nil,
              note: "not arithmetic: contains \\sum")
        check([sqrt([s("\\pi")])], value: nil, verdict: nil, note: "not arithmetic: contains \\pi")
        let result = evaluate([s("x")])
        XCTAssertNil(result.statement)
    }

    func testUngrammaticalRowsAreNotEvaluated() {
        check([n("2"), frac([n("1")], [n("2")])], value: nil, verdict: nil,
              note: "not evaluated: 2 before a fraction may be a mixed number or a product")
        check([n("2"), s("+")], value: nil, verdict: nil, note: "not evaluated: the line ends where a number is expected")
        check([frac([n("1"), s("="), n("1")], [n("2")])], value: nil, verdict: nil,
              note: "not evaluated: a relation inside 1 = 1")
    }

    /// The root bisection agrees with exact powers around it.
    func testIntegerRootIsTheFloor() {
        for (value, index) in [(0, 2), (1, 2), (15, 2), (16, 2), (17, 2), (26, 3), (27, 3), (1 << 40, 5), (1 << 40 + 1, 5)] {
            let root = NumericValue.integerRoot(BigUInt(value), index)
            XCTAssertLessThanOrEqual(root.power(index), BigUInt(value), "\(value)")
            XCTAssertGreaterThan((root + 1).power(index), BigUInt(value), "\(value)")
        }
    }
}
