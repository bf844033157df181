import NeuralNetwork
import Preprocessing

/// Labels symbol crops with a trained CNN. Built from the bytes of a model file; safe to share
/// between threads (inference only reads the network).
public struct SymbolClassifier: Sendable {
    /// Crops per forward pass: large enough for efficient matrix products, small enough for cache.
    public static let chunkSize = 256
    /// Values in one normalised glyph crop, the network's input.
    public static let cropSize = Glyph.cropSide * Glyph.cropSide

    public let model: ModelFile
    let network: Network

    /// Loads and checks a model file (see `ModelFile` for the format).
    public init(modelBytes: [UInt8]) throws {
        let model = try ModelFile(bytes: modelBytes)
        guard model.inputShape == [1, Glyph.cropSide, Glyph.cropSide] else {
            throw ClassificationError.incompatibleModel("input \(model.inputShape), crops are 1×\(Glyph.cropSide)×\(Glyph.cropSide)")
        }
        let network = try model.makeNetwork()
        guard network.outputShape == [model.labels.count] else {
            throw ClassificationError.incompatibleModel("\(network.outputShape) outputs for \(model.labels.count) labels")
        }
        self.model = model
        self.network = network
    }

    /// Class names, in the network's output order.
    public var labels: [String] { model.labels }

    /// The `topK` most probable labels of each crop, best first. Each crop holds
    /// `Glyph.cropSide`² values, 0 = paper … 1 = ink; a crop of any other size gets no candidates.
    public func classify(_ crops: [[Float]], topK: Int) -> [[Candidate]] {
        classify(crops, topK: topK, checkpoint: {})
    }

    /// `checkpoint` is called before each batch of crops and may throw to stop a page that
    /// takes too long (see `Recognizer.Options.timeBudget`).
    public func classify(_ crops: [[Float]], topK: Int, checkpoint: () throws -> Void) rethrows -> [[Candidate]] {
        let k = max(0, min(topK, labels.count))
        let valid = crops.indices.filter { crops[$0].count == Self.cropSize }
        var results = [[Candidate]](repeating: [], count: crops.count)
        for start in stride(from: 0, to: valid.count, by: Self.chunkSize) {
            try checkpoint()
            let chunk = Array(valid[start..<min(start + Self.chunkSize, valid.count)])
            let probabilities = self.probabilities(chunk.lazy.map { crops[$0] }, count: chunk.count)
            for (row, index) in chunk.enumerated() {
                let base = row * labels.count
                let ranked = (0..<labels.count).sorted { probabilities[base + $0] > probabilities[base + $1] }
                results[index] = ranked.prefix(k).map { Candidate(label: labels[$0], probability: probabilities[base + $0]) }
            }
        }
        return results
    }

    /// Softmax outputs `(count, K)` for crops of the right size, flattened.
    func probabilities<C: Sequence>(_ crops: C, count: Int) -> [Float] where C.Element == [Float] {
        var input = [Float]()
        input.reserveCapacity(count * Self.cropSize)
        for crop in crops { input.append(contentsOf: crop) }
        return probabilities(flat: input, count: count)
    }

    /// Softmax outputs for `count` crops stored back to back.
    public func probabilities(flat input: [Float], count: Int) -> [Float] {
        var normalized = input
        let mean = model.inputMean, scale = 1 / model.inputStd
        normalized.withUnsafeMutableBufferPointer { x in
            for i in x.indices { x[i] = (x[i] - mean) * scale }
        }
        let logits = network.forward(Tensor(shape: [count] + model.inputShape, data: normalized), mode: .inference)
        return SoftmaxCrossEntropy.probabilities(logits).data
    }
}
