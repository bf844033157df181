import Classification
import Foundation
import NeuralNetwork
import Preprocessing

/// What the training loop reports after each batch.
public struct TrainingProgress: Sendable {
    public var epoch: Int, epochs: Int
    public var batch: Int, batches: Int
    /// Running mean loss and accuracy of this epoch so far.
    public var loss: Float, accuracy: Float
    public var imagesPerSecond: Double
    /// Estimated seconds until the last epoch ends.
    public var secondsLeft: Double
}

/// One finished epoch.
public struct EpochRecord: Sendable, Codable, Equatable {
    public var epoch: Int
    public var trainingLoss: Float, trainingAccuracy: Float
    /// nil without validation data.
    public var validationLoss: Float?, validationAccuracy: Float?
    public var learningRate: Float
    /// Wall time of the epoch, validation included …
    public var seconds: Double
    /// … and of its batches alone (augmentation, forward, backward, update).
    public var trainingSeconds: Double
}

/// The outcome of a training run.
public struct TrainingResult: Sendable {
    /// The checkpoint with the best validation accuracy (the last one without validation data).
    public var model: ModelFile
    public var bestEpoch: Int
    public var history: [EpochRecord]
    /// Training images per second over the whole run (forward, backward, update, augmentation).
    public var imagesPerSecond: Double
    public var seconds: Double
}

/// Trains a symbol classifier: balanced, augmented mini-batches; validation after each epoch;
/// early stopping; the best checkpoint kept.
public struct Trainer {
    public var configuration: TrainingConfiguration

    public init(configuration: TrainingConfiguration) { self.configuration = configuration }

    /// `onBatch` is called after every batch, `onEpoch` after every epoch with the new best
    /// checkpoint when that epoch improved on the previous best (both on this thread).
    public func train(_ training: LabeledCrops, validation: LabeledCrops?,
                      onBatch: (TrainingProgress) -> Void = { _ in },
                      onEpoch: (EpochRecord, ModelFile?) -> Void = { _, _ in }) throws -> TrainingResult {
        let config = configuration
        guard training.count > 0 else { throw ClassificationError.noUsableData("the training sources") }
        guard config.epochs > 0, config.batchSize > 0, config.learningRate > 0 else {
            throw ClassificationError.badTrainingSetting("epochs, batch size and learning rate must be positive")
        }
        if let validation, validation.classNames != training.classNames {
            throw ClassificationError.badTrainingSetting("validation classes differ from training classes")
        }
        let inputShape = [1, Glyph.cropSide, Glyph.cropSide]
        let layers = try Architecture.layers(named: config.architecture, inputShape: inputShape,
                                             classCount: training.classNames.count, seed: config.seed)
        let network = Network(layers: layers, seed: config.seed)
        var optimizer = config.makeOptimizer()
        var rng = SeededGenerator(seed: config.seed &+ 0x5EED)
        let (mean, std) = Self.meanAndStd(training.values)
        func snapshot() -> ModelFile {
            ModelFile(architecture: config.architecture, inputShape: inputShape, inputMean: mean, inputStd: std,
                      labels: training.classNames, parameters: network.store.values)
        }

        let sampler = BalancedSampler(labels: training.labels, classCount: training.classNames.count,
                                      minimum: config.minimumPerClass, maximum: config.maximumPerClass)
        let batches = (sampler.epochSize + config.batchSize - 1) / config.batchSize
        let clock = ContinuousClock()
        let start = clock.now
        var imagesSeen = 0
        var history: [EpochRecord] = []
        var best: (model: ModelFile, epoch: Int, accuracy: Float, loss: Float)?
        for epoch in 1...config.epochs {
            let epochStart = clock.now
            optimizer.learningRate = config.learningRate(epoch: epoch)
            let order = sampler.epoch(rng: &rng)
            var lossSum: Float = 0, correct = 0, seen = 0
            let indicesOf = { (batch: Int) in order[(batch * config.batchSize)..<min(order.count, (batch + 1) * config.batchSize)] }
            // The next batch is augmented on another thread while the network works on this one
            // (its one-core stretches would leave a core idle). Seeds are drawn in the same order
            // as one after the other, and a batch depends only on its indices and seed.
            var upcoming = BatchPreparation(indicesOf(0), of: training, augmentation: config.augmentation,
                                            mean: mean, std: std, seed: rng.next())
            for batch in 0..<batches {
                let indices = indicesOf(batch)
                let (input, labels) = upcoming.result()
                if batch + 1 < batches {
                    upcoming = BatchPreparation(indicesOf(batch + 1), of: training, augmentation: config.augmentation,
                                                mean: mean, std: std, seed: rng.next())
                }
                network.store.zeroGradients()
                let logits = network.forward(Tensor(shape: [indices.count] + inputShape, data: input), mode: .training)
                let result = SoftmaxCrossEntropy.loss(logits: logits, labels: labels)
                network.backward(result.gradient)
                optimizer.step(network.store)

                lossSum += result.loss * Float(indices.count)
                correct += result.correct
                seen += indices.count
                imagesSeen += indices.count
                let rate = Double(imagesSeen) / max(Self.seconds(clock.now - start), 1e-9)
                let imagesLeft = (config.epochs - epoch) * sampler.epochSize + (sampler.epochSize - seen)
                onBatch(TrainingProgress(epoch: epoch, epochs: config.epochs, batch: batch + 1, batches: batches,
                                         loss: lossSum / Float(seen), accuracy: Float(correct) / Float(seen),
                                         imagesPerSecond: rate, secondsLeft: Double(imagesLeft) / rate))
            }

            var record = EpochRecord(epoch: epoch, trainingLoss: lossSum / Float(max(seen, 1)),
                                     trainingAccuracy: Float(correct) / Float(max(seen, 1)),
                                     learningRate: optimizer.learningRate, seconds: 0,
                                     trainingSeconds: Self.seconds(clock.now - epochStart))
            if let validation {
                let (loss, accuracy) = Self.lossAndAccuracy(network: network, data: validation, mean: mean, std: std)
                record.validationLoss = loss
                record.validationAccuracy = accuracy
                let improved = best.map { accuracy > $0.accuracy || (accuracy == $0.accuracy && loss < $0.loss) } ?? true
                if improved {
                    best = (snapshot(), epoch, accuracy, loss)
                }
            } else {
                best = (snapshot(), epoch, record.trainingAccuracy, record.trainingLoss)
            }
            record.seconds = Self.seconds(clock.now - epochStart)
            history.append(record)
            onEpoch(record, best?.epoch == epoch ? best?.model : nil)
            if let best, epoch - best.epoch >= config.patience { break }
        }
        let total = Self.seconds(clock.now - start)
        let chosen = best ?? (snapshot(), history.count, 0, 0)
        return TrainingResult(model: chosen.model, bestEpoch: chosen.epoch, history: history,
                              imagesPerSecond: Double(imagesSeen) / max(total, 1e-9), seconds: total)
    }

