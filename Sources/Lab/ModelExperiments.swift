import Classification
import Foundation
import NeuralNetwork
import Training

/// Results of the experiments that train several models.
public struct ModelsResult: Sendable, Codable, Equatable {
    public var experiment: String
    public var budget: LabBudget
    public var models: [ModelMeasurement]
}

/// The learning-rate × epochs grid: one constant-rate run per rate, its selection accuracy after
/// each epoch.
public struct LearningRateSweep: Sendable, Codable, Equatable {
    public var learningRates: [Float]
    public var epochs: [Int]
    /// `accuracy[rate][epoch − 1]`; nil where a run stopped early (it never does here).
    public var accuracy: [[Double?]]
    public var bestLearningRate: Float, bestEpochs: Int, bestAccuracy: Double
    public var architecture: String, optimizer: String
}

extension Lab {
    /// The models every comparison starts from: the notebooks' baselines beside our CNNs.
    static let baselineArchitectures = [Architecture.logistic, Architecture.mlp, Architecture.seed000, Architecture.mscnn]

    /// Notebooks 1 and 5: logistic regression and the sigmoid MLP beside the CNNs, all trained the
    /// same way (Adam, cosine schedule, augmentation as `mathscan train`) on the same crops.
    func baselines() throws -> [String] {
        var files: [String] = []
        let models = try Self.baselineArchitectures.map { architecture in
            try measure(name: architecture, prefix: "baselines", configuration: configuration(architecture: architecture, epochs: budget.epochs), files: &files)
        }
        files.append(try write(selectionCurves(models, title: "Baselines: selection-split accuracy"), to: "baselines-selection-accuracy.svg"))
        var markdown = "# Baselines\n\nLogistic regression (`logistic`: flatten → dense), the from-scratch MLP (`mlp`: dense 128 → sigmoid → "
            + "dense, softmax cross-entropy) and the CNNs (`seed000`, `mscnn`), each trained \(budget.epochs) epochs with Adam "
            + "(learning rate 0.002, cosine decay), batch 64 and `mathscan train`'s augmentation. \(dataLine)\n\n"
        markdown += Self.accuracyTable(models) + "\n" + Markdown.image("baselines-selection-accuracy.svg", "selection accuracy per epoch")
        for model in models {
            markdown += "\n## \(model.name)\n\n" + Markdown.image("baselines-\(Self.slug(model.name))-curves.svg", "learning curves")
            markdown += Markdown.image("baselines-\(Self.slug(model.name))-confusion.svg", "confusion matrix")
            markdown += "\n" + Self.classTable(model.heldOut ?? model.selection)
        }
        files += try writeResult(ModelsResult(experiment: LabExperiment.baselines.rawValue, budget: budget, models: models),
                                 markdown: markdown, experiment: .baselines)
        return files
    }

