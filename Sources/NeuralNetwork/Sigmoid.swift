import Foundation

/// Logistic sigmoid, elementwise: `1 / (1 + e^−x)`. Any shape. The hidden activation of the
/// notebooks' from-scratch MLP.
public final class Sigmoid: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    /// Output of the last training batch: the gradient is `y · (1 − y)`.
    private var cachedOutput: [Float] = []

    public init(inputShape: [Int]) { self.inputShape = inputShape }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        var output = input
        output.data.withUnsafeMutableBufferPointer { x in
            for i in x.indices { x[i] = 1 / (1 + expf(-x[i])) }
        }
        if mode == .training { cachedOutput = output.data }
        return output
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        var gradient = outputGradient
        gradient.data.withUnsafeMutableBufferPointer { g in
            cachedOutput.withUnsafeBufferPointer { y in
                for i in g.indices { g[i] *= y[i] * (1 - y[i]) }
            }
        }
        return gradient
    }
}
