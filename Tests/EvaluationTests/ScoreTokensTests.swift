import XCTest
@testable import Evaluation

/// The reference scorer's rules (`../shared/tools/score-real-dev.py`), case by case; the
/// expected tokens are what the reference's `tokens()` returns for the same text.
final class ScoreTokensTests: XCTestCase {
    func testDigitsAreTokensAndCommandsStayWhole() {
        XCTAssertEqual(ScoreTokens.tokens("3 \\times ( 5 + 1 ) = 18"), ["3", "\\times", "(", "5", "+", "1", ")", "=", "1", "8"])
        XCTAssertEqual(ScoreTokens.tokens("\\times\\div"), ["\\times", "\\div"])
        XCTAssertEqual(ScoreTokens.tokens("x^{2}"), ["x", "^", "2"])
        XCTAssertEqual(ScoreTokens.tokens("\\frac{1}{2}"), ["\\frac", "1", "2"])
    }

    func testWrappersAndSpacingCarryNothing() {
        XCTAssertEqual(ScoreTokens.tokens("$\\left( 12 \\right)$"), ["(", "1", "2", ")"])
        XCTAssertEqual(ScoreTokens.tokens("\\mathrm{x}\\text{ab}\\mbox{c}"), ["x", "a", "b", "c"])
        XCTAssertEqual(ScoreTokens.tokens("1\\,2\\ 3"), ["1", "2", "3"])
        XCTAssertEqual(ScoreTokens.tokens("1\u{00A0}2"), ["1", "2"], "Unicode spaces separate, as Python's \\s")
        XCTAssertEqual(ScoreTokens.tokens(""), [])
    }

    func testTheReferenceQuirksAreKept() {
        XCTAssertEqual(ScoreTokens.tokens("\\rightarrow"), ["a", "r", "r", "o", "w"], "\\right is dropped even inside a longer command")
        XCTAssertEqual(ScoreTokens.tokens("\\{1\\}"), ["1"], "\\{ becomes \\ and space, then nothing")
        XCTAssertEqual(ScoreTokens.tokens("\\righ\\leftt"), ["\\right"], "one pass: what a removal joins is not removed again")
        XCTAssertEqual(ScoreTokens.tokens("a\\\\b"), ["a", "\\", "\\b"])
    }

    func testLinesAreJoinedWithSeparatorsEvenWhenEmpty() {
        XCTAssertEqual(ScoreTokens.reading(["1+1=2", nil, "3"]), ["1", "+", "1", "=", "2", ";", ";", "3"])
        XCTAssertEqual(ScoreTokens.readingText(["1+1=2", nil, "3"]), "1 + 1 = 2 ;  ; 3")
        XCTAssertEqual(ScoreTokens.reading([]), [])
        XCTAssertEqual(ScoreTokens.reading([nil]), [])
        XCTAssertEqual(ScoreTokens.lines(["1", ";", ";", "3"]), [["1"], [], ["3"]])
        XCTAssertEqual(ScoreTokens.lines([]), [], "nothing read is no line, not one empty line")
    }

    func testTruthIsSplitOnSpacesNotRetokenised() {
        XCTAssertEqual(ScoreTokens.truth(" 1 2\t+ 3 "), ["1", "2", "+", "3"])
        XCTAssertEqual(ScoreTokens.truth("12 + 3"), ["12", "+", "3"])
    }

    func testItemsAreTheSemicolonSeparatedParts() {
        XCTAssertEqual(ScoreTokens.items("1 + 1 = 2 ;  ; 3"), ["1 + 1 = 2", "", "3"])
        XCTAssertEqual(ScoreTokens.items("1  2 ; 3;4"), ["1 2", "3;4"], "only ' ; ' separates")
        XCTAssertEqual(ScoreTokens.items(""), [""], "an empty truth is one item")
        XCTAssertEqual(ScoreTokens.readingItems(""), [], "an empty reading has none")
        XCTAssertEqual(ScoreTokens.readingItems(" ; "), ["", ""])
    }

    func testPageIsRightOnlyWhenTheTokenSequencesAreEqual() {
        let row = { (truth: String) in ManifestRow(id: "p", writer: "w", tier: "seed16", kind: "drawn", truth: truth) }
        XCTAssertTrue(PageScore(row: row("1 2 \\div 4 = 3"), readingLines: ["12 \\div 4 = 3"]).exact)
        XCTAssertTrue(PageScore(row: row("1 + 1 = 2 ; 3 = 3"), readingLines: ["1+1=2", "3=3"]).exact)
        XCTAssertFalse(PageScore(row: row("1 + 1 = 2 ; 3 = 3"), readingLines: ["1+1=2 3=3"]).exact, "lines must agree")
        XCTAssertFalse(PageScore(row: row("1 + 1 = 2"), readingLines: ["1+1=2", nil]).exact, "an empty extra line still counts")
        XCTAssertFalse(PageScore(row: row("12 + 3"), readingLines: ["12+3"]).exact, "a truth not in tokens matches nothing")
        XCTAssertFalse(PageScore(row: row("1 = 1"), readingLines: [], failure: "no image").exact)
        XCTAssertTrue(PageScore(row: row(""), readingLines: [nil]).exact, "nothing written, nothing read")
    }

    func testItemsAreMatchedInOrderAsDifflibDoes() {
        let row = ManifestRow(id: "g", writer: "w", tier: "grid", kind: "photo", truth: "1 + 1 ; 2 + 2 ; 3 + 3 ; 4 + 4")
        let page = PageScore(row: row, readingLines: ["1+1", "2+7", "3+3", "4+4"])
        XCTAssertEqual(page.itemsWanted, 4)
        XCTAssertEqual(page.itemsMatched, 3)
        let shifted = PageScore(row: row, readingLines: ["9", "1+1", "2+2", "3+3", "4+4"])
        XCTAssertEqual(shifted.itemsMatched, 4, "an extra item does not cost the others")
    }

    func testMatchingBlocksTakeTheFirstLongestRunNotTheLongestSubsequence() {
        XCTAssertEqual(MatchingBlocks.matchedCount(["b", "a", "b"], ["a", "c", "b"]), 1, "difflib: 1, the common subsequence a b is 2")
        XCTAssertEqual(MatchingBlocks.matchedCount(Array("1 2 3 X Y 4 5 6 7".split(separator: " ")), Array("4 5 6 7 1 2 3 X Y".split(separator: " "))), 5)
        XCTAssertEqual(MatchingBlocks.matchedCount(Array("abab c".split(separator: " ")), []), 0)
        XCTAssertEqual(MatchingBlocks.matchedCount(["a", "b", "a", "b", "c"], ["b", "a", "b", "a", "c", "c"]), 4)
        XCTAssertEqual(MatchingBlocks.matchedCount(["a", "x", "b"], ["a", "y", "b"]), 2)
    }
}
