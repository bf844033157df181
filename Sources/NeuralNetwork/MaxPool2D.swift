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
        let count = n * channels * outHeight * outWidth
        let training = mode == .training
        var argmax = [Int32](unset: training ? count : 0)
        let planeOutputs = outHeight * outWidth
        let output = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            input.data.withUnsafeBufferPointer { x in
                argmax.withUnsafeMutableBufferPointer { arg in
                    // Samples are pooled concurrently; each writes only its own planes.
                    Parallel.forEachChunk(of: n) { _, samples in
                        for plane in (samples.lowerBound * channels)..<(samples.upperBound * channels) {
                            let base = plane * height * width
                            var o = plane * planeOutputs
                            for oy in 0..<outHeight {
                                let rowStart = base + oy * size * width
                                if size == 2 && !training {
                                    // Inference needs only the values: selects instead of
                                    // branches, the same maximum (the first of equals).
                                    for ox in 0..<outWidth {
                                        let a = rowStart + ox * 2
                                        var m = x[a]
                                        m = x[a + 1] > m ? x[a + 1] : m
                                        m = x[a + width] > m ? x[a + width] : m
                                        m = x[a + width + 1] > m ? x[a + width + 1] : m
                                        out[o + ox] = m
                                    }
                                    o += outWidth
                                    continue
                                }
                                for ox in 0..<outWidth {
                                    var best = rowStart + ox * size
                                    var bestValue = x[best]
                                    if size == 2 {
                                        // The common case, unrolled.
                                        let a = best
                                        if x[a + 1] > bestValue { best = a + 1; bestValue = x[best] }
                                        if x[a + width] > bestValue { best = a + width; bestValue = x[best] }
                                        if x[a + width + 1] > bestValue { best = a + width + 1; bestValue = x[best] }
                                    } else {
                                        for dy in 0..<size {
                                            let start = rowStart + dy * width + ox * size
                                            for dx in 0..<size where x[start + dx] > bestValue {
                                                best = start + dx
                                                bestValue = x[best]
                                            }
                                        }
                                    }
                                    out[o] = bestValue
                                    if training { arg[o] = Int32(best) }
                                    o += 1
                                }
                            }
                        }
                    }
                }
            }
            initialized = count
        }
        if training { cachedArgmax = argmax }
        return Tensor(shape: [n] + outputShape, data: output)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        let n = outputGradient.batchSize
        let inputSize = inputShape.reduce(1, *), size = outputGradient.sampleSize
        let inputGradient = outputGradient.data.withUnsafeBufferPointer { g in
            cachedArgmax.withUnsafeBufferPointer { arg in
                // A sample's maxima lie in its own input: samples are cleared and scattered concurrently.
                Parallel.array(samples: n, valuesPerSample: inputSize) { dx, values in
                    UnsafeMutableBufferPointer(rebasing: dx[values]).initialize(repeating: 0)
                    let outputs = (values.lowerBound / inputSize * size)..<(values.upperBound / inputSize * size)
                    for i in outputs { dx[Int(arg[i])] += g[i] }
                }
            }
        }
        return Tensor(shape: [n] + inputShape, data: inputGradient)
    }
}
