import CBLAS

/// 2-D convolution, stride 1, square kernel, zero padding; computed as im2col + one GEMM per sample,
/// samples split between worker threads.
///
/// Input `(N, C_in, H, W)` → output `(N, C_out, H', W')` with `H' = H + 2·pad − k + 1`.
/// Parameters: weights `(C_out, C_in·k·k)` then bias `(C_out)`.
public final class Conv2D: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let inChannels: Int, outChannels: Int, kernel: Int, padding: Int
    /// False for a first layer: nobody needs the gradient of the image, so skip computing it.
    public var propagatesGradient = true
    private var weightOffset = 0
    private let height: Int, width: Int, outHeight: Int, outWidth: Int
    /// (N, C_in·k·k, H'·W') columns of the last training batch.
    private var cachedColumns: [Float] = []
    private var cachedBatch = 0

    public init(inputShape: [Int], outChannels: Int, kernel: Int, padding: Int) {
        precondition(inputShape.count == 3, "Conv2D takes (C, H, W) inputs")
        self.inputShape = inputShape
        inChannels = inputShape[0]; height = inputShape[1]; width = inputShape[2]
        self.outChannels = outChannels; self.kernel = kernel; self.padding = padding
        outHeight = height + 2 * padding - kernel + 1
        outWidth = width + 2 * padding - kernel + 1
        outputShape = [outChannels, outHeight, outWidth]
    }

    private var columnRows: Int { inChannels * kernel * kernel }
    public var parameterCount: Int { outChannels * columnRows + outChannels }

    public func bind(parameterOffset: Int, bufferOffset: Int) { weightOffset = parameterOffset }

    public func initialize(_ values: UnsafeMutableBufferPointer<Float>, rng: inout SeededGenerator) {
        initializeWeightsAndBiases(values, at: weightOffset, outputs: outChannels, fanIn: columnRows, rng: &rng)
    }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        let n = input.batchSize
        let pixels = outHeight * outWidth, k = columnRows
        let training = mode == .training
        // Inference needs one sample's columns at a time per chunk; training keeps them all.
        var columns = [Float](unset: (training ? n : min(n, Parallel.chunks)) * k * pixels)
        // Every output value is first set to its bias, then the GEMM adds W · cols.
        let output = [Float](unsafeUninitializedCapacity: n * outChannels * pixels) { out, initialized in
            store.values.withUnsafeBufferPointer { v in
                input.data.withUnsafeBufferPointer { x in
                    columns.withUnsafeMutableBufferPointer { c in
                        let (cols, outBase, weights) = (c.baseAddress!, out.baseAddress!, v.baseAddress! + weightOffset)
                        Parallel.forEachChunk(of: n) { chunk, samples in
                            for s in samples {
                                let sampleColumns = cols + (training ? s : chunk) * k * pixels
                                im2col(x, sample: s, into: sampleColumns)
                                let sample = outBase + s * outChannels * pixels
                                for o in 0..<outChannels {
                                    (sample + o * pixels).initialize(repeating: weights[outChannels * k + o], count: pixels)
                                }
                                // Y_s (C_out, P) += W (C_out, K) · cols_s (K, P)
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                            Int32(outChannels), Int32(pixels), Int32(k),
                                            1, weights, Int32(k), sampleColumns, Int32(pixels),
                                            1, sample, Int32(pixels))
                            }
                        }
                    }
                }
            }
            initialized = n * outChannels * pixels
        }
        if training {
            cachedColumns = columns
            cachedBatch = n
        }
        return Tensor(shape: [n] + outputShape, data: output)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        let n = cachedBatch
        let pixels = outHeight * outWidth, k = columnRows
        let workers = Parallel.parts
        // Each worker sums its samples' weight gradients apart; the parts are added in order,
        // so the result does not depend on thread timing.
        let partCount = outChannels * k + outChannels
        var parts = [Float](repeating: 0, count: workers * partCount)
        var columnGradients = [Float](unset: propagatesGradient ? workers * k * pixels : 0)
        // Each sample's part is cleared by the worker that folds its columns back (below).
        let inputSize = inChannels * height * width
        var inputGradient = [Float](unset: propagatesGradient ? n * inputSize : 0)
        store.values.withUnsafeBufferPointer { v in
            outputGradient.data.withUnsafeBufferPointer { dy in
                cachedColumns.withUnsafeBufferPointer { c in
                    parts.withUnsafeMutableBufferPointer { p in
                        columnGradients.withUnsafeMutableBufferPointer { cg in
                            inputGradient.withUnsafeMutableBufferPointer { dx in
                                let weights = v.baseAddress! + weightOffset
                                Parallel.forEachRange(of: n) { worker, samples in
                                    let part = p.baseAddress! + worker * partCount
                                    for s in samples {
                                        let sample = dy.baseAddress! + s * outChannels * pixels
                                        for o in 0..<outChannels {
                                            var sum: Float = 0
                                            let row = sample + o * pixels
                                            for i in 0..<pixels { sum += row[i] }
                                            part[outChannels * k + o] += sum
                                        }
                                        // ∂W += ∂Y_s · cols_sᵀ
                                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                                    Int32(outChannels), Int32(k), Int32(pixels),
                                                    1, sample, Int32(pixels), c.baseAddress! + s * k * pixels, Int32(pixels),
                                                    1, part, Int32(k))
                                        guard propagatesGradient else { continue }
                                        // ∂cols_s = Wᵀ · ∂Y_s, folded back onto the image.
                                        let columnGradient = cg.baseAddress! + worker * k * pixels
                                        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                                                    Int32(k), Int32(pixels), Int32(outChannels),
                                                    1, weights, Int32(k), sample, Int32(pixels),
                                                    0, columnGradient, Int32(pixels))
                                        (dx.baseAddress! + s * inputSize).initialize(repeating: 0, count: inputSize)
                                        col2im(columnGradient, sample: s, into: dx)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        store.gradients.withUnsafeMutableBufferPointer { grads in
            parts.withUnsafeBufferPointer { parts in
                // Each weight on its own, its parts added in order.
                Parallel.forEachChunk(of: partCount) { _, weights in
                    for worker in 0..<workers {
                        for i in weights { grads[weightOffset + i] += parts[worker * partCount + i] }
                    }
                }
            }
        }
        guard propagatesGradient else { return Tensor(zeros: [n] + inputShape) }
        return Tensor(shape: [n] + inputShape, data: inputGradient)
    }

    /// Sample `s` of (N, C, H, W) → (C·k·k, H'·W'): row (c, ki, kj), column (oy, ox).
    /// Rows are block copies (memcpy and memset): element loops made this copy cost more than
    /// the GEMM it feeds at inference.
    private func im2col(_ x: UnsafeBufferPointer<Float>, sample s: Int, into cols: UnsafeMutablePointer<Float>) {
        let pixels = outHeight * outWidth
        guard let input = x.baseAddress else { return }
        forEachTap { row, c, dy, dx, oxLow, oxHigh in
            let plane = input + (s * inChannels + c) * height * width
            let inside = max(0, oxHigh - oxLow)
            for oy in 0..<outHeight {
                let iy = oy + dy
                let target = cols + row * pixels + oy * outWidth
                guard iy >= 0, iy < height, inside > 0 else {
                    target.update(repeating: 0, count: outWidth)
                    continue
                }
                target.update(repeating: 0, count: oxLow)
                (target + oxLow).update(from: plane + iy * width + dx + oxLow, count: inside)
                (target + oxLow + inside).update(repeating: 0, count: outWidth - oxLow - inside)
            }
        }
    }

    /// Adjoint of `im2col`: adds one sample's column gradients onto its input pixels.
    private func col2im(_ cols: UnsafeMutablePointer<Float>, sample s: Int, into x: UnsafeMutableBufferPointer<Float>) {
        let pixels = outHeight * outWidth
        forEachTap { row, c, dy, dx, oxLow, oxHigh in
            let plane = (s * inChannels + c) * height * width
            let rowBase = row * pixels
            for oy in 0..<outHeight {
                let iy = oy + dy
                guard iy >= 0, iy < height else { continue }
                let dst = plane + iy * width + dx
                let src = rowBase + oy * outWidth
                for ox in oxLow..<oxHigh { x[dst + ox] += cols[src + ox] }
            }
        }
    }

    /// Calls `body` for each kernel tap with its column row, channel, offset, and the range of
    /// output x whose input x (`ox + dx`) falls inside the image.
    @inline(__always)
    private func forEachTap(_ body: (_ row: Int, _ channel: Int, _ dy: Int, _ dx: Int, _ oxLow: Int, _ oxHigh: Int) -> Void) {
        for c in 0..<inChannels {
            for ki in 0..<kernel {
                for kj in 0..<kernel {
                    let row = (c * kernel + ki) * kernel + kj
                    let dy = ki - padding, dx = kj - padding
                    let oxLow = max(0, -dx), oxHigh = min(outWidth, width - dx)
                    body(row, c, dy, dx, oxLow, oxHigh)
                }
            }
        }
    }
}
