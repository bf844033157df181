/// Inverted dropout: while training, zeroes each value with probability `rate` and scales the
/// rest by `1/(1 − rate)`; at inference it is the identity. Any shape.
public final class Dropout: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    public let rate: Float
    private var rng: SeededGenerator
    /// Scale applied to each value of the last training batch (0 or 1/(1 − rate)).
    private var cachedMask: [Float] = []

    public init(inputShape: [Int], rate: Float, seed: UInt64) {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1)")
        self.inputShape = inputShape
        self.rate = rate
        rng = SeededGenerator(seed: seed)
    }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        guard mode == .training, rate > 0 else { return input }
        let keep = 1 / (1 - rate)
        var mask = [Float](repeating: 0, count: input.data.count)
        for i in mask.indices where rng.nextUniform() >= rate { mask[i] = keep }
        var output = input
        output.data.withUnsafeMutableBufferPointer { x in
            for i in x.indices { x[i] *= mask[i] }
        }
        cachedMask = mask
        return output
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        guard rate > 0 else { return outputGradient }
        var gradient = outputGradient
        gradient.data.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] *= cachedMask[i] }
        }
        return gradient
    }
}
