@testable import Training
import XCTest
import NeuralNetwork
@testable import Classification

final class TrainerTests: XCTestCase {
    /// A seeded short run (5 epochs) on 270 real crops must label 90 unseen ones far better than
    /// chance (1/18 ≈ 6 %): at least 70 % (82 % on the machine that wrote this; BLAS summation
    /// order differs between CPUs, hence the margin).
    func testSeededRunOnFixturesReachesStatedAccuracy() throws {
        let (training, test) = Fixtures.split(try Fixtures.crohmeCrops(), trainingPerClass: 15)
        XCTAssertEqual(training.count, 270)
        XCTAssertEqual(test.count, 90)
        var configuration = TrainingConfiguration()
        configuration.epochs = 5
        configuration.batchSize = 30
        configuration.seed = 3
        configuration.augmentation = nil
        configuration.minimumPerClass = 0
        configuration.maximumPerClass = 1000
        var epochs: [EpochRecord] = []
        let result = try Trainer(configuration: configuration).train(training, validation: test, onEpoch: { record, _ in
            epochs.append(record)
        })
        XCTAssertEqual(epochs, result.history)
        XCTAssertLessThan(result.history.last?.trainingLoss ?? .infinity, result.history.first?.trainingLoss ?? 0)

        let classifier = try SymbolClassifier(modelBytes: result.model.encoded())
        let report = ClassificationReport(classifier: classifier, data: test)
        XCTAssertGreaterThanOrEqual(report.accuracy, 0.70, "test accuracy \(report.accuracy)")
        // The kept checkpoint is the best epoch's.
        let bestAccuracy = result.history.compactMap(\.validationAccuracy).max() ?? 0
        XCTAssertEqual(Float(report.accuracy), bestAccuracy, accuracy: 1e-6)
    }

    func testSameSeedGivesSameModel() throws {
        let (training, _) = Fixtures.split(try Fixtures.crohmeCrops(), trainingPerClass: 4)
        var configuration = TrainingConfiguration()
        configuration.epochs = 1
        configuration.batchSize = 24
        configuration.seed = 11
        configuration.minimumPerClass = 6
        let first = try Trainer(configuration: configuration).train(training, validation: nil)
        let second = try Trainer(configuration: configuration).train(training, validation: nil)
        XCTAssertEqual(first.model, second.model)
        configuration.seed = 12
        let third = try Trainer(configuration: configuration).train(training, validation: nil)
        XCTAssertNotEqual(first.model.parameters, third.model.parameters)
    }

    func testEmptyTrainingDataIsRefused() {
        XCTAssertThrowsError(try Trainer(configuration: TrainingConfiguration()).train(LabeledCrops(classNames: ["a", "b"]), validation: nil)) { error in
            XCTAssertEqual(error as? ClassificationError, .noUsableData("the training sources"))
        }
    }

    func testBalancedSamplerKeepsEveryClassBetweenFloorAndCap() {
        // Class 0: 3 crops (rare), class 1: 10, class 2: 50 (common).
        let labels = [Int](repeating: 0, count: 3) + [Int](repeating: 1, count: 10) + [Int](repeating: 2, count: 50)
        let sampler = BalancedSampler(labels: labels, classCount: 3, minimum: 8, maximum: 20)
        var rng = SeededGenerator(seed: 1)
        let epoch = sampler.epoch(rng: &rng)
        let counts = (0..<3).map { c in epoch.filter { labels[$0] == c }.count }
        XCTAssertEqual(counts, [8, 10, 20])
        XCTAssertEqual(epoch.count, sampler.epochSize)
        // The rare class repeats its crops evenly: each of its 3 crops 2 or 3 times.
        let rare = Dictionary(grouping: epoch.filter { labels[$0] == 0 }, by: { $0 }).values.map(\.count)
        XCTAssertTrue(rare.allSatisfy { $0 == 2 || $0 == 3 }, "\(rare)")
    }
}
