import XCTest
@testable import Evaluation

final class TruthLaTeXTests: XCTestCase {
    func testCROHMETruthBecomesTokens() {
        XCTAssertEqual(TruthLaTeX.normalized("$3\\times(5+1)=18$"), "3 \\times ( 5 + 1 ) = 18")
        XCTAssertEqual(TruthLaTeX.normalized("\\left( 2.5 \\right) \\div 4"), "( 2.5 ) \\div 4")
        XCTAssertEqual(TruthLaTeX.normalized("57753336"), "57753336")
        XCTAssertEqual(TruthLaTeX.normalized("1 2 + 3"), "12 + 3", "CROHME spaces digits of one number apart")
    }

    func testTruthOutsideTheVocabularyIsOutOfScope() {
        XCTAssertNil(TruthLaTeX.normalized("\\frac{1}{2}"))
        XCTAssertNil(TruthLaTeX.normalized("x + 1"))
        XCTAssertNil(TruthLaTeX.normalized("186 / 2"))
        XCTAssertNil(TruthLaTeX.normalized("$ $"))
    }
}