    /// Notebook 1: the same MLP trained by full-batch, mini-batch and stochastic gradient descent
    /// (plain SGD, constant rate, no augmentation), against epochs and wall time.
    func gradientDescent() throws -> [String] {
        var rng = SeededGenerator(seed: seed &+ 0x6D)
        let crops = training.subsampled(perClass: budget.gradientDescentPerClass, rng: &rng)
        // Rates chosen per mode: one full-batch step averages every crop's gradient and can take
        // a larger step than one crop's noisy gradient.
        let modes: [(name: String, batch: Int, rate: Float)] = [
            ("full batch", crops.count, 1.0), ("mini-batch 64", 64, 0.1), ("stochastic (batch 1)", 1, 0.01),
        ]
        var files: [String] = []
        let models = try modes.map { mode in
            var configuration = configuration(architecture: Architecture.mlp, epochs: budget.gradientDescentEpochs)
            configuration.optimizer = .sgd
            configuration.schedule = .constant
            configuration.learningRate = mode.rate
            configuration.batchSize = mode.batch
            configuration.augmentation = nil
            return try measure(name: mode.name, prefix: "gradient-descent", configuration: configuration, on: crops, files: &files)
        }
        func series(_ value: (EpochRecord) -> Float?, byTime: Bool) -> [LabChart.Series] {
            models.map { model in
                var elapsed = 0.0
                return LabChart.Series(name: model.name, points: model.history.compactMap { record in
                    elapsed += record.trainingSeconds
                    return value(record).map { (byTime ? elapsed : Double(record.epoch), Double($0)) }
                })
            }
        }
        let charts: [(String, String, (EpochRecord) -> Float?, Bool)] = [
            ("loss-epochs", "training loss", { $0.trainingLoss }, false),
            ("accuracy-epochs", "selection accuracy", { $0.validationAccuracy }, false),
            ("loss-time", "training loss", { $0.trainingLoss }, true),
            ("accuracy-time", "selection accuracy", { $0.validationAccuracy }, true),
        ]
        var markdown = "# Batch, mini-batch and stochastic gradient descent\n\nThe MLP (`mlp`) trained \(budget.gradientDescentEpochs) "
            + "epochs by plain gradient descent at a constant rate, without augmentation, on \(crops.count) training crops "
            + "(≤ \(budget.gradientDescentPerClass) per class): " + modes.map { "\($0.name) at rate \($0.rate)" }.joined(separator: ", ")
            + ". Time is the wall time of the updates (the evaluation after each epoch left out). \(dataLine)\n\n"
        markdown += Markdown.table(["mode", "updates per epoch", "update seconds", "final training loss", "selection acc.", "held-out acc."],
                                   zip(modes, models).map { mode, model in
            [mode.name, "\((crops.count + mode.batch - 1) / mode.batch)", String(format: "%.1f", model.history.reduce(0) { $0 + $1.trainingSeconds }),
             String(format: "%.4f", model.history.last?.trainingLoss ?? .nan), Markdown.percent(model.selection.accuracy),
             model.heldOut.map { Markdown.percent($0.accuracy) } ?? "–"]
        }) + "\n"
        for (suffix, label, value, byTime) in charts {
            let name = "gradient-descent-\(suffix).svg"
            files.append(try write(LabChart.lines(title: "\(label) against \(byTime ? "wall time" : "epochs")", xLabel: byTime ? "seconds" : "epoch",
                                                  yLabel: label, series: series(value, byTime: byTime)), to: name))
            markdown += Markdown.image(name, "\(label) against \(byTime ? "time" : "epochs")")
        }
        files += try writeResult(ModelsResult(experiment: LabExperiment.gradientDescent.rawValue, budget: budget, models: models),
                                 markdown: markdown, experiment: .gradientDescent)
        return files
    }

    /// Notebook 0: a grid of learning rates × epochs (plain SGD, constant rate, MLP, no
    /// augmentation), shown as a heat map of selection accuracy.
    func learningRateSweep() throws -> [String] {
        let epochs = budget.sweepEpochs
        var grid: [[Double?]] = []
        for rate in budget.sweepLearningRates {
            var configuration = configuration(architecture: Architecture.mlp, epochs: epochs)
            configuration.optimizer = .sgd
            configuration.schedule = .constant
            configuration.learningRate = rate
            configuration.augmentation = nil
            log("learning-rate: rate \(rate), \(epochs) epochs")
            let result = try train(configuration)
            grid.append((1...epochs).map { epoch in result.history.first { $0.epoch == epoch }?.validationAccuracy.map(Double.init) })
        }
        var best = (rate: budget.sweepLearningRates[0], epochs: 1, accuracy: -1.0)
        for (row, rate) in budget.sweepLearningRates.enumerated() {
            for (column, value) in grid[row].enumerated() where (value ?? -1) > best.accuracy { best = (rate, column + 1, value ?? -1) }
        }
        let sweep = LearningRateSweep(learningRates: budget.sweepLearningRates, epochs: Array(1...epochs), accuracy: grid,
                                      bestLearningRate: best.rate, bestEpochs: best.epochs, bestAccuracy: best.accuracy,
                                      architecture: Architecture.mlp, optimizer: TrainingConfiguration.OptimizerKind.sgd.rawValue)
        let heatmap = LabChart.heatmap(title: "Selection accuracy: learning rate × epochs (MLP, SGD)", rowTitle: "learning rate",
                                       columnTitle: "epochs", rows: budget.sweepLearningRates.map { "\($0)" },
                                       columns: (1...epochs).map(String.init), values: grid)
        let file = try write(heatmap, to: "learning-rate-heatmap.svg")
        var markdown = "# Learning rate × epochs\n\nThe MLP (`mlp`) trained by plain SGD (batch 64, no augmentation) at each constant "
            + "learning rate for \(epochs) epochs; the cell (rate, e) is the selection-split accuracy after epoch e, which is what a "
            + "run of e epochs at that rate gives. \(dataLine)\n\n"
        markdown += "Best: rate \(best.rate) after \(best.epochs) epochs, \(Markdown.percent(best.accuracy)).\n\n"
        markdown += Markdown.image(file, "heat map") + "\n"
        markdown += Markdown.table(["rate"] + (1...epochs).map { "\($0)" }, zip(budget.sweepLearningRates, grid).map { rate, row in
            ["\(rate)"] + row.map { $0.map { String(format: "%.3f", $0) } ?? "–" }
        })
        return [file] + (try writeResult(sweep, markdown: markdown, experiment: .learningRate))
    }

