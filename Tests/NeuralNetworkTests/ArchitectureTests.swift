import XCTest
@testable import NeuralNetwork

/// The larger mscnn variants of issue 10 build, run forward and survive a model file.
final class ArchitectureTests: XCTestCase {
    /// Weights and biases layer by layer, for 32 × 32 inputs and 16 classes (batch norm: γ and β).
    func testMscnnFamilyParameterCounts() throws {
        func conv(_ inputs: Int, _ outputs: Int) -> Int { inputs * outputs * 9 + outputs }
        func dense(_ inputs: Int, _ outputs: Int) -> Int { inputs * outputs + outputs }
        func norm(_ channels: Int) -> Int { 2 * channels }
        let expected = [
            Architecture.mscnn: conv(1, 16) + norm(16) + conv(16, 32) + norm(32) + conv(32, 64) + norm(64)
                + dense(64 * 4 * 4, 128) + dense(128, 16),
            Architecture.mscnnWide: conv(1, 32) + norm(32) + conv(32, 64) + norm(64) + conv(64, 128) + norm(128)
                + dense(128 * 4 * 4, 256) + dense(256, 16),
            Architecture.mscnnDeep: conv(1, 16) + norm(16) + conv(16, 16) + norm(16)
                + conv(16, 32) + norm(32) + conv(32, 32) + norm(32)
                + conv(32, 64) + norm(64) + conv(64, 64) + norm(64)
                + dense(64 * 4 * 4, 128) + dense(128, 16),
        ]
        XCTAssertEqual(expected[Architecture.mscnn], 156_784)
        for (name, count) in expected {
            let layers = try Architecture.layers(named: name, inputShape: [1, 32, 32], classCount: 16, seed: 0)
            XCTAssertEqual(Network(layers: layers, seed: 0).parameterCount, count, name)
            XCTAssertTrue(Architecture.names.contains(name), "\(name) is selectable with train --arch")
        }
    }

    func testLargerVariantsRunForwardAndReloadFromAModelFile() throws {
        var generator = SeededGenerator(seed: 4)
        let input = Tensor(shape: [3, 1, 32, 32], data: (0..<(3 * 32 * 32)).map { _ in generator.nextUniform() })
        for name in [Architecture.mscnnWide, Architecture.mscnnDeep] {
            let layers = try Architecture.layers(named: name, inputShape: [1, 32, 32], classCount: 5, seed: 2)
            let network = Network(layers: layers, seed: 2)
            for mode in [ForwardMode.training, .inference] {
                let output = network.forward(input, mode: mode)
                XCTAssertEqual(output.shape, [3, 5], "\(name) \(mode)")
                XCTAssertTrue(output.data.allSatisfy(\.isFinite), "\(name) \(mode)")
                XCTAssertNotEqual(Array(output.data[0..<5]), Array(output.data[5..<10]), "\(name): samples differ")
            }
            let file = ModelFile(architecture: name, inputShape: [1, 32, 32], inputMean: 0.1, inputStd: 0.3,
                                 labels: ["0", "1", "2", "+", "-"], parameters: network.store.values)
            let reloaded = try ModelFile(bytes: file.encoded()).makeNetwork()
            XCTAssertEqual(reloaded.forward(input, mode: .inference), network.forward(input, mode: .inference), name)
        }
    }
}
