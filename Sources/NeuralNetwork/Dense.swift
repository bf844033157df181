import CBLAS

/// Fully connected layer: `y = x · Wᵀ + b`.
///
/// Input `(N, F_in)` → output `(N, F_out)`. Parameters: weights `(F_out, F_in)` then bias `(F_out)`.
public final class Dense: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let inputCount: Int, outputCount: Int
    private var weightOffset = 0
    /// Input of the last training batch, `(N, F_in)`.
    private var cachedInput: [Float] = []
    private var cachedBatch = 0

    public init(inputCount: Int, outputCount: Int) {
        self.inputCount = inputCount
        self.outputCount = outputCount
        inputShape = [inputCount]
        outputShape = [outputCount]
    }

    public var parameterCount: Int { outputCount * inputCount + outputCount }

    public func bind(parameterOffset: Int, bufferOffset: Int) { weightOffset = parameterOffset }

    public func initialize(_ values: UnsafeMutableBufferPointer<Float>, rng: inout SeededGenerator) {
        initializeWeightsAndBiases(values, at: weightOffset, outputs: outputCount, fanIn: inputCount, rng: &rng)
    }

    public func forward(_ input: Tensor, store: ParameterStore, mode: ForwardMode) -> Tensor {
        let n = input.batchSize
        var output = [Float](repeating: 0, count: n * outputCount)
        store.values.withUnsafeBufferPointer { v in
            input.data.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { y in
                    let biasBase = weightOffset + outputCount * inputCount
                    for s in 0..<n {
                        for o in 0..<outputCount { y[s * outputCount + o] = v[biasBase + o] }
                    }
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                Int32(n), Int32(outputCount), Int32(inputCount),
                                1, x.baseAddress!, Int32(inputCount),
                                v.baseAddress! + weightOffset, Int32(inputCount),
                                1, y.baseAddress!, Int32(outputCount))
                }
            }
        }
        if mode == .training {
            cachedInput = input.data
            cachedBatch = n
        }
        return Tensor(shape: [n, outputCount], data: output)
    }

    public func backward(_ outputGradient: Tensor, store: ParameterStore) -> Tensor {
        let n = cachedBatch
        let outputs = outputCount, inputs = inputCount
        var inputGradient = [Float](repeating: 0, count: n * inputCount)
        // Split so that no sum changes order: ∂W and ∂b by output rows (each still sums over
        // the whole batch, in order), ∂X by samples. OpenBLAS gives each element the same value
        // whatever the rows around it (checked for every batch size up to 64 against one call).
        store.values.withUnsafeBufferPointer { v in
            store.gradients.withUnsafeMutableBufferPointer { grads in
                outputGradient.data.withUnsafeBufferPointer { dy in
                    cachedInput.withUnsafeBufferPointer { x in
                        let weightGradients = grads.baseAddress! + weightOffset
                        let biasBase = weightOffset + outputs * inputs
                        Parallel.forEachChunk(of: outputs) { _, rows in
                            // ∂W[rows] += ∂Y[:, rows]ᵀ · X
                            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                                        Int32(rows.count), Int32(inputs), Int32(n),
                                        1, dy.baseAddress! + rows.lowerBound, Int32(outputs),
                                        x.baseAddress!, Int32(inputs),
                                        1, weightGradients + rows.lowerBound * inputs, Int32(inputs))
                            for s in 0..<n {
                                for o in rows { grads[biasBase + o] += dy[s * outputs + o] }
                            }
                        }
                    }
                    inputGradient.withUnsafeMutableBufferPointer { dx in
                        Parallel.forEachChunk(of: n) { _, samples in
                            // ∂X[samples] = ∂Y[samples] · W
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                        Int32(samples.count), Int32(inputs), Int32(outputs),
                                        1, dy.baseAddress! + samples.lowerBound * outputs, Int32(outputs),
                                        v.baseAddress! + weightOffset, Int32(inputs),
                                        0, dx.baseAddress! + samples.lowerBound * inputs, Int32(inputs))
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, inputCount], data: inputGradient)
    }
}