    /// The network input for some crops (augmented, then normalised) and their labels. Crops
    /// are augmented concurrently, each with its own generator derived from `seed` and its place
    /// in the batch, so the batch is the same however the work is split across cores.
    static func batch(_ indices: ArraySlice<Int>, of data: LabeledCrops, augmentation: Augmentation?,
                      mean: Float, std: Float, seed: UInt64) -> ([Float], [Int]) {
        let cropSize = LabeledCrops.cropSize
        let positions = Array(indices)
        var input = [Float](repeating: 0, count: positions.count * cropSize)
        input.withUnsafeMutableBufferPointer { output in
            // Each part writes only its own samples' slices of the buffer.
            Parallel.forEachChunk(of: positions.count) { _, samples in
                for sample in samples {
                    let crop = data.crop(at: positions[sample])
                    var rng = SeededGenerator(seed: seed &+ UInt64(sample))
                    let values = augmentation?.apply(crop, rng: &rng) ?? crop
                    for (offset, value) in values.enumerated() { output[sample * cropSize + offset] = value }
                }
            }
        }
        normalize(&input, mean: mean, std: std)
        return (input, positions.map { data.labels[$0] })
    }

    /// A batch being made on another thread (`batch(_:of:augmentation:mean:std:seed:)`, its
    /// parts one after the other there); `result()` waits for it.
    final class BatchPreparation: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var made: ([Float], [Int]) = ([], [])

        init(_ indices: ArraySlice<Int>, of data: LabeledCrops, augmentation: Augmentation?, mean: Float, std: Float, seed: UInt64) {
            DispatchQueue.global().async { [self] in
                made = Parallel.$runsInline.withValue(true) {
                    Trainer.batch(indices, of: data, augmentation: augmentation, mean: mean, std: std, seed: seed)
                }
                done.signal()
            }
        }

        /// The input and labels, once made (the semaphore orders the write before this read).
        func result() -> ([Float], [Int]) {
            done.wait()
            done.signal()  // a second call returns at once
            return made
        }
    }

    /// Mean loss and top-1 accuracy of `network` on `data`, in inference mode.
    static func lossAndAccuracy(network: Network, data: LabeledCrops, mean: Float, std: Float) -> (Float, Float) {
        var lossSum: Float = 0, correct = 0
        let chunk = SymbolClassifier.chunkSize
        for start in stride(from: 0, to: data.count, by: chunk) {
            let end = min(start + chunk, data.count)
            var input = Array(data.values[(start * LabeledCrops.cropSize)..<(end * LabeledCrops.cropSize)])
            normalize(&input, mean: mean, std: std)
            let logits = network.forward(Tensor(shape: [end - start, 1, Glyph.cropSide, Glyph.cropSide], data: input), mode: .inference)
            let result = SoftmaxCrossEntropy.loss(logits: logits, labels: Array(data.labels[start..<end]))
            lossSum += result.loss * Float(end - start)
            correct += result.correct
        }
        return (lossSum / Float(max(data.count, 1)), Float(correct) / Float(max(data.count, 1)))
    }

    static func meanAndStd(_ values: [Float]) -> (Float, Float) {
        guard !values.isEmpty else { return (0, 1) }
        var sum: Double = 0, squares: Double = 0
        for value in values { sum += Double(value); squares += Double(value) * Double(value) }
        let mean = sum / Double(values.count)
        let variance = max(squares / Double(values.count) - mean * mean, 1e-6)
        return (Float(mean), Float(variance.squareRoot()))
    }

    static func normalize(_ values: inout [Float], mean: Float, std: Float) {
        let scale = 1 / std
        values.withUnsafeMutableBufferPointer { x in
            for i in x.indices { x[i] = (x[i] - mean) * scale }
        }
    }

    /// A duration in seconds, for timings people read.
    public static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
