import Foundation
import Classification
import NeuralNetwork

/// Everything that decides a training run; the same configuration and data give the same model.
public struct TrainingConfiguration: Sendable {
    /// `sgd` is plain gradient descent; `momentum` adds momentum 0.9 (what `sgd` meant before
    /// the lab set the two apart).
    public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
        case sgd, momentum, adam, nadam, wame
    }

    /// How the learning rate changes over the epochs.
    public enum Schedule: String, Sendable, Codable {
        /// From the full rate down a cosine to 5 % of it by the last epoch.
        case cosine
        /// The same rate throughout, so that epoch e of a long run is a run of e epochs (the
        /// lab's learning-rate × epochs grid).
        case constant
    }

    public var architecture = Architecture.defaultName
    public var optimizer = OptimizerKind.adam
    public var epochs = 10
    public var batchSize = 64
    /// Starting learning rate; with the cosine schedule it decays to 5 % of this by the last epoch.
    public var learningRate: Float = 2e-3
    public var schedule = Schedule.cosine
    public var seed: UInt64 = 1
    /// Stop after this many epochs without a better validation accuracy.
    public var patience = 4
    /// nil trains on the crops as they are.
    public var augmentation: Augmentation? = Augmentation()
    /// Each epoch draws every class at least this often (repeating rare classes) …
    public var minimumPerClass = 1500
    /// … and at most this often (a random subset of common classes, new each epoch).
    public var maximumPerClass = 2500

    public init() {}

    /// The learning rate of `epoch` (1-based) under `schedule`.
    public func learningRate(epoch: Int) -> Float {
        switch schedule {
        case .constant:
            return learningRate
        case .cosine:
            let progress = epochs > 1 ? Float(epoch - 1) / Float(epochs - 1) : 0
            return learningRate * (0.05 + 0.95 * 0.5 * (1 + cosf(.pi * progress)))
        }
    }

    func makeOptimizer() -> any Optimizer {
        switch optimizer {
        case .sgd: return SGD(learningRate: learningRate, momentum: 0)
        case .momentum: return SGD(learningRate: learningRate, momentum: 0.9)
        case .adam: return Adam(learningRate: learningRate)
        case .nadam: return Nadam(learningRate: learningRate)
        case .wame: return WAME(learningRate: learningRate)
        }
    }
}
