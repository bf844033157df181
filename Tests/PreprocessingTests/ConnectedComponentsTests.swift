@testable import Preprocessing
import XCTest

final class ConnectedComponentsTests: XCTestCase {
    /// Leaving out small components gives exactly the others, in the same order with the same
    /// runs, as finding all and dropping the small ones afterwards.
    func testMinimumAreaLeavesOutOnlyTheSmallComponents() {
        var generator = SystemRandomNumberGenerator()
        let (width, height) = (120, 80)
        let mask = (0..<(width * height)).map { _ in Int.random(in: 0..<100, using: &generator) < 30 }
        let all = ConnectedComponents.find(in: mask, width: width, height: height)
        XCTAssertTrue(all.contains { $0.area < 3 } && all.contains { $0.area >= 3 })
        for minimumArea in [2, 3, 12] {
            let large = ConnectedComponents.find(in: mask, width: width, height: height, minimumArea: minimumArea)
            let expected = all.filter { $0.area >= minimumArea }
            XCTAssertEqual(large.map(\.box), expected.map(\.box), "\(minimumArea)")
            XCTAssertEqual(large.map(\.area), expected.map(\.area), "\(minimumArea)")
            XCTAssertEqual(large.map { $0.runs.map { [$0.y, $0.x0, $0.x1] } }, expected.map { $0.runs.map { [$0.y, $0.x0, $0.x1] } })
        }
    }
}
