/// Batch normalisation per channel: over `(N, H, W)` for images `(N, C, H, W)`, over `N` for
/// vectors `(N, C)`. Output has the input's shape.
///
/// Parameters: γ `(C)` then β `(C)`. Buffers: running mean `(C)` then running variance `(C)`,
/// used at inference and saved with the model.
public final class BatchNorm: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    public let channels: Int
    /// Weight of the newest batch in the running statistics.
    public let momentum: Float = 0.1
    public let epsilon: Float = 1e-5
    private let spatial: Int
    private var parameterOffset = 0, bufferOffset = 0
    /// Normalised input x̂ of the last training batch, and 1/σ per channel.
    private var cachedNormalized: [Float] = []
    private var cachedInverseStd: [Float] = []

    public init(inputShape: [Int]) {
        precondition(inputShape.count == 1 || inputShape.count == 3, "BatchNorm takes (C) or (C, H, W) inputs")
        self.inputShape = inputShape
        channels = inputShape[0]
        spatial = inputShape.dropFirst().reduce(1, *)
    }

    public var parameterCount: Int { 2 * channels }
    public var bufferCount: Int { 2 * channels }

    public func bind(parameterOffset: Int, bufferOffset: Int) {
        self.parameterOffset = parameterOffset
        self.bufferOffset = bufferOffset
    }

    public func initialize(_ values: UnsafeMutableBufferPointer<Float>, rng: inout SeededGenerator) {
        for c in 0..<channels {
            values[parameterOffset + c] = 1              // γ
            values[parameterOffset + channels + c] = 0   // β
            values[bufferOffset + c] = 0                 // running mean
            values[bufferOffset + channels + c] = 1      // running variance
        }
    }

    /// Runs `body` for every channel, channels split across cores. Each channel's sums are
    /// taken by one part in the same order as on one core, so results do not depend on the split.
    private func forEachChannel(_ body: (Int) -> Void) {
        Parallel.forEachChunk(of: channels) { _, range in
            for c in range { body(c) }
        }
    }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        let n = input.batchSize
        let count = Float(n * spatial)
        // Every value of both is written by `normalize` (channels split across cores).
        var output = [Float](unset: input.data.count)
        var normalized = [Float](unset: mode == .training ? input.data.count : 0)
        var inverseStds = [Float](repeating: 0, count: channels)
        let training = mode == .training
        if training {
            // Running statistics are written before the read-only block below.
            var means = [Float](repeating: 0, count: channels), variances = means
            input.data.withUnsafeBufferPointer { x in
                means.withUnsafeMutableBufferPointer { means in variances.withUnsafeMutableBufferPointer { variances in
                forEachChannel { c in
                    var sum: Float = 0
                    for s in 0..<n {
                        let base = (s * channels + c) * spatial
                        for i in 0..<spatial { sum += x[base + i] }
                    }
                    let mean = sum / count
                    var squares: Float = 0
                    for s in 0..<n {
                        let base = (s * channels + c) * spatial
                        for i in 0..<spatial { let d = x[base + i] - mean; squares += d * d }
                    }
                    means[c] = mean
                    variances[c] = squares / count
                }
                } }
            }
            store.values.withUnsafeMutableBufferPointer { v in
                for c in 0..<channels {
                    v[bufferOffset + c] += momentum * (means[c] - v[bufferOffset + c])
                    v[bufferOffset + channels + c] += momentum * (variances[c] - v[bufferOffset + channels + c])
                }
            }
            normalize(input.data, into: &output, normalized: &normalized, inverseStds: &inverseStds, means: means, variances: variances, store: store, batch: n)
            cachedNormalized = normalized
            cachedInverseStd = inverseStds
        } else {
            let (means, variances) = store.values.withUnsafeBufferPointer { v in
                ((0..<channels).map { v[bufferOffset + $0] }, (0..<channels).map { v[bufferOffset + channels + $0] })
            }
            normalize(input.data, into: &output, normalized: &normalized, inverseStds: &inverseStds, means: means, variances: variances, store: store, batch: n)
        }
        return Tensor(shape: input.shape, data: output)
    }

    /// y = γ·(x − μ)/σ + β, keeping x̂ when `normalized` is non-empty.
    private func normalize(_ input: [Float], into output: inout [Float], normalized: inout [Float], inverseStds: inout [Float],
                           means: [Float], variances: [Float], store: ParameterStore, batch n: Int) {
        store.values.withUnsafeBufferPointer { v in
            input.withUnsafeBufferPointer { x in output.withUnsafeMutableBufferPointer { y in
                normalized.withUnsafeMutableBufferPointer { xhat in inverseStds.withUnsafeMutableBufferPointer { inverseStds in
                    forEachChannel { c in
                        let inverseStd = 1 / (variances[c] + epsilon).squareRoot()
                        inverseStds[c] = inverseStd
                        let gamma = v[parameterOffset + c], beta = v[parameterOffset + channels + c]
                        let mean = means[c]
                        for s in 0..<n {
                            let base = (s * channels + c) * spatial
                            for i in 0..<spatial {
                                let h = (x[base + i] - mean) * inverseStd
                                if !xhat.isEmpty { xhat[base + i] = h }
                                y[base + i] = gamma * h + beta
                            }
                        }
                    }
                } }
            } }
        }
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        let n = outputGradient.batchSize
        let count = Float(n * spatial)
        var inputGradient = [Float](unset: outputGradient.data.count)  // every value written below
        store.values.withUnsafeBufferPointer { v in
            store.gradients.withUnsafeMutableBufferPointer { grads in
                outputGradient.data.withUnsafeBufferPointer { dy in
                    cachedNormalized.withUnsafeBufferPointer { xhat in
                        inputGradient.withUnsafeMutableBufferPointer { dx in cachedInverseStd.withUnsafeBufferPointer { inverseStds in
                            forEachChannel { c in
                                var sumDy: Float = 0, sumDyXhat: Float = 0
                                for s in 0..<n {
                                    let base = (s * channels + c) * spatial
                                    for i in 0..<spatial {
                                        sumDy += dy[base + i]
                                        sumDyXhat += dy[base + i] * xhat[base + i]
                                    }
                                }
                                grads[parameterOffset + c] += sumDyXhat
                                grads[parameterOffset + channels + c] += sumDy
                                // ∂x = γ/σ · (∂y − mean(∂y) − x̂·mean(∂y·x̂))
                                let scale = v[parameterOffset + c] * inverseStds[c]
                                let meanDy = sumDy / count, meanDyXhat = sumDyXhat / count
                                for s in 0..<n {
                                    let base = (s * channels + c) * spatial
                                    for i in 0..<spatial {
                                        dx[base + i] = scale * (dy[base + i] - meanDy - xhat[base + i] * meanDyXhat)
                                    }
                                }
                            }
                        } }
                    }
                }
            }
        }
        return Tensor(shape: outputGradient.shape, data: inputGradient)
    }
}
