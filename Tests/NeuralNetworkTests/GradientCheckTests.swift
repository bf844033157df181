import XCTest
@testable import NeuralNetwork

/// Compares every layer's backward pass with central finite differences of
/// L = Σ output · R for a fixed random R (so ∂L/∂output = R).
final class GradientCheckTests: XCTestCase {
    func testConv2D() {
        check(Conv2D(inputShape: [2, 5, 6], outChannels: 3, kernel: 3, padding: 1), batch: 2)
        check(Conv2D(inputShape: [1, 4, 4], outChannels: 2, kernel: 3, padding: 0), batch: 3)
    }

    func testDense() { check(Dense(inputCount: 7, outputCount: 4), batch: 3) }

    func testMaxPool2D() { check(MaxPool2D(inputShape: [2, 4, 6], size: 2), batch: 2) }

    func testReLU() { check(ReLU(inputShape: [3, 2, 2]), batch: 2) }

    func testSigmoid() { check(Sigmoid(inputShape: [3, 2, 2]), batch: 2) }

    /// The lab's baselines end to end: logistic regression and the sigmoid MLP (without and with
    /// dropout, which is left out as above).
    func testLogisticRegressionAndMLPArchitectures() throws {
        for name in [Architecture.logistic, Architecture.mlp, Architecture.mlp(hidden: 6, dropout: 0.25)] {
            let layers = try Architecture.layers(named: name, inputShape: [1, 4, 5], classCount: 3, seed: 1).filter { !($0 is Dropout) }
            check(network: Network(layers: layers, seed: 3), batch: 4, checkInput: true, step: 1e-2, tolerance: 2e-2)
        }
    }

    func testMLPNamesCarryWidthAndDropout() throws {
        XCTAssertEqual(Architecture.mlp(hidden: 256, dropout: 0.25), "mlp-256-d25")
        let layers = try Architecture.layers(named: "mlp-256-d25", inputShape: [1, 8, 8], classCount: 5, seed: 1)
        XCTAssertEqual(layers.map(\.outputShape), [[64], [256], [256], [256], [5]])
        XCTAssertEqual((layers[3] as? Dropout)?.rate, 0.25)
        XCTAssertTrue(layers[2] is Sigmoid)
        let plain = try Architecture.layers(named: Architecture.mlp, inputShape: [1, 8, 8], classCount: 5, seed: 1)
        XCTAssertEqual(plain.map(\.outputShape), [[64], [128], [128], [5]])
        let logistic = try Architecture.layers(named: Architecture.logistic, inputShape: [1, 8, 8], classCount: 5, seed: 1)
        XCTAssertEqual(Network(layers: logistic, seed: 1).parameterCount, 64 * 5 + 5)
        for bad in ["mlp-0-d0", "mlp-12-d100", "mlp-x-d5", "mlp-12", "mlp-12-5"] {
            XCTAssertThrowsError(try Architecture.layers(named: bad, inputShape: [1, 8, 8], classCount: 5, seed: 1), bad)
        }
    }

    /// σ(0) = ½ and its slope there is ¼.
    func testSigmoidValues() {
        let layer = Sigmoid(inputShape: [3])
        let store = ParameterStore(trainableCount: 0, bufferCount: 0)
        let output = layer.forward(Tensor(shape: [1, 3], data: [0, 40, -40]), store: store, mode: .training)
        XCTAssertEqual(output.data[0], 0.5, accuracy: 1e-7)
        XCTAssertEqual(output.data[1], 1, accuracy: 1e-6)
        XCTAssertEqual(output.data[2], 0, accuracy: 1e-6)
        XCTAssertEqual(layer.backward(Tensor(shape: [1, 3], data: [1, 1, 1]), store: store).data[0], 0.25, accuracy: 1e-7)
    }

    func testFlatten() { check(Flatten(inputShape: [2, 3, 2]), batch: 2) }

    func testBatchNormOnImages() { check(BatchNorm(inputShape: [3, 3, 2]), batch: 4) }

    func testBatchNormOnVectors() { check(BatchNorm(inputShape: [5]), batch: 6) }

    /// The default architecture end to end (dropout left out: it is random by design). Float32
    /// through nine layers needs a looser tolerance than one layer.
    func testWholeDefaultArchitecture() throws {
        let layers = try Architecture.layers(named: Architecture.mscnn, inputShape: [1, 16, 16], classCount: 3, seed: 1)
            .filter { !($0 is Dropout) }
        check(network: Network(layers: layers, seed: 3), batch: 8, checkInput: false, step: 2e-3, tolerance: 5e-2)
    }

