import XCTest
@testable import ImageDecoding

final class ImageDecodingSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
