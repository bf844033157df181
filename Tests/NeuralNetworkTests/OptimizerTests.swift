import XCTest
@testable import NeuralNetwork

final class OptimizerTests: XCTestCase {
    func testSGDReducesLoss() { assertReducesLoss(SGD(learningRate: 0.05, momentum: 0.9)) }

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
