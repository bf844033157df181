import Foundation
import ImageDecoding
@testable import Lab
import NeuralNetwork
import Training
import XCTest

/// Each experiment end to end in quick mode on a small synthetic data set (bars, crosses and
/// rings drawn with random position and thickness), so no data files are needed.
final class LabTests: XCTestCase {
    static let classNames = ["1", "+", "0"]

    /// One source's split: `count` crops per class, drawn with a generator seeded by `seed`.
    static func crops(count: Int, seed: UInt64) -> LabeledCrops {
        var rng = SeededGenerator(seed: seed)
        var crops = LabeledCrops(classNames: classNames)
        let side = 32
        for index in 0..<(count * classNames.count) {
            let label = index % classNames.count
            var crop = [Float](repeating: 0, count: side * side)
            let cx = 16 + rng.uniform(-3, 3), cy = 16 + rng.uniform(-3, 3), half = rng.uniform(1, 2.5)
            for y in 0..<side {
                for x in 0..<side {
                    let dx = Float(x) - cx, dy = Float(y) - cy
                    let ink: Bool
                    switch label {
                    case 0: ink = abs(dx) < half && abs(dy) < 11
                    case 1: ink = (abs(dx) < half && abs(dy) < 10) || (abs(dy) < half && abs(dx) < 10)
                    default: ink = abs((dx * dx + dy * dy).squareRoot() - 9) < half
                    }
                    crop[y * side + x] = ink ? 1 : min(max(0, 0.1 * rng.nextNormal()), 1)
                }
            }
            crops.append(crop: crop, label: classNames[label])
        }
        return crops
    }

