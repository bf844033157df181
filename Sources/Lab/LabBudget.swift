/// How much each experiment may spend: crops per class and epochs. `full` keeps `lab all` near
/// an hour on two cores; `quick` is for tests (seconds).
public struct LabBudget: Sendable, Codable, Equatable {
    /// Training crops per class, drawn once at random from the training split.
    public var trainingPerClass: Int
    /// Selection-split crops per class (chooses the best epoch; validation curves).
    public var selectionPerClass: Int
    /// Held-out-writer crops per class; nil: all of them.
    public var heldOutPerClass: Int?
    /// Epochs of the baseline and comparison models (cosine schedule, Adam).
    public var epochs: Int
    /// Epochs of each gradient-descent mode.
    public var gradientDescentEpochs: Int
    /// Training crops per class for the gradient-descent runs (stochastic steps are one crop each).
    public var gradientDescentPerClass: Int
    /// Learning rates × epochs of the sweep (one constant-rate run per rate).
    public var sweepLearningRates: [Float]
    public var sweepEpochs: Int
    public var optimizerEpochs: Int
    /// Hyperband's largest budget per configuration, in epochs, and its halving factor η.
    public var hyperbandMaxEpochs: Int
    public var hyperbandEta: Int
    public var augmentationEpochs: Int

    public static let full = LabBudget(
        trainingPerClass: 1500, selectionPerClass: 500, heldOutPerClass: nil, epochs: 15,
        gradientDescentEpochs: 15, gradientDescentPerClass: 500,
        sweepLearningRates: [0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10], sweepEpochs: 15,
        optimizerEpochs: 15, hyperbandMaxEpochs: 27, hyperbandEta: 3, augmentationEpochs: 10)

    public static let quick = LabBudget(
        trainingPerClass: 12, selectionPerClass: 6, heldOutPerClass: 6, epochs: 2,
        gradientDescentEpochs: 2, gradientDescentPerClass: 6,
        sweepLearningRates: [0.01, 0.1, 1], sweepEpochs: 2,
        optimizerEpochs: 2, hyperbandMaxEpochs: 3, hyperbandEta: 3, augmentationEpochs: 1)
}
