import XCTest
@testable import MathGrammar

/// Implicit multiplication, as declared by the grammar file's juxtaposition rule: an operand
/// directly followed by an opening bracket.
final class JuxtapositionTests: XCTestCase {
    private struct Case {
        var tokens: String
        var value: String
        var verdict: Bool? = nil
        var line: UInt = #line
    }

    private let cases: [Case] = [
        Case(tokens: "2 ( 3 )", value: "6"),
        Case(tokens: "( 1 + 2 ) ( 3 + 4 )", value: "21"),
        Case(tokens: "+ 2 ( - 2 )", value: "-4"),
        Case(tokens: "2 ( 3 ) ( 4 )", value: "24"),
        Case(tokens: "- 2 ( 3 )", value: "-6"),
        Case(tokens: "2.5 ( 4 )", value: "10"),
        // Binds like ×: tighter than + and -, left to right with × and ÷.
        Case(tokens: "1 + 2 ( 3 )", value: "7"),
        Case(tokens: "2 ( 3 ) - 1", value: "5"),
        Case(tokens: "6 \\div 2 ( 3 )", value: "9"),
        Case(tokens: "2 \\times 3 ( 4 )", value: "24"),
        Case(tokens: "( 2 ( 3 ) )", value: "6"),
        Case(tokens: "2 ( 3 ) = 6", value: "6", verdict: true),
        Case(tokens: "12 = 3 ( 2 + 2 )", value: "12", verdict: true),
        Case(tokens: "2 ( 3 + 1 ) = 7", value: "8", verdict: false),
    ]

    func testTable() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        for testCase in cases {
            let reading = reader.read(labels: labels(testCase.tokens))
            let line = testCase.line
            XCTAssertNil(reading.problem, testCase.tokens, line: line)
            XCTAssertEqual(reading.latex, testCase.tokens, "LaTeX writes no operator", line: line)
            XCTAssertEqual(reading.value, testCase.value, testCase.tokens, line: line)
            XCTAssertEqual(reading.verdict, testCase.verdict, testCase.tokens, line: line)
            XCTAssertTrue(reading.mathML?.contains("<mo>&#x2062;</mo>") == true, reading.mathML ?? "nil", line: line)
            XCTAssertTrue(reading.mathML.map(isBalancedXML) == true, reading.mathML ?? "nil", line: line)
        }
    }

    func testMathMLUsesAnInvisibleTimes() throws {
        let reading = LineReader(grammar: try arithmeticGrammar()).read(labels: labels("2 ( 3 )"))
        XCTAssertEqual(reading.mathML, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><mn>2</mn><mo>&#x2062;</mo>"
            + "<mrow><mo>(</mo><mn>3</mn><mo>)</mo></mrow></mrow></mrow></math>")
    }

    func testTreeIsAProduct() throws {
        let reading = LineReader(grammar: try arithmeticGrammar()).read(labels: labels("1 + 2 ( 3 )"))
        guard case .infix(let sum, .number("1", _), .infix(let product, .number("2", _), .group))? = reading.statement?.sides.first else {
            return XCTFail("wrong tree shape: \(String(describing: reading.statement))")
        }
        XCTAssertEqual([sum.meaning, product.meaning], [.add, .multiply])
    }

    /// Only an opening bracket juxtaposes: digits side by side stay one number, and a digit
    /// right after a closing bracket is refused (see the grammar file).
    func testOnlyAnOpeningBracketJuxtaposes() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        XCTAssertEqual(reader.read(labels: labels("2 3")).value, "23")
        for tokens in ["( 2 ) 3", "( 1 + 2 ) 3 = 9", "2 ( 3 ) 4"] {
            let reading = reader.read(labels: labels(tokens))
            XCTAssertNil(reading.value, tokens)
            XCTAssertNil(reading.verdict, tokens)
            XCTAssertTrue(reading.problem?.contains("an operator is expected") == true, "\(tokens): \(reading.problem ?? "nil")")
        }
    }

    /// Without a juxtaposition rule, every product must be written.
    func testGrammarWithoutTheRuleRefusesJuxtaposition() throws {
        let source = """
            number digits="1 2 3" latex="$literal" mathml="<mn>$literal</mn>"
            infix \\times precedence=2 meaning=multiply latex="$left \\times $right" mathml="$left<mo>&#xD7;</mo>$right"
            group ( ) meaning=identity latex="( $inner )" mathml="<mrow><mo>(</mo>$inner<mo>)</mo></mrow>"
            """
        let reader = LineReader(grammar: try Grammar(source: source, name: "explicit.grammar"))
        XCTAssertEqual(reader.read(labels: labels("2 \\times ( 3 )")).value, "6")
        let reading = reader.read(labels: labels("2 ( 3 )"))
        XCTAssertNil(reading.value)
        XCTAssertTrue(reading.problem?.contains("'(' (symbol 2) cannot follow '2'") == true, reading.problem ?? "nil")
    }

    /// The decoder knows juxtaposition too: a bracket after a number need not be misread.
    func testDecoderKeepsABracketAfterANumber() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        var line = LineSketch()
        line.add("2")
        line.add(.bracket, [("(", 0.8), ("1", 0.2)])
        line.add("3")
        line.add(.bracket, [(")", 0.8), ("1", 0.2)])
        line.add("= 6")
        let reading = reader.read(line.symbols)
        XCTAssertEqual(reading.latex, "2 ( 3 ) = 6")
        XCTAssertEqual(reading.verdict, true)
    }
}