    /// Dropout is linear for a fixed mask: its input gradient must be output/input elementwise.
    func testDropoutMatchesItsMask() {
        let layer = Dropout(inputShape: [50], rate: 0.4, seed: 9)
        let store = ParameterStore(trainableCount: 0, bufferCount: 0)
        let input = Tensor(shape: [2, 50], data: (0..<100).map { Float($0) + 1 })
        let output = layer.forward(input, store: store, mode: .training)
        let gradient = layer.backward(Tensor(shape: [2, 50], data: [Float](repeating: 1, count: 100)), store: store)
        for (g, ratio) in zip(gradient.data, zip(output.data, input.data).map { $0 / $1 }) {
            XCTAssertEqual(g, ratio, accuracy: 1e-5)
        }
        XCTAssertTrue(output.data.contains(0), "some values must be dropped")
        XCTAssertEqual(layer.forward(input, store: store, mode: .inference), input)
    }

    func testSoftmaxCrossEntropyGradient() {
        var rng = SeededGenerator(seed: 5)
        let logits = Tensor(shape: [3, 4], data: (0..<12).map { _ in rng.nextNormal() })
        let labels = [2, 0, 3]
        let analytic = SoftmaxCrossEntropy.loss(logits: logits, labels: labels).gradient
        for i in 0..<12 {
            var plus = logits, minus = logits
            plus.data[i] += 1e-2; minus.data[i] -= 1e-2
            let numeric = (SoftmaxCrossEntropy.loss(logits: plus, labels: labels).loss
                - SoftmaxCrossEntropy.loss(logits: minus, labels: labels).loss) / 2e-2
            XCTAssertEqual(analytic.data[i], numeric, accuracy: 2e-3, "logit \(i)")
        }
    }

    // MARK: - Helpers

    private func check(_ layer: Layer, batch: Int, file: StaticString = #filePath, line: UInt = #line) {
        check(network: Network(layers: [layer], seed: 11), batch: batch, checkInput: true, file: file, line: line)
    }

    private func check(network: Network, batch: Int, checkInput: Bool, step: Float = 1e-2, tolerance: Double = 2e-2,
                       file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededGenerator(seed: 42)
        // Distinct inputs at least 3 steps apart and away from 0, so that a finite-difference step
        // crosses no ReLU or max-pool kink.
        let inputCount = batch * network.inputShape.reduce(1, *)
        var magnitudes = (0..<inputCount).map { 0.2 + 3 * step * Float($0) }
        magnitudes.shuffle(using: &rng)
        let input = Tensor(shape: [batch] + network.inputShape, data: magnitudes.map { rng.nextUniform() < 0.5 ? -$0 : $0 })
        let outputCount = batch * network.outputShape.reduce(1, *)
        let weights = (0..<outputCount).map { _ in rng.nextNormal() }
        func loss(_ x: Tensor) -> Double {
            let y = network.forward(x, mode: .training)
            return zip(y.data, weights).reduce(0) { $0 + Double($1.0 * $1.1) }
        }

        network.store.zeroGradients()
        _ = network.forward(input, mode: .training)
        let inputGradient = network.backward(Tensor(shape: [batch] + network.outputShape, data: weights))

        if checkInput {
            for i in stride(from: 0, to: inputCount, by: max(1, inputCount / 40)) {
                var plus = input, minus = input
                plus.data[i] += step; minus.data[i] -= step
                let numeric = (loss(plus) - loss(minus)) / Double(2 * step)
                XCTAssertEqual(Double(inputGradient.data[i]), numeric, accuracy: tolerance * max(1, abs(numeric)),
                               "input \(i)", file: file, line: line)
            }
        }
        let analytic = network.store.gradients
        let count = network.store.trainableCount
        for i in stride(from: 0, to: count, by: max(1, count / 60)) {
            let original = network.store.values[i]
            network.store.values[i] = original + step
            let plus = loss(input)
            network.store.values[i] = original - step
            let minus = loss(input)
            network.store.values[i] = original
            let numeric = (plus - minus) / Double(2 * step)
            XCTAssertEqual(Double(analytic[i]), numeric, accuracy: tolerance * max(1, abs(numeric)),
                           "parameter \(i)", file: file, line: line)
        }
    }
}
