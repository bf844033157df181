import ImageDecoding
import MathGrammar
import Recognition
import XCTest
@testable import Worksheets

final class GraderTests: XCTestCase {
    func item(_ latex: String, verdict: Bool?, confidence: Double, answer: String?, problem: String? = nil, number: String = "1") -> WorksheetItem {
        WorksheetItem(number: number, label: nil, box: Box(x: 0, y: 0, width: 10, height: 10),
                      reading: LineResult(latex: latex, value: nil, verdict: verdict, problem: problem, confidence: confidence,
                                          box: Box(x: 0, y: 0, width: 10, height: 10), symbols: []),
                      mathML: nil, answer: answer.flatMap { Rational(decimal: $0) }, answerMissing: latex.hasSuffix("="))
    }

    func testVerdictsByTheItemsOwnEquals() {
        let grader = Grader()
        XCTAssertEqual(grader.grade(item("3 + 4 = 7", verdict: true, confidence: 0.99, answer: "7")).verdict, .right)
        XCTAssertEqual(grader.grade(item("3 + 4 = 8", verdict: false, confidence: 0.99, answer: "8")).verdict, .wrong)
        XCTAssertEqual(grader.grade(item("3 + 4 =", verdict: nil, confidence: 0.99, answer: nil)).verdict, .blank)
        XCTAssertEqual(grader.grade(item("3 + 4", verdict: nil, confidence: 0.99, answer: "7")).verdict, .ungraded)
        XCTAssertEqual(grader.grade(item("3 + + 4", verdict: nil, confidence: 0.99, answer: nil, problem: "no parse")).verdict, .uncertain)
    }

    func testAWeakReadingIsNeverMarked() {
        let grader = Grader(minimumConfidence: Grader.defaultMinimumConfidence)
        let threshold = Grader.defaultMinimumConfidence
        XCTAssertEqual(grader.grade(item("3 + 4 = 7", verdict: true, confidence: threshold - 0.01, answer: "7")).verdict, .uncertain)
        XCTAssertEqual(grader.grade(item("3 + 4 = 8", verdict: false, confidence: 0.2, answer: "8")).verdict, .uncertain)
        XCTAssertEqual(grader.grade(item("3 + 4 = 7", verdict: true, confidence: threshold, answer: "7")).verdict, .right)
    }

    func testAKeyDecidesByTheAnswer() throws {
        let key = try AnswerKey(parsing: "# class 4b\n1)\t7\n2\t0.50\n3\t1/3\n")
        let grader = Grader(key: key)
        XCTAssertEqual(grader.grade(item("3 + 4 = 7", verdict: true, confidence: 0.99, answer: "7")).verdict, .right)
        // The student's own `=` holds, but the key asked for something else.
        XCTAssertEqual(grader.grade(item("1 + 1 = 2", verdict: true, confidence: 0.99, answer: "2", number: "2")).verdict, .wrong)
        XCTAssertEqual(grader.grade(item("0.5", verdict: nil, confidence: 0.99, answer: "0.5", number: "2")).verdict, .right)
        XCTAssertEqual(grader.grade(item("3 + 4 =", verdict: nil, confidence: 0.99, answer: nil)).expected, "7")
        let page = WorksheetPage(items: [item("3 + 4 = 7", verdict: true, confidence: 0.99, answer: "7")], nonMath: [], imageWidth: 1, imageHeight: 1)
        XCTAssertEqual(grader.missing(from: page), ["2", "3"])
    }

    func testABadKeyNamesItsLine() {
        XCTAssertThrowsError(try AnswerKey(parsing: "1\t7\n2 seven\n")) {
            XCTAssertEqual($0 as? WorksheetError, .badKey(line: 2, reason: "expected an item number, a tab and the answer"))
        }
        XCTAssertThrowsError(try AnswerKey(parsing: "1\tseven\n"))
        XCTAssertThrowsError(try AnswerKey(parsing: "1\t7\n1\t8\n"))
    }
}
