import XCTest
@testable import NeuralNetwork

final class ModelFileTests: XCTestCase {
    func testSeed000HasSeedZeroParameterCount() throws {
        let layers = try Architecture.layers(named: Architecture.seed000, inputShape: [1, 32, 32], classCount: 16, seed: 0)
        XCTAssertEqual(Network(layers: layers, seed: 0).parameterCount, 263_408)
    }

    func testRoundTripKeepsEverything() throws {
        let file = try sampleFile()
        let decoded = try ModelFile(bytes: file.encoded())
        XCTAssertEqual(decoded, file)
        let network = try decoded.makeNetwork()
        XCTAssertEqual(network.store.values, file.parameters)
    }

    func testTruncatedFileIsRefused() throws {
        let bytes = try sampleFile().encoded()
        for length in [4, 20, bytes.count / 2, bytes.count - 1] {
            XCTAssertThrowsError(try ModelFile(bytes: Array(bytes.prefix(length)))) { error in
                XCTAssertEqual(error as? WeightsError, length < 8 ? .notAModelFile : .truncated, "length \(length)")
            }
        }
    }

    func testAlteredParameterIsRefused() throws {
        var bytes = try sampleFile().encoded()
        bytes[bytes.count - 100] ^= 0x10
        XCTAssertThrowsError(try ModelFile(bytes: bytes)) { error in
            XCTAssertEqual(error as? WeightsError, .checksumMismatch)
            XCTAssertTrue(String(describing: error).contains("retrain"))
        }
    }

    func testOtherVersionIsRefused() throws {
        var bytes = try sampleFile().encoded()
        bytes[8] = 9
        XCTAssertThrowsError(try ModelFile(bytes: bytes)) { error in
            XCTAssertEqual(error as? WeightsError, .versionMismatch(found: 9, expected: ModelFile.version))
            XCTAssertTrue(String(describing: error).contains("--model"))
        }
    }

    func testUnknownArchitectureIsRefused() throws {
        var file = try sampleFile()
        file.architecture = "resnet152"
        XCTAssertThrowsError(try ModelFile(bytes: file.encoded()).makeNetwork()) { error in
            XCTAssertEqual(error as? WeightsError, .unknownArchitecture("resnet152"))
        }
    }

    func testInferenceIsReproducibleAfterLoading() throws {
        let file = try sampleFile()
        let a = try file.makeNetwork(), b = try ModelFile(bytes: file.encoded()).makeNetwork()
        let input = Tensor(shape: [2, 1, 32, 32], data: (0..<2048).map { Float($0 % 17) / 17 })
        XCTAssertEqual(a.forward(input, mode: .inference), b.forward(input, mode: .inference))
    }

    private func sampleFile() throws -> ModelFile {
        let layers = try Architecture.layers(named: Architecture.mscnn, inputShape: [1, 32, 32], classCount: 4, seed: 0)
        let network = Network(layers: layers, seed: 5)
        return ModelFile(architecture: Architecture.mscnn, inputShape: [1, 32, 32], inputMean: 0.1, inputStd: 0.3,
                         labels: ["0", "1", "\\times", "("], parameters: network.store.values)
    }
}
