/// Every parameter of a network in one contiguous array, with a gradient array beside it.
///
/// Trainable parameters come first, then buffers (batch-norm running statistics) that are saved
/// with the model but never touched by an optimizer. An optimizer is one loop over
/// `values[0..<trainableCount]`; a checkpoint is one copy of `values`.
public final class ParameterStore {
    /// Trainable parameters followed by buffers.
    public var values: [Float]
    /// Gradients of the trainable parameters (same indices as `values`).
    public var gradients: [Float]
    /// Number of trainable parameters (the first part of `values`).
    public let trainableCount: Int

    public init(trainableCount: Int, bufferCount: Int) {
        self.trainableCount = trainableCount
        values = [Float](repeating: 0, count: trainableCount + bufferCount)
        gradients = [Float](repeating: 0, count: trainableCount)
    }

    public func zeroGradients() {
        gradients.withUnsafeMutableBufferPointer { g in
            g.update(repeating: 0)
        }
    }
}
