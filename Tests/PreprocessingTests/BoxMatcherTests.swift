import ImageDecoding
import XCTest
@testable import Preprocessing

final class BoxMatcherTests: XCTestCase {
    func testOneToOneMatchingByOverlap() {
        let truth = [Box(x: 0, y: 0, width: 10, height: 10), Box(x: 20, y: 0, width: 10, height: 10)]
        let found = [Box(x: 21, y: 1, width: 10, height: 10), Box(x: 0, y: 0, width: 10, height: 9), Box(x: 50, y: 0, width: 3, height: 3)]
        let result = BoxMatcher.match(truth: truth, found: found)
        XCTAssertEqual(result.pairs.map(\.truth), [0, 1])
        XCTAssertEqual(result.pairs.map(\.found), [1, 0])
        XCTAssertEqual(result.unmatchedFound, [2])
        XCTAssertFalse(result.isExact)
    }

    func testOneFoundBoxCannotMatchTwoTrueOnes() {
        // Two symbols merged into one box: at most one of them matches.
        let truth = [Box(x: 0, y: 0, width: 10, height: 10), Box(x: 9, y: 0, width: 10, height: 10)]
        let result = BoxMatcher.match(truth: truth, found: [Box(x: 0, y: 0, width: 19, height: 10)])
        XCTAssertLessThanOrEqual(result.pairs.count, 1)
        XCTAssertFalse(result.isExact)
        XCTAssertEqual(BoxMatcher.intersectionOverUnion(truth[0], truth[0]), 1)
        XCTAssertEqual(BoxMatcher.intersectionOverUnion(truth[0], Box(x: 30, y: 30, width: 2, height: 2)), 0)
    }
}
