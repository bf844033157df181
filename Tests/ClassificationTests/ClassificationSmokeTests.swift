import XCTest
@testable import Classification

final class ClassificationSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
