import XCTest
@testable import NeuralNetwork

final class NeuralNetworkSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
