import XCTest
import NeuralNetwork
@testable import Classification

final class SymbolClassifierTests: XCTestCase {
    private func untrainedModel(labels: [String] = SymbolLabels.standard, inputShape: [Int] = [1, 32, 32]) throws -> [UInt8] {
        let layers = try Architecture.layers(named: Architecture.mscnn, inputShape: inputShape, classCount: labels.count, seed: 0)
        let network = Network(layers: layers, seed: 2)
        return ModelFile(architecture: Architecture.mscnn, inputShape: inputShape, inputMean: 0.1, inputStd: 0.25,
                         labels: labels, parameters: network.store.values).encoded()
    }

    func testCandidatesAreRankedProbabilities() throws {
        let classifier = try SymbolClassifier(modelBytes: untrainedModel())
        XCTAssertEqual(classifier.labels, SymbolLabels.standard)
        let crops = try Fixtures.crohmeCrops()
        let results = classifier.classify([crops.crop(at: 0), crops.crop(at: 1)], topK: 3)
        XCTAssertEqual(results.count, 2)
        for candidates in results {
            XCTAssertEqual(candidates.count, 3)
            XCTAssertEqual(candidates.map(\.probability), candidates.map(\.probability).sorted(by: >))
            XCTAssertTrue(candidates.allSatisfy { $0.probability >= 0 && $0.probability <= 1 })
        }
        let all = classifier.classify([crops.crop(at: 0)], topK: 100)[0]
        XCTAssertEqual(all.count, SymbolLabels.standard.count)
        XCTAssertEqual(all.reduce(0) { $0 + $1.probability }, 1, accuracy: 1e-4)
        XCTAssertEqual(Set(all.map(\.label)), Set(SymbolLabels.standard))
    }

    func testBatchGivesTheSameAnswersAsSingleCrops() throws {
        let classifier = try SymbolClassifier(modelBytes: untrainedModel())
        let crops = try Fixtures.crohmeCrops()
        let batch = (0..<300).map { crops.crop(at: $0) }  // more than one chunk
        let together = classifier.classify(batch, topK: 2)
        for index in [0, 150, 299] {
            let alone = classifier.classify([batch[index]], topK: 2)[0]
            XCTAssertEqual(alone.map(\.label), together[index].map(\.label))
            for (a, b) in zip(alone, together[index]) { XCTAssertEqual(a.probability, b.probability, accuracy: 1e-5) }
        }
    }

    /// The checkpoint (the recognizer's time budget) runs before each batch of crops, and an
    /// error it throws stops classification.
    func testCheckpointRunsPerBatchAndItsErrorStops() throws {
        let classifier = try SymbolClassifier(modelBytes: untrainedModel())
        let crop = try Fixtures.crohmeCrops().crop(at: 0)
        let crops = [[Float]](repeating: crop, count: SymbolClassifier.chunkSize * 2 + 1)
        var calls = 0
        XCTAssertEqual(classifier.classify(crops, topK: 1) { calls += 1 }.count, crops.count)
        XCTAssertEqual(calls, 3)
        struct Stop: Error {}
        XCTAssertThrowsError(try classifier.classify(crops, topK: 1) { throw Stop() }) { XCTAssertTrue($0 is Stop) }
    }

    func testWrongSizedCropGetsNoCandidates() throws {
        let classifier = try SymbolClassifier(modelBytes: untrainedModel())
        let results = classifier.classify([[Float](repeating: 0, count: 10), [Float](repeating: 0.5, count: 1024)], topK: 1)
        XCTAssertEqual(results[0], [])
        XCTAssertEqual(results[1].count, 1)
    }

    func testModelForOtherInputsIsRefused() throws {
        XCTAssertThrowsError(try SymbolClassifier(modelBytes: untrainedModel(inputShape: [1, 28, 28]))) { error in
            guard case .incompatibleModel = error as? ClassificationError else { return XCTFail("\(error)") }
        }
    }

    func testCorruptModelIsRefusedWithAdvice() throws {
        var bytes = try untrainedModel()
        bytes[bytes.count / 2] ^= 0xFF
        XCTAssertThrowsError(try SymbolClassifier(modelBytes: bytes)) { error in
            XCTAssertEqual(error as? WeightsError, .checksumMismatch)
            XCTAssertTrue(String(describing: error).contains("--model"))
        }
        XCTAssertThrowsError(try SymbolClassifier(modelBytes: Array(bytes.prefix(100)))) { error in
            XCTAssertEqual(error as? WeightsError, .truncated)
        }
    }
}
