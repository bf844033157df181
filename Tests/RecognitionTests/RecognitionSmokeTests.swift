import XCTest
@testable import Recognition

final class RecognitionSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
