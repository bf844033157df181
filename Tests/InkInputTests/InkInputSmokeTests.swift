import XCTest
@testable import InkInput

final class InkInputSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
