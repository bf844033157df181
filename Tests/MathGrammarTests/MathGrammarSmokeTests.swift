import XCTest
@testable import MathGrammar

final class MathGrammarSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
