/// Whether a forward pass trains (caches what backward needs, drops out, updates batch-norm
/// statistics) or only infers (reads parameters, writes no layer state).
public enum ForwardMode: Sendable {
    case training
    case inference
}

/// One differentiable step of a network: a forward/backward pair.
///
/// Shapes are per sample (without the batch dimension): `[C, H, W]` for images, `[F]` for
/// vectors. A layer's parameters live in the network's `ParameterStore`, at offsets given by
/// `bind`. Inference never mutates a layer, so a trained network can be shared across threads.
public protocol Layer: AnyObject {
    /// Per-sample input shape.
    var inputShape: [Int] { get }
    /// Per-sample output shape.
    var outputShape: [Int] { get }
    /// Trainable parameters this layer owns.
    var parameterCount: Int { get }
    /// Saved, non-trainable values (batch-norm running statistics).
    var bufferCount: Int { get }
    /// Tells the layer where its parameters and buffers live in the store.
    func bind(parameterOffset: Int, bufferOffset: Int)
    /// Writes initial parameters and buffers into `values` (the whole store).
    func initialize(_ values: UnsafeMutableBufferPointer<Float>, rng: inout SeededGenerator)
    /// Output for a batch `(N, inputShape...)` → `(N, outputShape...)`.
    func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor
    /// Given ∂loss/∂output, adds ∂loss/∂parameters to `store.gradients` and returns ∂loss/∂input.
    /// Uses what the last `.training` forward pass cached.
    func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor
}

extension Layer {
    public var parameterCount: Int { 0 }
    public var bufferCount: Int { 0 }
    public func bind(parameterOffset: Int, bufferOffset: Int) {}
    public func initialize(_ values: UnsafeMutableBufferPointer<Float>, rng: inout SeededGenerator) {}
}

/// He initialisation of an `outputs × fanIn` weight matrix at `offset` (suits the ReLUs that
/// follow), then `outputs` zero biases after it: the layout of `Conv2D` and `Dense`.
func initializeWeightsAndBiases(_ values: UnsafeMutableBufferPointer<Float>, at offset: Int, outputs: Int, fanIn: Int,
                                rng: inout SeededGenerator) {
    let scale = (2 / Float(fanIn)).squareRoot()
    for i in 0..<(outputs * fanIn) { values[offset + i] = rng.nextNormal() * scale }
    for o in 0..<outputs { values[offset + outputs * fanIn + o] = 0 }
}
