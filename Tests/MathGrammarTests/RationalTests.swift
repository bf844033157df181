import XCTest
@testable import MathGrammar

final class RationalTests: XCTestCase {
    private func rational(_ text: String) throws -> Rational { try XCTUnwrap(Rational(decimal: text), text) }

    func testDecimalLiterals() throws {
        XCTAssertEqual(try rational("0.250").description, "0.25")
        XCTAssertEqual(try rational("-12").description, "-12")
        XCTAssertEqual(try rational("007").description, "7")
        for bad in ["", ".", "1.", ".5", "1.2.3", "1e5", "--1", "٣"] { XCTAssertNil(Rational(decimal: bad), bad) }
    }

    func testArithmeticIsExact() throws {
        XCTAssertEqual(try rational("0.1") + rational("0.2"), try rational("0.3"))
        XCTAssertEqual(try rational("1").divided(by: rational("3"))?.description, "1/3")
        XCTAssertEqual(try rational("-1").divided(by: rational("-3"))?.description, "1/3")
        XCTAssertEqual(try rational("1").divided(by: rational("-3"))?.description, "-1/3")
        XCTAssertNil(try rational("1").divided(by: rational("0")))
        XCTAssertEqual(try (rational("2.5") * rational("-0.4")).description, "-1")
        XCTAssertEqual(try (rational("0.3") - rational("0.3")).description, "0")
    }

    func testRoundingIsHalfAwayFromZero() throws {
        XCTAssertEqual(try rational("2.5").rounded(toPlaces: 0).description, "3")
        XCTAssertEqual(try rational("-2.5").rounded(toPlaces: 0).description, "-3")
        XCTAssertEqual(try rational("0.125").rounded(toPlaces: 2).description, "0.13")
        XCTAssertEqual(try rational("-0.004").rounded(toPlaces: 2).description, "0")
        let twoThirds = try XCTUnwrap(try rational("2").divided(by: rational("3")))
        XCTAssertEqual(twoThirds.approximation(places: 4), "0.6667")
        XCTAssertEqual((-twoThirds).approximation(places: 2), "-0.67")
    }

    func testTerminatingPlaces() throws {
        XCTAssertEqual(try rational("0.125").terminatingPlaces, 3)
        XCTAssertEqual(try rational("40").terminatingPlaces, 0)
        XCTAssertNil(try rational("1").divided(by: rational("6"))?.terminatingPlaces)
        XCTAssertEqual(try rational("1").divided(by: rational("-0.05"))?.description, "-20")
        XCTAssertEqual(try rational("-1").divided(by: rational("80"))?.description, "-0.0125")
    }
}