    /// Notebook 2: SGD, momentum, Adam, Nadam and WAME on one network (the MLP, constant rate,
    /// no augmentation).
    func optimizers() throws -> [String] {
        let choices: [(TrainingConfiguration.OptimizerKind, Float)] = [(.sgd, 0.1), (.momentum, 0.01), (.adam, 0.001), (.nadam, 0.001), (.wame, 0.001)]
        var files: [String] = []
        let models = try choices.map { kind, rate in
            var configuration = configuration(architecture: Architecture.mlp, epochs: budget.optimizerEpochs)
            configuration.optimizer = kind
            configuration.schedule = .constant
            configuration.learningRate = rate
            configuration.augmentation = nil
            return try measure(name: "mlp \(kind.rawValue)", prefix: "optimizers", configuration: configuration, files: &files)
        }
        files.append(try write(selectionCurves(models, title: "Optimizers: selection-split accuracy (MLP)"), to: "optimizers-selection-accuracy.svg"))
        let loss = LabChart.lines(title: "Optimizers: training loss (MLP)", xLabel: "epoch", yLabel: "training loss", series: models.map { model in
            LabChart.Series(name: model.name, points: model.history.map { (Double($0.epoch), Double($0.trainingLoss)) })
        })
        files.append(try write(loss, to: "optimizers-training-loss.svg"))
        var markdown = "# Optimizers\n\nThe MLP (`mlp`) trained \(budget.optimizerEpochs) epochs, batch 64, constant rate, no augmentation, by "
            + choices.map { "\($0.0.rawValue) (rate \($0.1))" }.joined(separator: ", ")
            + ". Momentum is 0.9, so its rate 0.01 moves like SGD's 0.1 on a steady gradient. \(dataLine)\n\n"
        markdown += Self.accuracyTable(models) + "\n" + Markdown.image("optimizers-selection-accuracy.svg", "selection accuracy")
            + Markdown.image("optimizers-training-loss.svg", "training loss")
        files += try writeResult(ModelsResult(experiment: LabExperiment.optimizers.rawValue, budget: budget, models: models),
                                 markdown: markdown, experiment: .optimizers)
        return files
    }

    /// Notebook 5: augmentation ablation on `seed000` — everything on, everything off, and each
    /// of rotation, zoom, shift, elastic/stroke changes and the simulated-photo crops turned off.
    func augmentationAblation() throws -> [String] {
        var photoFree: LabeledCrops?
        if let crops = data.trainingWithoutPhotos {
            var rng = SeededGenerator(seed: seed &+ 0xA0)
            photoFree = crops.subsampled(perClass: budget.trainingPerClass, rng: &rng)
        }
        var variants: [(name: String, augmentation: Augmentation?, photos: Bool)] = [("all on", Augmentation(), true)]
        var noRotation = Augmentation(); noRotation.maxRotationDegrees = 0
        var noZoom = Augmentation(); noZoom.maxZoom = 0
        var noShift = Augmentation(); noShift.maxShift = 0
        var noElastic = Augmentation(); noElastic.elasticProbability = 0; noElastic.strokeProbability = 0
        variants += [("no rotation", noRotation, true), ("no zoom", noZoom, true), ("no shift", noShift, true),
                     ("no elastic/stroke", noElastic, true)]
        if photoFree != nil { variants += [("no photo crops", Augmentation(), false), ("all off", nil, false)] }
        else { variants.append(("all off (photo crops kept)", nil, true)) }
        var files: [String] = []
        let models = try variants.map { variant in
            var configuration = configuration(architecture: Architecture.seed000, epochs: budget.augmentationEpochs)
            configuration.augmentation = variant.augmentation
            return try measure(name: "seed000 \(variant.name)", prefix: "augmentation", configuration: configuration,
                               on: variant.photos ? training : photoFree, files: &files)
        }
        let chart = Self.accuracyBars(title: "Augmentation ablation (seed000)", categories: variants.map(\.name), models: models)
        files.append(try write(chart, to: "augmentation-accuracy.svg"))
        var markdown = "# Augmentation ablation\n\n`seed000` trained \(budget.augmentationEpochs) epochs (Adam, rate 0.002, cosine) with "
            + "`Augmentation` (rotation ±10°, zoom ±10 %, shift ±10 %, elastic distortion, stroke width) and the simulated-photo crops "
            + "(`--photo-share 0.5` of InkML files), each turned off in turn. \(dataLine)"
            + (photoFree == nil ? " The photo-free crops were not loaded, so the photo crops are not ablated." : "") + "\n\n"
        markdown += Self.accuracyTable(models) + "\n" + Markdown.image("augmentation-accuracy.svg", "accuracy per variant")
        files += try writeResult(ModelsResult(experiment: LabExperiment.augmentation.rawValue, budget: budget, models: models),
                                 markdown: markdown, experiment: .augmentation)
        return files
    }

