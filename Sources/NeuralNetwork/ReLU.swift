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
                for i in (samples.lowerBound * size)..<(samples.upperBound * size) where x[i] < 0 { x[i] = 0 }
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
                    for i in (samples.lowerBound * size)..<(samples.upperBound * size) where y[i] <= 0 { g[i] = 0 }
                }
            }
        }
        return gradient
    }
}
