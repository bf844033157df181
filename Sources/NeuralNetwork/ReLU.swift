/// Rectified linear unit, elementwise: `max(0, x)`. Any shape.
public final class ReLU: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    /// Output of the last training batch (positive exactly where the gradient passes).
    private var cachedOutput: [Float] = []

    public init(inputShape: [Int]) { self.inputShape = inputShape }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        let output = input.data.withUnsafeBufferPointer { x in
            Parallel.array(samples: input.batchSize, valuesPerSample: input.sampleSize) { y, values in
                // A select, not a branch: the compiler vectorises it (same values, -0 and NaN kept).
                for i in values { y[i] = x[i] < 0 ? 0 : x[i] }
            }
        }
        if mode == .training { cachedOutput = output }
        return Tensor(shape: input.shape, data: output)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        let gradient = outputGradient.data.withUnsafeBufferPointer { g in
            cachedOutput.withUnsafeBufferPointer { y in
                Parallel.array(samples: outputGradient.batchSize, valuesPerSample: outputGradient.sampleSize) { dx, values in
                    for i in values { dx[i] = y[i] <= 0 ? 0 : g[i] }
                }
            }
        }
        return Tensor(shape: outputGradient.shape, data: gradient)
    }
}