    /// Selection and held-out-writer accuracy of each model, as bars side by side.
    static func accuracyBars(title: String, categories: [String], models: [ModelMeasurement]) -> String {
        LabChart.bars(title: title, yLabel: "accuracy", categories: categories, groups: [
            LabChart.Series(name: "selection", points: models.enumerated().map { (Double($0.offset), $0.element.selection.accuracy) }),
            LabChart.Series(name: "held-out writers", points: models.enumerated().map { (Double($0.offset), $0.element.heldOut?.accuracy ?? 0) }),
        ])
    }

    /// Every model this run measured (the baselines first, trained here if not yet), side by side.
    func compare() throws -> [String] {
        var files: [String] = []
        for architecture in Self.baselineArchitectures where !measured.contains(where: { $0.name == architecture }) {
            _ = try measure(name: architecture, prefix: "compare", configuration: configuration(architecture: architecture, epochs: budget.epochs), files: &files)
        }
        let models = measured
        let chart = Self.accuracyBars(title: "Held-out-writer accuracy of every model", categories: models.map(\.name), models: models)
        files.append(try write(chart, to: "compare-accuracy.svg"))
        var markdown = "# Every model\n\nEach model of this run, trained on this machine. Training time includes the evaluation after "
            + "each epoch; training MB is the resident memory training added (the kernel's peak mark, reset before each model, "
            + "minus the memory in use before), peak MB the process's peak while the model trained, loaded data included; inference is crops per second labelling the held-out set. Selection accuracy is on the split the best "
            + "epoch was chosen on; held-out is writers never trained or chosen on. \(dataLine)\n\n"
        markdown += Self.comparisonTable(models) + "\n" + Markdown.image("compare-accuracy.svg", "accuracy per model")
        files += try writeResult(ModelsResult(experiment: LabExperiment.compare.rawValue, budget: budget, models: models),
                                 markdown: markdown, experiment: .compare)
        return files
    }

    static func comparisonTable(_ models: [ModelMeasurement]) -> String {
        Markdown.table(["model", "architecture", "parameters", "training s", "epochs", "training MB", "peak MB", "selection acc.", "held-out acc.",
                        "held-out top-3", "held-out macro F1", "inference crops/s"], models.map { m in
            [m.name, m.architecture, "\(m.parameters)", String(format: "%.1f", m.trainingSeconds), "\(m.epochs)",
             m.trainingMemoryMB.map { String(format: "%.0f", $0) } ?? "–", String(format: "%.0f", m.peakMemoryMB), Markdown.percent(m.selection.accuracy),
             m.heldOut.map { Markdown.percent($0.accuracy) } ?? "–", m.heldOut.map { Markdown.percent($0.top3Accuracy) } ?? "–",
             m.heldOut.map { String(format: "%.3f", ModelMeasurement.macroF1($0)) } ?? "–", String(format: "%.0f", m.inferenceCropsPerSecond)]
        })
    }

    func selectionCurves(_ models: [ModelMeasurement], title: String) -> String {
        LabChart.lines(title: title, xLabel: "epoch", yLabel: "selection accuracy", series: models.map { model in
            LabChart.Series(name: model.name, points: model.history.compactMap { record in
                record.validationAccuracy.map { (Double(record.epoch), Double($0)) }
            })
        })
    }
}
