/// Flattens each sample: `(N, C, H, W)` → `(N, C·H·W)`.
public final class Flatten: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]

    public init(inputShape: [Int]) {
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        input.reshaped([input.batchSize] + outputShape)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        outputGradient.reshaped([outputGradient.batchSize] + inputShape)
    }
}
