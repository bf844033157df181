import XCTest
@testable import Evaluation

/// CROHME normalisation: writings of one expression agree, different structures do not.
final class CROHMELaTeXTests: XCTestCase {
    func testEquivalentWritingsAgree() {
        let pairs: [(String, String)] = [
            ("$x^2+3x=10$", "x ^ { 2 } + 3 x = 1 0"),
            ("\\frac34+\\frac{1}{4}=1", "\\frac { 3 } { 4 } + \\frac { 1 } { 4 } = 1"),
            ("\\sqrt{16}=4", "\\sqrt { 1 6 } = 4"),
            ("2<5", "2 \\lt 5"),
            ("a\\ne b", "a \\neq b"),
            ("x_{1}", "x _ { 1 }"),
            ("{x^{2}}", "x ^ { 2 }"),
            ("\\left( x+1\\right)^{2}", "( x + 1 ) ^ { 2 }"),
            ("\\sum_{i=1}^{n} i", "\\sum _ { i = 1 } ^ { n } i"),
            ("\\sum^{n}_{i=1} i", "\\sum _ { i = 1 } ^ { n } i"),
            ("\\lim_{x \\to 0}", "\\lim _ { x \\rightarrow 0 }"),
            ("\\mathrm{d}x", "d x"),
            ("\\frac{\\frac{1}{2}}{3}", "\\frac { \\frac { 1 } { 2 } } { 3 }"),
            ("1\\,000", "1 0 0 0"),
            ("\\Bigg( a \\Bigg)", "( a )"),
            ("M \\ltN", "M \\lt N"),
            ("...+z", "\\ldots + z"),
            ("a \\cdot b", "a . b"),
        ]
        for (truth, expected) in pairs {
            XCTAssertEqual(CROHMELaTeX.normalized(truth), expected, truth)
        }
    }

    func testDifferentStructuresStayDifferent() {
        XCTAssertNotEqual(CROHMELaTeX.normalized("x^{2}"), CROHMELaTeX.normalized("x_{2}"))
        XCTAssertNotEqual(CROHMELaTeX.normalized("x^{2}y"), CROHMELaTeX.normalized("x^{2y}"))
        XCTAssertNotEqual(CROHMELaTeX.normalized("\\frac{1}{2}"), CROHMELaTeX.normalized("1/2"))
    }

    func testUnbalancedTextIsRefused() {
        XCTAssertNil(CROHMELaTeX.normalized("x^{2"))
        XCTAssertNil(CROHMELaTeX.normalized("x}"))
        XCTAssertNil(CROHMELaTeX.normalized("\\frac{1}"))
        XCTAssertNil(CROHMELaTeX.normalized("x^"))
    }

    func testComparisonNamesTheStructureThatDiffers() {
        let truth = "x ^ { 2 } + 1"
        XCTAssertEqual(StructureEvaluation.compare(reading: truth, truth: truth), .init(isMatch: true, problems: []))
        XCTAssertEqual(StructureEvaluation.compare(reading: "x _ { 2 } + 1", truth: truth).problems,
                       ["superscript missed", "subscript extra"])
        XCTAssertEqual(StructureEvaluation.compare(reading: "x ^ { 2 + 1 }", truth: truth).problems,
                       ["same structures, placed differently"])
    }

    /// The reports' tally: matches, the rate, and misses by what differs, commonest first.
    func testTallyCountsMatchesAndMissesByWhatDiffers() {
        var tally = StructureEvaluation.Tally()
        let truth = "x ^ { 2 } + 1"
        XCTAssertTrue(tally.count(reading: truth, truth: truth).isMatch)
        tally.count(reading: "x _ { 2 } + 1", truth: truth)
        tally.count(reading: "x 2 + 1", truth: truth)
        XCTAssertEqual(tally.considered, 3)
        XCTAssertEqual(tally.matched, 1)
        XCTAssertEqual(tally.rate, "1 / 3 = 33.33 %")
        XCTAssertEqual(tally.problemLines, ["misses by what differs (a miss may count under several):",
                                            "  superscript missed: 2", "  subscript extra: 1"])
    }
}
