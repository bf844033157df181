@testable import Training
import XCTest
@testable import Classification

final class ClassificationReportTests: XCTestCase {
    /// Hand-computed: 3 classes, 20 crops.
    ///             predicted a  b  c
    ///     true a           5  1  0
    ///     true b           2  6  0
    ///     true c           0  1  5
    func testMetricsFromConfusionMatrix() {
        let report = ClassificationReport(labels: ["a", "b", "c"], confusion: [[5, 1, 0], [2, 6, 0], [0, 1, 5]], top3Correct: 20)
        XCTAssertEqual(report.count, 20)
        XCTAssertEqual(report.accuracy, 16.0 / 20.0, accuracy: 1e-12)
        XCTAssertEqual(report.top3Accuracy, 1, accuracy: 1e-12)
        let b = report.classes[1]
        XCTAssertEqual(b.support, 8)
        XCTAssertEqual(b.precision, 6.0 / 8.0, accuracy: 1e-12)   // column b: 1 + 6 + 1
        XCTAssertEqual(b.recall, 6.0 / 8.0, accuracy: 1e-12)
        XCTAssertEqual(b.f1, 0.75, accuracy: 1e-12)
        XCTAssertEqual(b.specificity, 10.0 / 12.0, accuracy: 1e-12) // 12 non-b crops, 2 called b
        let c = report.classes[2]
        XCTAssertEqual(c.precision, 1, accuracy: 1e-12)
        XCTAssertEqual(c.recall, 5.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(c.specificity, 1, accuracy: 1e-12)
    }

    func testConfusionMatrixPictureShowsEveryCount() {
        let report = ClassificationReport(labels: ["1", "\\div"], confusion: [[7, 3], [0, 4]], top3Correct: 14)
        let svg = ConfusionMatrixChart.svg(report)
        XCTAssertTrue(svg.hasPrefix("<svg"))
        XCTAssertTrue(svg.contains(">7<") && svg.contains(">3<") && svg.contains(">4<"))
        XCTAssertTrue(svg.contains("÷"))
    }

    func testLearningCurvesPlotBothSeries() {
        let history = (1...3).map { EpochRecord(epoch: $0, trainingLoss: 1 / Float($0), trainingAccuracy: 0.5 + 0.1 * Float($0),
                                               validationLoss: 1.2 / Float($0), validationAccuracy: 0.4 + 0.1 * Float($0),
                                               learningRate: 0.001, seconds: 1, trainingSeconds: 0.8) }
        let svg = LearningCurveChart.svg(history)
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 4) // loss and accuracy, train and validation
        XCTAssertTrue(svg.contains("validation"))
    }
}
