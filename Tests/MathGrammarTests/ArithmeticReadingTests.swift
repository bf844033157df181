import XCTest
@testable import MathGrammar

/// Token lines → LaTeX, value, verdict, through the real grammar file.
final class ArithmeticReadingTests: XCTestCase {
    private struct Case {
        var tokens: String
        var value: String?
        var verdict: Bool?
        var note: String? = nil
        var line: UInt = #line
    }

    private let cases: [Case] = [
        // Precedence and associativity.
        Case(tokens: "3 \\times ( 5 + 1 ) = 18", value: "18", verdict: true, note: "exact"),
        Case(tokens: "1 + 2 \\times 3", value: "7", verdict: nil),
        Case(tokens: "( 1 + 2 ) \\times 3", value: "9", verdict: nil),
        Case(tokens: "10 - 4 - 3", value: "3", verdict: nil),
        Case(tokens: "24 \\div 4 \\div 2", value: "3", verdict: nil),
        Case(tokens: "2 \\times 3 \\div 4", value: "1.5", verdict: nil),
        Case(tokens: "8 - 2 \\times 3 + 1", value: "3", verdict: nil),
        Case(tokens: "( ( 2 ) )", value: "2", verdict: nil),
        Case(tokens: "3 \\cdot 4", value: "12", verdict: nil),
        // Unary minus and plus.
        Case(tokens: "- 3 + 5", value: "2", verdict: nil),
        Case(tokens: "2 \\times - 3", value: "-6", verdict: nil),
        Case(tokens: "- ( 2 + 3 )", value: "-5", verdict: nil),
        Case(tokens: "4 - - 1", value: "5", verdict: nil),
        Case(tokens: "+ 4 \\div - 8", value: "-0.5", verdict: nil),
        Case(tokens: "- 2 \\times 3 = - 6", value: "-6", verdict: true, note: "exact"),
        // Exact rationals.
        Case(tokens: "0.1 + 0.2 = 0.3", value: "0.3", verdict: true, note: "exact"),
        Case(tokens: "1 \\div 3", value: "1/3", verdict: nil),
        Case(tokens: "- 1 \\div 3", value: "-1/3", verdict: nil),
        Case(tokens: "2 \\div 8", value: "0.25", verdict: nil),
        Case(tokens: "3.25 \\times 4", value: "13", verdict: nil),
        Case(tokens: "1 \\div 3 \\times 3 = 1", value: "1", verdict: true, note: "exact"),
        Case(tokens: "0.50 + 0.5", value: "1", verdict: nil),
        // Chains.
        Case(tokens: "1 + 1 = 2 = 4 \\div 2", value: "2", verdict: true, note: "exact"),
        Case(tokens: "1 + 1 = 2 = 3", value: "2", verdict: false),
        Case(tokens: "2 \\div 3 = 0.667 = 0.67", value: "2/3", verdict: true, note: "true to 2 and 3 decimals"),
        // Rounding: a decimal with k places equals the other side rounded to k places.
        Case(tokens: "71 \\div 78 \\times 99 = 90.12", value: "2343/26", verdict: true, note: "true to 2 decimals"),
        Case(tokens: "71 \\div 78 \\times 99 = 90.11", value: "2343/26", verdict: false),
        Case(tokens: "1 \\div 3 = 0.3", value: "1/3", verdict: true, note: "true to 1 decimal"),
        Case(tokens: "2 \\div 3 = 0.67", value: "2/3", verdict: true, note: "true to 2 decimals"),
        Case(tokens: "2 \\div 3 = 0.66", value: "2/3", verdict: false),
        Case(tokens: "0.67 = 2 \\div 3", value: "0.67", verdict: true, note: "true to 2 decimals"),
        Case(tokens: "- 2 \\div 3 = - 0.67", value: "-2/3", verdict: true, note: "true to 2 decimals"),
        Case(tokens: "7 \\div 2 = 4", value: "3.5", verdict: false),
        Case(tokens: "10 \\div 4 = 2.5", value: "2.5", verdict: true, note: "exact"),
        // A question without its answer: the value of what was computed, no verdict.
        Case(tokens: "12 - 7 =", value: "5", verdict: nil, note: "no answer written"),
        Case(tokens: "5 \\times ( 2 + 1 ) =", value: "15", verdict: nil, note: "no answer written"),
        Case(tokens: "1 + 1 = 2 =", value: "2", verdict: nil, note: "no answer written"),
        Case(tokens: "- 4 =", value: "-4", verdict: nil, note: "no answer written"),
        // Undefined values.
        Case(tokens: "5 \\div 0 =", value: nil, verdict: nil),
        Case(tokens: "5 \\div ( 2 - 2 )", value: nil, verdict: nil),
        Case(tokens: "5 \\div 0 = 1", value: nil, verdict: nil),
        Case(tokens: "1 = 5 \\div 0", value: "1", verdict: nil),
        // Very long numbers.
        Case(tokens: "99999999999999999999999999999999999999 + 1 = 100000000000000000000000000000000000000",
             value: "100000000000000000000000000000000000000", verdict: true, note: "exact"),
        Case(tokens: "0.000000000000000000000000001 \\times 1000000000000000000000000000 = 1", value: "1", verdict: true, note: "exact"),
        Case(tokens: "1 \\div 30000000000000000000000000000000", value: "1/30000000000000000000000000000000", verdict: nil),
    ]

