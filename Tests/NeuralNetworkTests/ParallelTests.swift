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

    /// A worker thread of a batch runs the parts itself, in order, with the same ranges.
    func testInlinePartsRunInOrderOnTheCallingThreadWithTheSameRanges() {
        var calls: [(Int, Range<Int>, Bool)] = []
        Parallel.$runsInline.withValue(true) {
            Parallel.forEachRange(of: 10) { part, range in calls.append((part, range, Thread.isMainThread)) }
        }
        XCTAssertEqual(calls.map(\.0), [0, 1, 2, 3])
        XCTAssertEqual(calls.map(\.1), [0..<3, 3..<6, 6..<9, 9..<10])
        XCTAssertTrue(calls.allSatisfy(\.2), "every part on the calling (main) thread")
        XCTAssertFalse(Parallel.runsInline, "the setting ends with withValue")
    }

    /// Inference gives the same numbers whether the parts run concurrently or inline.
    func testInferenceIsTheSameInlineAndConcurrent() throws {
        let layers = try Architecture.layers(named: Architecture.mscnn, inputShape: [1, 32, 32], classCount: 5, seed: 3)
        let network = Network(layers: layers, seed: 3)
        var generator = SeededGenerator(seed: 9)
        let input = Tensor(shape: [11, 1, 32, 32], data: (0..<(11 * 32 * 32)).map { _ in generator.nextUniform() })
        let concurrent = network.forward(input, mode: .inference)
        let inline = Parallel.$runsInline.withValue(true) { network.forward(input, mode: .inference) }
        XCTAssertEqual(concurrent.data, inline.data)
        XCTAssertEqual(concurrent.shape, [11, 5])
    }

    /// Work whose values do not depend on the split is cut finer than the parts, so that a core
    /// that finishes early takes more: contiguous ranges covering every index once.
    func testChunksCoverEveryIndexOnceInAtMostChunksRanges() {
        for count in [0, 1, 5, 16, 17, 64, 1000] {
            let lock = NSLock()
            var ranges: [Range<Int>] = []
            Parallel.forEachChunk(of: count) { _, range in
                lock.lock()
                ranges.append(range)
                lock.unlock()
            }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            XCTAssertLessThanOrEqual(ranges.count, max(1, min(count, Parallel.chunks)), "\(count)")
            XCTAssertEqual(ranges.flatMap { Array($0) }, Array(0..<count), "\(count)")
        }
        XCTAssertGreaterThan(Parallel.chunks, Parallel.parts)
    }

    /// Each part fills exactly its own samples' values, concurrently or inline.
    func testArrayGivesEachPartItsSamplesValues() {
        for inline in [false, true] {
            let lock = NSLock()
            var ranges: [Range<Int>] = []
            let values = Parallel.$runsInline.withValue(inline) {
                Parallel.array(samples: 5, valuesPerSample: 3) { buffer, values in
                    for i in values { buffer[i] = Float(i) * 2 }
                    lock.lock()
                    ranges.append(values)
                    lock.unlock()
                }
            }
            XCTAssertEqual(values, (0..<15).map { Float($0) * 2 })
            XCTAssertEqual(ranges.sorted { $0.lowerBound < $1.lowerBound }, [0..<3, 3..<6, 6..<9, 9..<12, 12..<15])
        }
        XCTAssertEqual(Parallel.array(samples: 0, valuesPerSample: 4) { _, _ in }, [])
    }
}