    static func data(photoFree: Bool = true) -> LabData {
        let sources = (0..<2).map { source in
            LabSource(name: "source\(source)", training: crops(count: 14, seed: 10 + UInt64(source)),
                      selection: crops(count: 6, seed: 20 + UInt64(source)), heldOut: crops(count: 6, seed: 30 + UInt64(source)),
                      imageSizes: source == 0 ? [:] : ["45×45": 30, "32×40": 12])
        }
        return LabData(classNames: classNames, sources: sources, trainingWithoutPhotos: photoFree ? crops(count: 14, seed: 40) : nil)
    }

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab-tests-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func runQuick(_ experiment: LabExperiment, seed: UInt64 = 1, data: LabData = LabTests.data()) throws -> [String] {
        let lab = try Lab(data: data, budget: .quick, seed: seed, output: folder)
        let files = try lab.run(experiment)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            XCTAssertFalse(text.isEmpty, file)
            if file.hasSuffix(".svg") { XCTAssertTrue(text.hasPrefix("<svg") && text.hasSuffix("</svg>\n"), file) }
            XCTAssertFalse(text.contains("nan") && file.hasSuffix(".svg"), "\(file) has a NaN coordinate")
        }
        XCTAssertTrue(files.contains("\(experiment.rawValue).json") || experiment == .all)
        XCTAssertTrue(files.contains("\(experiment.rawValue).md") || experiment == .all)
        return files
    }

    private func decode<T: Decodable>(_ type: T.Type, _ experiment: LabExperiment) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: folder.appendingPathComponent("\(experiment.rawValue).json")))
    }

    private func assertSane(_ model: ModelMeasurement, file: StaticString = #filePath, line: UInt = #line) {
        for report in [model.selection] + (model.heldOut.map { [$0] } ?? []) {
            XCTAssertTrue((0...1).contains(report.accuracy), "accuracy \(report.accuracy)", file: file, line: line)
            XCTAssertGreaterThanOrEqual(report.top3Accuracy, report.accuracy, file: file, line: line)
            XCTAssertEqual(report.confusion.flatMap { $0 }.reduce(0, +), report.count, file: file, line: line)
            for metrics in report.classes {
                for value in [metrics.precision, metrics.recall, metrics.f1, metrics.specificity] {
                    XCTAssertTrue((0...1).contains(value), "\(metrics.label): \(value)", file: file, line: line)
                }
            }
        }
        XCTAssertEqual(model.selection.count, LabBudget.quick.selectionPerClass * Self.classNames.count, "the subsampled selection split", file: file, line: line)
        XCTAssertGreaterThan(model.parameters, 0, file: file, line: line)
        XCTAssertGreaterThan(model.trainingSeconds, 0, file: file, line: line)
        XCTAssertGreaterThan(model.peakMemoryMB, 0, file: file, line: line)
        if let extra = model.trainingMemoryMB { XCTAssertTrue((0...model.peakMemoryMB).contains(extra), file: file, line: line) }
        XCTAssertGreaterThan(model.inferenceCropsPerSecond, 0, file: file, line: line)
        XCTAssertFalse(model.history.isEmpty, file: file, line: line)
        XCTAssertTrue(model.history.allSatisfy { $0.trainingLoss.isFinite }, file: file, line: line)
    }

    func testDatasetStatistics() throws {
        let files = try runQuick(.dataset)
        XCTAssertTrue(files.contains("dataset-mean-images.svg"))
        let statistics = try decode(DatasetStatistics.self, .dataset)
        XCTAssertEqual(statistics.sources.map(\.source), ["source0", "source1"])
        XCTAssertEqual(statistics.sources[0].training, [14, 14, 14])
        XCTAssertEqual(statistics.sources[1].heldOut, [6, 6, 6])
        for source in statistics.sources { XCTAssertEqual(source.inkCoverage.reduce(0, +), 1, accuracy: 1e-9) }
        XCTAssertEqual(statistics.sources[1].imageSizes.map(\.size), ["45×45", "32×40"], "most common first")
        XCTAssertTrue(statistics.sources[0].imageSizes.isEmpty)
        // The bar "1" is taller than wide; the ring is about as wide as tall.
        XCTAssertGreaterThan(statistics.classes[0].meanInkHeight, 2 * statistics.classes[0].meanInkWidth)
        XCTAssertEqual(statistics.classes[2].meanInkHeight, statistics.classes[2].meanInkWidth, accuracy: 2)
        let mean = DatasetStatistics.meanImages(Self.crops(count: 3, seed: 1))
        XCTAssertEqual(mean.count, 3)
        XCTAssertGreaterThan(mean[0][16 * 32 + 16], 0.5, "the bar's mean has ink at the centre")
        XCTAssertLessThan(mean[2][16 * 32 + 16], 0.2, "the ring's mean has none")
    }

    func testBaselinesMeasureEveryArchitecture() throws {
        let files = try runQuick(.baselines)
        let result = try decode(ModelsResult.self, .baselines)
        XCTAssertEqual(result.models.map(\.architecture), [Architecture.logistic, Architecture.mlp, Architecture.seed000, Architecture.mscnn])
        result.models.forEach { assertSane($0) }
        // Logistic regression: one weight per pixel and class, plus biases.
        XCTAssertEqual(result.models[0].parameters, 32 * 32 * 3 + 3)
        XCTAssertTrue(files.contains("baselines-mscnn-confusion.svg"))
        let markdown = try String(contentsOf: folder.appendingPathComponent("baselines.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("| logistic |"))
    }

    func testGradientDescentModes() throws {
        let files = try runQuick(.gradientDescent)
        let result = try decode(ModelsResult.self, .gradientDescent)
        XCTAssertEqual(result.models.map(\.batchSize), [18, 64, 1], "full batch is every crop (6 per class × 3)")
        result.models.forEach { assertSane($0) }
        XCTAssertEqual(result.models.map(\.history.count), [2, 2, 2])
        for record in result.models.flatMap(\.history) {
            XCTAssertTrue(record.trainingSeconds > 0 && record.trainingSeconds <= record.seconds, "updates are part of the epoch")
        }
        for name in ["loss-epochs", "accuracy-epochs", "loss-time", "accuracy-time"] {
            XCTAssertTrue(files.contains("gradient-descent-\(name).svg"), name)
        }
    }

    func testLearningRateGridHasOneCellPerRateAndEpoch() throws {
        let files = try runQuick(.learningRate)
        XCTAssertTrue(files.contains("learning-rate-heatmap.svg"))
        let sweep = try decode(LearningRateSweep.self, .learningRate)
        XCTAssertEqual(sweep.accuracy.count, LabBudget.quick.sweepLearningRates.count)
        XCTAssertTrue(sweep.accuracy.allSatisfy { $0.count == LabBudget.quick.sweepEpochs })
        let cells = sweep.accuracy.flatMap { $0 }.compactMap { $0 }
        XCTAssertEqual(cells.count, LabBudget.quick.sweepLearningRates.count * LabBudget.quick.sweepEpochs)
        XCTAssertTrue(cells.allSatisfy { (0...1).contains($0) })
        XCTAssertEqual(sweep.bestAccuracy, cells.max() ?? -1)
        let svg = try String(contentsOf: folder.appendingPathComponent("learning-rate-heatmap.svg"), encoding: .utf8)
        XCTAssertEqual(svg.components(separatedBy: "<rect x=").count - 1, cells.count, "one cell per run and epoch")
    }

    func testOptimizersCompareAllFive() throws {
        _ = try runQuick(.optimizers)
        let result = try decode(ModelsResult.self, .optimizers)
        XCTAssertEqual(result.models.map(\.optimizer), ["sgd", "momentum", "adam", "nadam", "wame"])
        result.models.forEach { assertSane($0) }
    }

    func testHyperbandWinnerIsOneOfItsConfigurations() throws {
        _ = try runQuick(.hyperband)
        let result = try decode(HyperbandResult.self, .hyperband)
        let search = result.search
        XCTAssertTrue(search.configurations.indices.contains(search.winner))
        XCTAssertEqual(result.winner.architecture, search.configurations[search.winner].architecture)
        assertSane(result.winner)
        // R = 3, η = 3: bracket s = 1 tries 3 configurations for 1 epoch and keeps 1 for 3; s = 0 tries 2 for 3.
        XCTAssertEqual(search.brackets.map { $0.rungs.map(\.trials.count) }, [[3, 1], [2]])
        XCTAssertEqual(search.brackets.map { $0.rungs.map(\.epochs) }, [[1, 3], [3]])
        XCTAssertEqual(search.totalEpochs, 3 + 3 + 6)
        let finalTrials = search.brackets.compactMap { $0.rungs.last?.trials }.flatMap { $0 }
        XCTAssertEqual(search.winnerAccuracy, finalTrials.map(\.accuracy).max() ?? -1)
    }

    /// The bracket arithmetic of Li et al. for R = 9, η = 3, with a fake score: brackets of
    /// 9→3→1, 5→1 and 3 configurations, 78 epochs, and the best final score wins.
    func testHyperbandBracketsForNineEpochs() {
        var calls: [(Int, Int)] = []
        let search = HyperbandSearch.run(maxEpochs: 9, eta: 3, seed: 5) { configuration, epochs in
            calls.append((configuration.id, epochs))
            return Double(configuration.hidden) / 1000 + Double(configuration.id) * 1e-6
        }
        XCTAssertEqual(search.brackets.map { $0.rungs.map(\.trials.count) }, [[9, 3, 1], [5, 1], [3]])
        XCTAssertEqual(search.brackets.map { $0.rungs.map(\.epochs) }, [[1, 3, 9], [3, 9], [9]])
        XCTAssertEqual(search.totalEpochs, 78)
        XCTAssertEqual(calls.reduce(0) { $0 + $1.1 }, 78)
        XCTAssertEqual(search.configurations.count, 17)
        // Survivors are the best of their rung.
        let first = search.brackets[0].rungs
        XCTAssertEqual(Set(first[1].trials.map(\.configuration)),
                       Set(first[0].trials.sorted { $0.accuracy > $1.accuracy }.prefix(3).map(\.configuration)))
        let finals = search.brackets.compactMap { $0.rungs.last }.flatMap(\.trials)
        XCTAssertEqual(search.winner, finals.max { $0.accuracy < $1.accuracy }?.configuration)
        for configuration in search.configurations {
            XCTAssertTrue((1e-4...3e-2).contains(configuration.learningRate))
            XCTAssertTrue(HyperbandSearch.widths.contains(configuration.hidden))
        }
    }

    func testAugmentationAblation() throws {
        let files = try runQuick(.augmentation)
        XCTAssertTrue(files.contains("augmentation-accuracy.svg"))
        let result = try decode(ModelsResult.self, .augmentation)
        XCTAssertEqual(result.models.map(\.name), ["all on", "no rotation", "no zoom", "no shift", "no elastic/stroke", "no photo crops", "all off"].map { "seed000 \($0)" })
        result.models.forEach { assertSane($0) }
    }

    func testCompareTablesEveryModelOfTheRun() throws {
        let lab = try Lab(data: Self.data(), budget: .quick, seed: 1, output: folder)
        try lab.run(.optimizers)
        try lab.run(.compare)
        let result = try decode(ModelsResult.self, .compare)
        XCTAssertEqual(result.models.count, 5 + 4, "the five optimizer runs, then the four baselines trained for the table")
        result.models.forEach { assertSane($0) }
        let markdown = try String(contentsOf: folder.appendingPathComponent("compare.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("| mscnn | mscnn |"))
    }

    func testAllRunsTheSetAndIsDeterministic() throws {
        let files = try runQuick(.all)
        for experiment in LabExperiment.set {
            XCTAssertTrue(files.contains("\(experiment.rawValue).json"), experiment.rawValue)
            XCTAssertTrue(files.contains("\(experiment.rawValue).md"), experiment.rawValue)
        }
        let first = try decode(LearningRateSweep.self, .learningRate)
        let again = try Lab(data: Self.data(), budget: .quick, seed: 1, output: folder)
        try again.run(.learningRate)
        XCTAssertEqual(try decode(LearningRateSweep.self, .learningRate), first)
        let other = try Lab(data: Self.data(), budget: .quick, seed: 2, output: folder)
        try other.run(.learningRate)
        XCTAssertNotEqual(try decode(LearningRateSweep.self, .learningRate).accuracy, first.accuracy)
    }

    /// Sizes come from the PNG header; other files are not images.
    func testPNGSizesAreReadFromHeaders() throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let image = try ImageEncoder.png(GrayImage(width: 7, height: 5))
        for name in ["a.png", "sub/b.png"] { try Data(image).write(to: folder.appendingPathComponent(name)) }
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("c.png"))
        try Data(image).write(to: folder.appendingPathComponent("d.txt"))
        XCTAssertEqual(LabData.pngSizes(under: folder.path), ["7×5": 2])
    }

    func testSubsamplingKeepsAtMostPerClass() {
        var rng = SeededGenerator(seed: 1)
        let crops = Self.crops(count: 10, seed: 3)
        let sample = crops.subsampled(perClass: 4, rng: &rng)
        XCTAssertEqual(sample.classCounts, [4, 4, 4])
        XCTAssertEqual(crops.subsampled(perClass: nil, rng: &rng), crops)
        XCTAssertEqual(crops.subsampled(perClass: 99, rng: &rng), crops)
    }

    func testEmptyTrainingDataIsAnError() {
        var data = Self.data()
        for index in data.sources.indices { data.sources[index].training = LabeledCrops(classNames: Self.classNames) }
        XCTAssertThrowsError(try Lab(data: data, budget: .quick, seed: 1, output: folder))
    }
}
