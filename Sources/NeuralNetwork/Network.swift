/// A feed-forward stack of layers over one `ParameterStore`.
///
/// Inference (`forward(_, mode: .inference)`) only reads the network, so one trained network may
/// be shared between threads; training must stay on one thread.
public final class Network: @unchecked Sendable {
    public let layers: [Layer]
    public let store: ParameterStore
    /// Per-sample input shape, e.g. `[1, 32, 32]`.
    public let inputShape: [Int]

    /// Lays out the layers' parameters in one store and initialises them from `seed`.
    public convenience init(layers: [Layer], seed: UInt64) {
        self.init(layers: layers, initialSeed: seed)
    }

    /// Lays out the layers' parameters and loads `parameters` (a saved model), skipping the
    /// random initialisation they would replace: it was a tenth of a small file's run.
    public convenience init(layers: [Layer], parameters: [Float]) throws {
        self.init(layers: layers, initialSeed: nil)
        try load(parameters: parameters)
    }

    private init(layers: [Layer], initialSeed seed: UInt64?) {
        precondition(!layers.isEmpty, "a network needs at least one layer")
        for (previous, next) in zip(layers, layers.dropFirst()) {
            precondition(previous.outputShape == next.inputShape, "layer shapes must chain")
        }
        _ = Parallel.parts  // switches OpenBLAS's own threads off before any layer calls it
        self.layers = layers
        inputShape = layers[0].inputShape
        let trainable = layers.reduce(0) { $0 + $1.parameterCount }
        let buffers = layers.reduce(0) { $0 + $1.bufferCount }
        store = ParameterStore(trainableCount: trainable, bufferCount: buffers)
        var parameterOffset = 0, bufferOffset = trainable
        for layer in layers {
            layer.bind(parameterOffset: parameterOffset, bufferOffset: bufferOffset)
            parameterOffset += layer.parameterCount
            bufferOffset += layer.bufferCount
        }
        guard let seed else { return }
        var rng = SeededGenerator(seed: seed)
        store.values.withUnsafeMutableBufferPointer { values in
            for layer in layers { layer.initialize(values, rng: &rng) }
        }
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { store.trainableCount }
    /// Per-sample output shape (the logits).
    public var outputShape: [Int] { layers[layers.count - 1].outputShape }

    /// Logits for a batch `(N, inputShape...)` → `(N, K)`.
    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        layers.reduce(input) { $1.forward($0, store: store, mode: mode) }
    }

    /// Back-propagates ∂loss/∂logits through every layer, accumulating parameter gradients.
    /// Returns ∂loss/∂input.
    @discardableResult
    public func backward(_ outputGradient: Tensor) -> Tensor {
        layers.reversed().reduce(outputGradient) { $1.backward($0, store: store) }
    }

    /// Replaces all parameters and buffers (e.g. from a weights file).
    public func load(parameters: [Float]) throws {
        guard parameters.count == store.values.count else {
            throw WeightsError.parameterCountMismatch(found: parameters.count, expected: store.values.count)
        }
        store.values = parameters
    }
}
