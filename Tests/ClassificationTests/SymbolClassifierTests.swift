import XCTest
import NeuralNetwork
@testable import Classification

final class SymbolClassifierTests: XCTestCase {
    private func untrainedModel(labels: [String] = SymbolLabels.standard, inputShape: [Int] = [1, 32, 32], seed: UInt64 = 0) throws -> [UInt8] {
        let layers = try Architecture.layers(named: Architecture.mscnn, inputShape: inputShape, classCount: labels.count, seed: 0)
        let network = Network(layers: layers, seed: 2 + seed)
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

    // MARK: ensembles

    private func flatCrops(_ count: Int) throws -> [Float] {
        let crops = try Fixtures.crohmeCrops()
        return (0..<count).flatMap { crops.crop(at: $0) }
    }

    func testOneMemberEnsembleIsThatModelExactly() throws {
        let alone = try SymbolClassifier(modelBytes: untrainedModel(seed: 3))
        let ensemble = try SymbolClassifier(ensemble: [alone])
        let input = try flatCrops(20)
        XCTAssertEqual(ensemble.probabilities(flat: input, count: 20), alone.probabilities(flat: input, count: 20))
        XCTAssertEqual(ensemble.labels, alone.labels)
    }

    func testTwoMembersGiveTheMeanOfTheirProbabilities() throws {
        let a = try SymbolClassifier(modelBytes: untrainedModel(seed: 3))
        let b = try SymbolClassifier(modelBytes: untrainedModel(seed: 4))
        let ensemble = try SymbolClassifier(ensemble: [a, b])
        XCTAssertEqual(ensemble.models.count, 2)
        let count = 20
        let input = try flatCrops(count)
        let pa = a.probabilities(flat: input, count: count), pb = b.probabilities(flat: input, count: count)
        XCTAssertNotEqual(pa, pb, "the two members must differ for the mean to be tested")
        let mean = ensemble.probabilities(flat: input, count: count)
        XCTAssertEqual(mean.count, pa.count)
        for i in mean.indices { XCTAssertEqual(mean[i], (pa[i] + pb[i]) / 2, accuracy: 1e-7) }
        // The candidates are ranked by the mean too, and still sum to 1.
        let crop = Array(input[0..<SymbolClassifier.cropSize])
        let candidates = ensemble.classify([crop], topK: 100)[0]
        XCTAssertEqual(candidates.reduce(0) { $0 + $1.probability }, 1, accuracy: 1e-4)
        XCTAssertEqual(candidates.map(\.probability), candidates.map(\.probability).sorted(by: >))
        let best = try XCTUnwrap(mean[0..<ensemble.labels.count].indices.max { mean[$0] < mean[$1] })
        XCTAssertEqual(candidates.first?.label, ensemble.labels[best])
    }

    func testMembersWithOtherLabelsAreRefused() throws {
        let a = try SymbolClassifier(modelBytes: untrainedModel())
        var reordered = SymbolLabels.standard
        reordered.swapAt(0, 1)
        let b = try SymbolClassifier(modelBytes: untrainedModel(labels: reordered))
        XCTAssertThrowsError(try SymbolClassifier(ensemble: [a, b])) { error in
            guard case .mismatchedEnsemble = error as? ClassificationError else { return XCTFail("\(error)") }
            XCTAssertTrue(String(describing: error).contains("member 2"), "\(error)")
        }
        let fewer = try SymbolClassifier(modelBytes: untrainedModel(labels: Array(SymbolLabels.standard.dropLast())))
        XCTAssertThrowsError(try SymbolClassifier(ensemble: [a, fewer]))
        XCTAssertThrowsError(try SymbolClassifier(ensemble: [])) { error in
            guard case .mismatchedEnsemble = error as? ClassificationError else { return XCTFail("\(error)") }
        }
    }
}
