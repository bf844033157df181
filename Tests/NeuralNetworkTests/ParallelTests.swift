import Foundation
import XCTest
@testable import NeuralNetwork

/// Gradients are summed per part of a batch, so training gives the same weights on any machine
/// only if the parts are the same whatever the number of cores.
final class ParallelTests: XCTestCase {
    func testPartsAreFixedContiguousRangesWhateverTheCores() {
        XCTAssertEqual(Parallel.parts, 4)
        let lock = NSLock()
        var ranges: [Int: Range<Int>] = [:]
        Parallel.forEachRange(of: 10) { part, range in
            lock.lock()
            ranges[part] = range
            lock.unlock()
        }
        XCTAssertEqual(ranges, [0: 0..<3, 1: 3..<6, 2: 6..<9, 3: 9..<10])
    }
}
