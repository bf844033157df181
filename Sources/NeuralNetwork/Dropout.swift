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
        // The draws stay in order on this thread (one generator); applying the mask is per sample.
        let count = input.data.count
        let mask = [Float](unsafeUninitializedCapacity: count) { mask, initialized in
            for i in 0..<count { mask[i] = rng.nextUniform() >= rate ? keep : 0 }
            initialized = count
        }
        cachedMask = mask
        return Self.multiply(input, by: mask)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        guard rate > 0 else { return outputGradient }
        return Self.multiply(outputGradient, by: cachedMask)
    }

    /// `tensor` ⊙ `mask`, samples split between cores.
    private static func multiply(_ tensor: Tensor, by mask: [Float]) -> Tensor {
        let product = tensor.data.withUnsafeBufferPointer { x in
            mask.withUnsafeBufferPointer { m in
                Parallel.array(samples: tensor.batchSize, valuesPerSample: tensor.sampleSize) { y, values in
                    for i in values { y[i] = x[i] * m[i] }
                }
            }
        }
        return Tensor(shape: tensor.shape, data: product)
    }
}
