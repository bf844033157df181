import Classification
import NeuralNetwork

/// Everything that decides a training run; the same configuration and data give the same model.
public struct TrainingConfiguration: Sendable {
    public enum OptimizerKind: String, Sendable, CaseIterable {
        case sgd, adam, wame
    }

    public var architecture = Architecture.defaultName
    public var optimizer = OptimizerKind.adam
    public var epochs = 10
    public var batchSize = 64
    /// Starting learning rate; it decays along a cosine to 5 % of this by the last epoch.
    public var learningRate: Float = 2e-3
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

    func makeOptimizer() -> any Optimizer {
        switch optimizer {
        case .sgd: return SGD(learningRate: learningRate, momentum: 0.9)
        case .adam: return Adam(learningRate: learningRate)
        case .wame: return WAME(learningRate: learningRate)
        }
    }
}
