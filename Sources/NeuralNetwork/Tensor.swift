/// A dense float tensor: flat row-major storage plus a shape.
///
/// Batches are first: images are `(N, C, H, W)`, feature vectors `(N, F)`.
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var data: [Float]

    public init(shape: [Int], data: [Float]) {
        precondition(shape.reduce(1, *) == data.count, "tensor data count must match its shape")
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    /// Number of samples (the first dimension).
    public var batchSize: Int { shape.first ?? 0 }
    /// Number of values per sample.
    public var sampleSize: Int { shape.dropFirst().reduce(1, *) }

    /// The same values viewed with another shape of equal size.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }
}

extension Array where Element: BitwiseCopyable {
    /// `count` values the caller sets, every one, before reading any: no zero-filling pass
    /// (on one core, before the parallel work that writes them).
    init(unset count: Int) {
        self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
