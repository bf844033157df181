import NeuralNetwork
import Preprocessing

/// Labels symbol crops with one trained CNN, or with several (an ensemble) whose softmax
/// probabilities are averaged. Built from the bytes of model files; safe to share between threads
/// (inference only reads the networks).
public struct SymbolClassifier: Sendable {
    /// Crops per forward pass: large enough for efficient matrix products, small enough for cache.
    public static let chunkSize = 256
    /// Values in one normalised glyph crop, the network's input.
    public static let cropSize = Glyph.cropSide * Glyph.cropSide

    /// One trained network and the model file it was built from.
    struct Member: Sendable {
        let model: ModelFile
        let network: Network
    }

    /// At least one; every member has the same labels in the same order.
    let members: [Member]

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
        members = [Member(model: model, network: network)]
    }

    /// An ensemble: the mean of the members' probabilities. The members must know the same
    /// labels in the same order; one member classifies exactly as it does alone.
    public init(ensemble classifiers: [SymbolClassifier]) throws {
        let members = classifiers.flatMap(\.members)
        guard let first = members.first else { throw ClassificationError.mismatchedEnsemble("no members") }
        if let other = members.firstIndex(where: { $0.model.labels != first.model.labels }) {
            throw ClassificationError.mismatchedEnsemble(
                "member \(other + 1) has labels \(members[other].model.labels.joined(separator: " ")), member 1 has \(first.model.labels.joined(separator: " "))")
        }
        self.members = members
    }

    /// The model files, one per member.
    public var models: [ModelFile] { members.map(\.model) }

    /// Class names, in the networks' output order.
    public var labels: [String] { members[0].model.labels }

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

    /// Softmax outputs for `count` crops stored back to back; for an ensemble, the mean of the
    /// members' outputs (summed in member order).
    public func probabilities(flat input: [Float], count: Int) -> [Float] {
        var sum = members[0].probabilities(flat: input, count: count)
        guard members.count > 1 else { return sum }
        for member in members.dropFirst() {
            let next = member.probabilities(flat: input, count: count)
            for i in sum.indices { sum[i] += next[i] }
        }
        let n = Float(members.count)
        return sum.map { $0 / n }
    }
}

extension SymbolClassifier.Member {
    /// This network's softmax outputs for `count` crops stored back to back.
    func probabilities(flat input: [Float], count: Int) -> [Float] {
        var normalized = input
        let mean = model.inputMean, scale = 1 / model.inputStd
        normalized.withUnsafeMutableBufferPointer { x in
            for i in x.indices { x[i] = (x[i] - mean) * scale }
        }
        let logits = network.forward(Tensor(shape: [count] + model.inputShape, data: normalized), mode: .inference)
        return SoftmaxCrossEntropy.probabilities(logits).data
    }
}
