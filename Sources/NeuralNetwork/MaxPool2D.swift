/// Max pooling over non-overlapping `size × size` windows (odd edges are dropped).
///
/// Input `(N, C, H, W)` → output `(N, C, H/size, W/size)`.
public final class MaxPool2D: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let size: Int
    /// For each output value of the last training batch, the flat input index of its maximum.
    private var cachedArgmax: [Int32] = []

    public init(inputShape: [Int], size: Int) {
        precondition(inputShape.count == 3, "MaxPool2D takes (C, H, W) inputs")
        self.inputShape = inputShape
        self.size = size
        outputShape = [inputShape[0], inputShape[1] / size, inputShape[2] / size]
    }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        let n = input.batchSize
        let channels = inputShape[0], height = inputShape[1], width = inputShape[2]
        let outHeight = outputShape[1], outWidth = outputShape[2]
        var output = [Float](repeating: 0, count: n * channels * outHeight * outWidth)
        var argmax = [Int32](repeating: 0, count: mode == .training ? output.count : 0)
        input.data.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                argmax.withUnsafeMutableBufferPointer { arg in
                    var o = 0
                    for plane in 0..<(n * channels) {
                        let base = plane * height * width
                        for oy in 0..<outHeight {
                            for ox in 0..<outWidth {
                                var best = base + (oy * size) * width + ox * size
                                for dy in 0..<size {
                                    let rowStart = base + (oy * size + dy) * width + ox * size
                                    for dx in 0..<size where x[rowStart + dx] > x[best] { best = rowStart + dx }
                                }
                                out[o] = x[best]
                                if !arg.isEmpty { arg[o] = Int32(best) }
                                o += 1
                            }
                        }
                    }
                }
            }
        }
        if mode == .training { cachedArgmax = argmax }
        return Tensor(shape: [n] + outputShape, data: output)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        let n = outputGradient.batchSize
        var inputGradient = [Float](repeating: 0, count: n * inputShape.reduce(1, *))
        outputGradient.data.withUnsafeBufferPointer { g in
            cachedArgmax.withUnsafeBufferPointer { arg in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    for i in g.indices { dx[Int(arg[i])] += g[i] }
                }
            }
        }
        return Tensor(shape: [n] + inputShape, data: inputGradient)
    }
}