    func testTable() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        for testCase in cases {
            let reading = reader.read(labels: labels(testCase.tokens))
            let line = testCase.line
            XCTAssertNil(reading.problem, testCase.tokens, line: line)
            XCTAssertEqual(reading.latex, testCase.tokens, line: line)
            XCTAssertEqual(reading.value, testCase.value, testCase.tokens, line: line)
            XCTAssertEqual(reading.verdict, testCase.verdict, testCase.tokens, line: line)
            if let note = testCase.note { XCTAssertEqual(reading.verdictNote, note, testCase.tokens, line: line) }
            if testCase.verdict == false {
                XCTAssertTrue(reading.verdictNote?.hasPrefix("false") == true, "\(reading.verdictNote ?? "nil")", line: line)
            }
            XCTAssertEqual(reading.confidence, 1, accuracy: 1e-12, line: line)
            XCTAssertTrue(reading.mathML.map(isBalancedXML) == true, reading.mathML ?? "nil", line: line)
        }
    }

    func testDivisionByZeroIsAResultWithAMessage() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        let reading = reader.read(labels: labels("5 \\div ( 2 - 2 ) = 1"))
        XCTAssertNil(reading.value)
        XCTAssertNil(reading.verdict)
        XCTAssertEqual(reading.verdictNote, "division by zero in 5 \\div ( 2 - 2 ): the divisor ( 2 - 2 ) is 0")
        XCTAssertEqual(reading.latex, "5 \\div ( 2 - 2 ) = 1")
    }

    func testApproximateValueOnlyForEndlessDecimals() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        XCTAssertEqual(reader.read(labels: labels("71 \\div 78 \\times 99 = 90.12")).approximateValue, "90.115385")
        XCTAssertEqual(reader.read(labels: labels("- 2 \\div 3")).approximateValue, "-0.666667")
        XCTAssertNil(reader.read(labels: labels("1 \\div 8")).approximateValue)
        XCTAssertNil(reader.read(labels: labels("1 \\div 0")).approximateValue)
    }

    func testFalseVerdictShowsBothSides() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        let reading = reader.read(labels: labels("71 \\div 78 \\times 99 = 90.11"))
        XCTAssertEqual(reading.verdictNote, "false: = does not hold between 2343/26 (≈ 90.115385) and 90.11")
    }

    func testMathML() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        let math = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
        XCTAssertEqual(reader.read(labels: labels("3 \\times ( 5 + 1 ) = 18")).mathML,
                       math + "<mrow><mrow><mn>3</mn><mo>&#xD7;</mo><mrow><mo>(</mo><mrow><mn>5</mn><mo>+</mo><mn>1</mn></mrow><mo>)</mo></mrow></mrow><mo>=</mo><mn>18</mn></mrow></math>")
        XCTAssertEqual(reader.read(labels: labels("- 2.5 \\div 4")).mathML,
                       math + "<mrow><mrow><mrow><mo>&#x2212;</mo><mn>2.5</mn></mrow><mo>&#xF7;</mo><mn>4</mn></mrow></mrow></math>")
    }

    func testTreeFollowsPrecedence() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        // 1 - 2 × 3 - 4 is (1 - (2 × 3)) - 4.
        guard case .infix(let outer, .infix(let inner, _, .infix(let product, _, _)), .number("4", _))? =
                reader.read(labels: labels("1 - 2 \\times 3 - 4")).statement?.sides.first else {
            return XCTFail("wrong tree shape")
        }
        XCTAssertEqual([outer.meaning, inner.meaning, product.meaning], [.subtract, .subtract, .multiply])
    }

    func testUngrammaticalLabelsGiveTheRawReadingAndAReason() throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        let cases: [(tokens: String, reason: String)] = [
            ("1 + \\times 2", "'\\times' (symbol 3) cannot follow '+'"),
            ("( 1 + 2", "a bracket is never closed: ')' is missing"),
            ("1 + 2 )", "')' (symbol 4) closes a bracket that was never opened"),
            ("1 . + 2", "a digit must follow the decimal point"),
            ("( 1 = 1 )", "'=' (symbol 3) cannot stand inside brackets"),
            ("2 x 3", "'x' (symbol 2) has no rule in the grammar"),
            ("3 +", "the line ends after '+'"),
            ("3 = +", "the line ends after '+'"),
            ("=", "'=' (symbol 1) cannot start the line"),
            ("= 3", "'=' (symbol 1) cannot start the line"),
            ("- - 3", "'-' (symbol 2) cannot follow '-'"),
        ]
        for (tokens, reason) in cases {
            let reading = reader.read(labels: labels(tokens))
            // The raw reading keeps the classifier's labels; digits and points of a number join up.
            XCTAssertEqual(reading.latex?.filter { $0 != " " }, tokens.filter { $0 != " " })
            XCTAssertNil(reading.value, tokens)
            XCTAssertNil(reading.mathML, tokens)
            XCTAssertNil(reading.verdict, tokens)
            XCTAssertTrue(reading.problem?.contains(reason) == true, "\(tokens): \(reading.problem ?? "nil")")
        }
    }

    func testEmptyLine() throws {
        let reading = LineReader(grammar: try arithmeticGrammar()).read([])
        XCTAssertNil(reading.latex)
        XCTAssertEqual(reading.problem, "the line has no symbols")
        XCTAssertEqual(reading.confidence, 0)
    }
}
