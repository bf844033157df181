import CBLAS

/// 2-D convolution, stride 1, square kernel, zero padding; computed as im2col + one GEMM per batch.
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
    /// (C_in·k·k, N·H'·W') columns of the last training batch.
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
        // He initialisation suits the ReLUs that follow.
        let scale = (2 / Float(columnRows)).squareRoot()
        for i in 0..<(outChannels * columnRows) { values[weightOffset + i] = rng.nextNormal() * scale }
        for o in 0..<outChannels { values[weightOffset + outChannels * columnRows + o] = 0 }
    }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        let n = input.batchSize
        let pixels = outHeight * outWidth
        let columns = im2col(input.data, batch: n)
        var product = [Float](repeating: 0, count: outChannels * n * pixels)  // (C_out, N·P)
        store.values.withUnsafeBufferPointer { v in
            columns.withUnsafeBufferPointer { c in
                product.withUnsafeMutableBufferPointer { p in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                Int32(outChannels), Int32(n * pixels), Int32(columnRows),
                                1, v.baseAddress! + weightOffset, Int32(columnRows),
                                c.baseAddress!, Int32(n * pixels),
                                0, p.baseAddress!, Int32(n * pixels))
                }
            }
        }
        var output = [Float](repeating: 0, count: n * outChannels * pixels)
        store.values.withUnsafeBufferPointer { v in
            product.withUnsafeBufferPointer { p in
                output.withUnsafeMutableBufferPointer { out in
                    let biasBase = weightOffset + outChannels * columnRows
                    for o in 0..<outChannels {
                        let bias = v[biasBase + o]
                        for s in 0..<n {
                            let src = o * n * pixels + s * pixels
                            let dst = (s * outChannels + o) * pixels
                            for i in 0..<pixels { out[dst + i] = p[src + i] + bias }
                        }
                    }
                }
            }
        }
        if mode == .training {
            cachedColumns = columns
            cachedBatch = n
        }
        return Tensor(shape: [n] + outputShape, data: output)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        let n = cachedBatch
        let pixels = outHeight * outWidth
        let k = columnRows
        // (N, C_out, P) → (C_out, N·P), the layout of the forward product.
        var gradProduct = [Float](repeating: 0, count: outChannels * n * pixels)
        outputGradient.data.withUnsafeBufferPointer { g in
            gradProduct.withUnsafeMutableBufferPointer { gp in
                for s in 0..<n {
                    for o in 0..<outChannels {
                        let src = (s * outChannels + o) * pixels
                        let dst = o * n * pixels + s * pixels
                        for i in 0..<pixels { gp[dst + i] = g[src + i] }
                    }
                }
            }
        }
        var columnGradient = [Float]()
        store.values.withUnsafeBufferPointer { v in
            store.gradients.withUnsafeMutableBufferPointer { grads in
                gradProduct.withUnsafeBufferPointer { gp in
                    cachedColumns.withUnsafeBufferPointer { c in
                        // ∂W += ∂Y · colsᵀ
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                    Int32(outChannels), Int32(k), Int32(n * pixels),
                                    1, gp.baseAddress!, Int32(n * pixels),
                                    c.baseAddress!, Int32(n * pixels),
                                    1, grads.baseAddress! + weightOffset, Int32(k))
                    }
                    let biasBase = weightOffset + outChannels * k
                    for o in 0..<outChannels {
                        var sum: Float = 0
                        for i in 0..<(n * pixels) { sum += gp[o * n * pixels + i] }
                        grads[biasBase + o] += sum
                    }
                    guard propagatesGradient else { return }
                    // ∂cols = Wᵀ · ∂Y
                    columnGradient = [Float](repeating: 0, count: k * n * pixels)
                    columnGradient.withUnsafeMutableBufferPointer { cg in
                        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                                    Int32(k), Int32(n * pixels), Int32(outChannels),
                                    1, v.baseAddress! + weightOffset, Int32(k),
                                    gp.baseAddress!, Int32(n * pixels),
                                    0, cg.baseAddress!, Int32(n * pixels))
                    }
                }
            }
        }
        guard propagatesGradient else { return Tensor(zeros: [n] + inputShape) }
        return Tensor(shape: [n] + inputShape, data: col2im(columnGradient, batch: n))
    }

    /// (N, C, H, W) → (C·k·k, N·H'·W'): row (c, ki, kj), column (n, oy, ox).
    private func im2col(_ input: [Float], batch n: Int) -> [Float] {
        let pixels = outHeight * outWidth
        var columns = [Float](repeating: 0, count: columnRows * n * pixels)
        input.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { cols in
                forEachTap { row, c, dy, dx, oxLow, oxHigh in
                    for s in 0..<n {
                        let plane = (s * inChannels + c) * height * width
                        let rowBase = row * n * pixels + s * pixels
                        for oy in 0..<outHeight {
                            let iy = oy + dy
                            guard iy >= 0, iy < height else { continue }
                            let src = plane + iy * width + dx
                            let dst = rowBase + oy * outWidth
                            for ox in oxLow..<oxHigh { cols[dst + ox] = x[src + ox] }
                        }
                    }
                }
            }
        }
        return columns
    }

    /// Adjoint of `im2col`: sums column gradients back onto the input pixels.
    private func col2im(_ columns: [Float], batch n: Int) -> [Float] {
        let pixels = outHeight * outWidth
        var image = [Float](repeating: 0, count: n * inChannels * height * width)
        columns.withUnsafeBufferPointer { cols in
            image.withUnsafeMutableBufferPointer { x in
                forEachTap { row, c, dy, dx, oxLow, oxHigh in
                    for s in 0..<n {
                        let plane = (s * inChannels + c) * height * width
                        let rowBase = row * n * pixels + s * pixels
                        for oy in 0..<outHeight {
                            let iy = oy + dy
                            guard iy >= 0, iy < height else { continue }
                            let dst = plane + iy * width + dx
                            let src = rowBase + oy * outWidth
                            for ox in oxLow..<oxHigh { x[dst + ox] += cols[src + ox] }
                        }
                    }
                }
            }
        }
        return image
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
