import XCTest
@testable import NeuralNetwork

final class OptimizerTests: XCTestCase {
    func testSGDReducesLoss() { assertReducesLoss(SGD(learningRate: 0.05, momentum: 0.9)) }

    func testPlainSGDReducesLoss() { assertReducesLoss(SGD(learningRate: 0.2, momentum: 0)) }

    func testNadamReducesLoss() { assertReducesLoss(Nadam(learningRate: 0.01)) }

    /// Plain SGD moves by −λ·g; momentum adds μ times the previous move.
    func testSGDAndMomentumStepsMatchHandComputation() {
        let store = ParameterStore(trainableCount: 1, bufferCount: 0)
        store.values = [1.0]
        var plain = SGD(learningRate: 0.1, momentum: 0)
        store.gradients = [2.0]; plain.step(store)
        store.gradients = [1.0]; plain.step(store)
        XCTAssertEqual(store.values[0], 1.0 - 0.2 - 0.1, accuracy: 1e-6)

        store.values = [1.0]
        var momentum = SGD(learningRate: 0.1, momentum: 0.9)
        store.gradients = [2.0]; momentum.step(store)  // v = −0.2
        XCTAssertEqual(store.values[0], 0.8, accuracy: 1e-6)
        store.gradients = [1.0]; momentum.step(store)  // v = 0.9·(−0.2) − 0.1 = −0.28
        XCTAssertEqual(store.values[0], 0.52, accuracy: 1e-6)
    }

    /// Two Nadam steps on one weight from the update rule, with ε = 0.
    func testNadamStepMatchesHandComputation() {
        let store = ParameterStore(trainableCount: 1, bufferCount: 0)
        store.values = [1.0]
        var nadam = Nadam(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0)
        // t = 1: m = 0.2, v = 0.004; m̂ = 0.9·0.2/(1 − 0.81) + 0.1·2/(1 − 0.9) = 0.947368 + 2; v̂ = 4.
        store.gradients = [2.0]
        nadam.step(store)
        let w1 = 1.0 - 0.1 * (0.9 * 0.2 / 0.19 + 2.0) / 2.0
        XCTAssertEqual(Double(store.values[0]), w1, accuracy: 1e-5)
        // t = 2: m = 0.18 + 0.1 = 0.28, v = 0.003996 + 0.001 = 0.004996;
        // m̂ = 0.9·0.28/(1 − 0.729) + 0.1·1/(1 − 0.81); v̂ = 0.004996/(1 − 0.998001).
        store.gradients = [1.0]
        nadam.step(store)
        let mHat = 0.9 * 0.28 / 0.271 + 0.1 / 0.19, vHat = 0.004996 / (1 - 0.999 * 0.999)
        XCTAssertEqual(Double(store.values[0]), w1 - 0.1 * mHat / vHat.squareRoot(), accuracy: 1e-4)
    }

    func testAdamReducesLoss() { assertReducesLoss(Adam(learningRate: 0.01)) }

    func testWAMEReducesLoss() { assertReducesLoss(WAME(learningRate: 0.01)) }

    /// Two WAME steps on one weight, computed by hand from the update rule.
    func testWAMEStepMatchesHandComputation() {
        let store = ParameterStore(trainableCount: 1, bufferCount: 0)
        store.values = [1.0]
        var wame = WAME(learningRate: 0.1, epsilon: 0)

        // Step 1: no previous gradient, ζ stays 1; Z = 0.1·1 = 0.1; θ = 0.1·4 = 0.4.
        store.gradients = [2.0]
        wame.step(store)
        let w1: Float = 1.0 - 0.1 * 0.1 * 2.0 / Float(0.4).squareRoot()
        XCTAssertEqual(store.values[0], w1, accuracy: 1e-6)

        // Step 2: same sign, ζ = 1.2; Z = 0.9·0.1 + 0.1·1.2 = 0.21; θ = 0.9·0.4 + 0.1·1 = 0.46.
        store.gradients = [1.0]
        wame.step(store)
        let w2 = w1 - 0.1 * 0.21 * 1.0 / Float(0.46).squareRoot()
        XCTAssertEqual(store.values[0], w2, accuracy: 1e-6)

        // Step 3: sign flips, ζ = 0.12; Z = 0.9·0.21 + 0.1·0.12 = 0.201; θ = 0.9·0.46 + 0.1·0.25 = 0.439.
        store.gradients = [-0.5]
        wame.step(store)
        let w3 = w2 + 0.1 * 0.201 * 0.5 / Float(0.439).squareRoot()
        XCTAssertEqual(store.values[0], w3, accuracy: 1e-6)
    }

    func testWAMEClipsZeta() {
        let store = ParameterStore(trainableCount: 1, bufferCount: 0)
        var wame = WAME(learningRate: 0)
        // 200 agreeing gradients would grow ζ to 1.2^199 without the clip at 100; Z, the
        // average of ζ, must settle at 100.
        for _ in 0..<200 { store.gradients = [1]; wame.step(store) }
        XCTAssertEqual(zAfter(wame: &wame, store: store), 100, accuracy: 0.5)
    }

    // MARK: - Helpers

    /// Z after one more agreeing step, observed through the size of the update.
    private func zAfter(wame: inout WAME, store: ParameterStore) -> Float {
        wame.learningRate = 1
        let before = store.values[0]
        store.gradients = [1]
        wame.step(store)
        // θ → 1 after many unit gradients, so Δw = −Z.
        return before - store.values[0]
    }

    /// A small fixed problem: a 2-layer network separating 3 Gaussian blobs.
    private func assertReducesLoss<O: Optimizer>(_ optimizer: O, file: StaticString = #filePath, line: UInt = #line) {
        var optimizer = optimizer
        var rng = SeededGenerator(seed: 7)
        let centers: [[Float]] = [[2, 0, 0, 1], [0, 2, 0, -1], [0, 0, 2, 0]]
        var inputs: [Float] = [], labels: [Int] = []
        for i in 0..<60 {
            let label = i % 3
            labels.append(label)
            inputs += centers[label].map { $0 + 0.7 * rng.nextNormal() }
        }
        let batch = Tensor(shape: [60, 4], data: inputs)
        let network = Network(layers: [Dense(inputCount: 4, outputCount: 8), ReLU(inputShape: [8]), Dense(inputCount: 8, outputCount: 3)], seed: 1)
        func loss() -> Float { SoftmaxCrossEntropy.loss(logits: network.forward(batch, mode: .inference), labels: labels).loss }
        let initial = loss()
        for _ in 0..<100 {
            network.store.zeroGradients()
            let result = SoftmaxCrossEntropy.loss(logits: network.forward(batch, mode: .training), labels: labels)
            network.backward(result.gradient)
            optimizer.step(network.store)
        }
        let final = loss()
        XCTAssertLessThan(final, initial * 0.5, "\(O.self): loss \(initial) → \(final)", file: file, line: line)
    }
}
