import XCTest
@testable import Preprocessing

final class PreprocessingSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
