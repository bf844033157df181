/// Rectified linear unit, elementwise: `max(0, x)`. Any shape.
public final class ReLU: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    /// Output of the last training batch (positive exactly where the gradient passes).
    private var cachedOutput: [Float] = []

    public init(inputShape: [Int]) { self.inputShape = inputShape }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        var output = input
        let size = input.sampleSize
        output.data.withUnsafeMutableBufferPointer { x in
            Parallel.forEachRange(of: input.batchSize) { _, samples in
                // A select, not a branch: the compiler vectorises it (same values, -0 and NaN kept).
                for i in (samples.lowerBound * size)..<(samples.upperBound * size) { x[i] = x[i] < 0 ? 0 : x[i] }
            }
        }
        if mode == .training { cachedOutput = output.data }
        return output
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        var gradient = outputGradient
        let size = outputGradient.sampleSize
        gradient.data.withUnsafeMutableBufferPointer { g in
            cachedOutput.withUnsafeBufferPointer { y in
                Parallel.forEachRange(of: outputGradient.batchSize) { _, samples in
                    for i in (samples.lowerBound * size)..<(samples.upperBound * size) { g[i] = y[i] <= 0 ? 0 : g[i] }
                }
            }
        }
        return gradient
    }
}
