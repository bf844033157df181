import Classification
import Foundation
import NeuralNetwork
import Training

/// The experiments of the source notebooks, each one command (`mathscan lab <experiment>`).
public enum LabExperiment: String, Sendable, CaseIterable, Codable {
    case dataset, baselines
    case gradientDescent = "gradient-descent"
    case learningRate = "learning-rate"
    case optimizers, hyperband, augmentation, compare, all

    /// What `all` runs, in order (`compare` last: it tables every model trained before it).
    public static let set: [LabExperiment] = [.dataset, .baselines, .gradientDescent, .learningRate, .optimizers, .hyperband, .augmentation, .compare]
}

/// One trained model, measured: size, cost, and how well it labels the selection split (on which
/// it was chosen) and the held-out writers (never seen).
public struct ModelMeasurement: Sendable, Codable, Equatable {
    public var name: String
    public var architecture: String
    public var optimizer: String
    public var learningRate: Float
    public var batchSize: Int
    public var parameters: Int
    public var epochs: Int
    public var bestEpoch: Int
    /// Wall time of training, validation after each epoch included.
    public var trainingSeconds: Double
    /// The process's peak resident memory while this model trained (the loaded data included).
    public var peakMemoryMB: Double
    /// What training added to the memory already in use: the peak minus the resident memory
    /// before it started. nil where the peak cannot be reset (not Linux).
    public var trainingMemoryMB: Double?
    /// Crops labelled per second (held-out set, chunks of `SymbolClassifier.chunkSize`).
    public var inferenceCropsPerSecond: Double
    public var selection: ClassificationReport
    public var heldOut: ClassificationReport?
    public var history: [EpochRecord]

    /// Mean F1 over the classes that have crops.
    public static func macroF1(_ report: ClassificationReport) -> Double {
        let present = report.classes.filter { $0.support > 0 }
        return present.isEmpty ? 0 : present.reduce(0) { $0 + $1.f1 } / Double(present.count)
    }
}

/// Runs experiments on one data set and writes their results to a folder: per experiment
/// `<name>.json`, `<name>.md` and SVG pictures named `<name>-….svg`.
public final class Lab {
    public let data: LabData
    public let budget: LabBudget
    public let seed: UInt64
    public let output: URL
    /// Progress lines, for the caller to show.
    public var log: (String) -> Void
    /// The subsampled splits every experiment shares.
    let training: LabeledCrops, selection: LabeledCrops, heldOut: LabeledCrops
    /// Every model measured in this run, in order, for `compare`.
    private(set) var measured: [ModelMeasurement] = []

    public init(data: LabData, budget: LabBudget, seed: UInt64, output: URL, log: @escaping (String) -> Void = { _ in }) throws {
        self.data = data
        self.budget = budget
        self.seed = seed
        self.output = output
        self.log = log
        var rng = SeededGenerator(seed: seed &+ 0x1AB)
        training = data.training.subsampled(perClass: budget.trainingPerClass, rng: &rng)
        selection = data.selection.subsampled(perClass: budget.selectionPerClass, rng: &rng)
        heldOut = data.heldOut.subsampled(perClass: budget.heldOutPerClass, rng: &rng)
        guard training.count > 0 else { throw ClassificationError.noUsableData("the lab's training crops") }
        guard selection.count > 0 else { throw ClassificationError.noUsableData("the lab's selection-split crops") }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    }

    /// Runs `experiment` (`all`: the whole set) and returns the files it wrote.
    @discardableResult
    public func run(_ experiment: LabExperiment) throws -> [String] {
        switch experiment {
        case .all: return try LabExperiment.set.flatMap { try run($0) }
        case .dataset: return try datasetStatistics()
        case .baselines: return try baselines()
        case .gradientDescent: return try gradientDescent()
        case .learningRate: return try learningRateSweep()
        case .optimizers: return try optimizers()
        case .hyperband: return try hyperband()
        case .augmentation: return try augmentationAblation()
        case .compare: return try compare()
        }
    }

    // MARK: - Shared by the experiments

    /// The lab's usual training settings: Adam, cosine schedule, every crop once per epoch (no
    /// class balancing: the subsample is already balanced up to its cap), the seed.
    func configuration(architecture: String, epochs: Int) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.architecture = architecture
        configuration.epochs = epochs
        configuration.seed = seed
        configuration.patience = epochs + 1
        configuration.minimumPerClass = 1
        configuration.maximumPerClass = Int.max
        return configuration
    }

    /// Trains one configuration on `crops` (the lab's training subsample by default).
    func train(_ configuration: TrainingConfiguration, on crops: LabeledCrops? = nil) throws -> TrainingResult {
        try Trainer(configuration: configuration).train(crops ?? training, validation: selection)
    }

    /// Trains and measures one model; its confusion matrix (held-out writers, or the selection
    /// split without them) and learning curves are written as `<prefix>-<name>-….svg`.
    func measure(name: String, prefix: String, configuration: TrainingConfiguration, on crops: LabeledCrops? = nil,
                 files: inout [String]) throws -> ModelMeasurement {
        log("\(prefix): training \(name) (\(configuration.architecture), \(configuration.optimizer.rawValue), lr \(configuration.learningRate), batch \(configuration.batchSize), \(configuration.epochs) epochs)")
        let before = Memory.resetPeak()
        let result = try train(configuration, on: crops)
        let peak = Memory.peakMB()
        let classifier = try SymbolClassifier(modelBytes: result.model.encoded())
        let selectionReport = ClassificationReport(classifier: classifier, data: selection)
        // Inference speed: the held-out report timed (the selection split's without held-out data).
        let timedData = heldOut.count > 0 ? heldOut : selection
        let clock = ContinuousClock()
        let start = clock.now
        let timedReport = ClassificationReport(classifier: classifier, data: timedData)
        let speed = Double(timedData.count) / max(Trainer.seconds(clock.now - start), 1e-9)
        let heldOutReport = heldOut.count > 0 ? timedReport : nil
        let measurement = ModelMeasurement(
            name: name, architecture: configuration.architecture, optimizer: configuration.optimizer.rawValue,
            learningRate: configuration.learningRate, batchSize: configuration.batchSize,
            parameters: try result.model.makeNetwork().parameterCount, epochs: result.history.count, bestEpoch: result.bestEpoch,
            trainingSeconds: result.seconds, peakMemoryMB: peak, trainingMemoryMB: before.map { max(0, peak - $0) }, inferenceCropsPerSecond: speed,
            selection: selectionReport, heldOut: heldOutReport, history: result.history)
        let slug = "\(prefix)-\(Self.slug(name))"
        files.append(try write(ConfusionMatrixChart.svg(heldOutReport ?? selectionReport), to: "\(slug)-confusion.svg"))
        files.append(try write(LearningCurveChart.svg(result.history), to: "\(slug)-curves.svg"))
        measured.removeAll { $0.name == name }
        measured.append(measurement)
        log(String(format: "%@: %@ selection %.2f %%, held-out %@, %.0f s", prefix, name, selectionReport.accuracy * 100,
                   heldOutReport.map { String(format: "%.2f %%", $0.accuracy * 100) } ?? "n/a", result.seconds))
        return measurement
    }

    /// The Markdown table of measured models: accuracy on both splits, top-3, macro F1.
    static func accuracyTable(_ models: [ModelMeasurement]) -> String {
        Markdown.table(["model", "selection acc.", "held-out acc.", "held-out top-3", "held-out macro F1", "best epoch"], models.map { m in
            let report = m.heldOut
            return [m.name, Markdown.percent(m.selection.accuracy), report.map { Markdown.percent($0.accuracy) } ?? "–",
                    report.map { Markdown.percent($0.top3Accuracy) } ?? "–", report.map { String(format: "%.3f", ModelMeasurement.macroF1($0)) } ?? "–",
                    "\(m.bestEpoch)/\(m.epochs)"]
        })
    }

    /// Per-class precision, recall, F1 and specificity of one report.
    static func classTable(_ report: ClassificationReport) -> String {
        Markdown.table(["class", "support", "precision", "recall", "F1", "specificity"], report.classes.map { c in
            [c.label, "\(c.support)", String(format: "%.3f", c.precision), String(format: "%.3f", c.recall),
             String(format: "%.3f", c.f1), String(format: "%.3f", c.specificity)]
        })
    }

    /// Writes `text` to `name` in the output folder; returns the name.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try text.write(to: output.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return name
    }

    /// Writes an experiment's JSON and Markdown; returns their names.
    func writeResult<T: Encodable>(_ result: T, markdown: String, experiment: LabExperiment) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // compact: the Markdown is the readable form
        let json = String(decoding: try encoder.encode(result), as: UTF8.self)
        return [try write(json + "\n", to: "\(experiment.rawValue).json"), try write(markdown, to: "\(experiment.rawValue).md")]
    }

    /// The data the run used, for each Markdown summary.
    var dataLine: String {
        "Data: \(training.count) training crops (≤ \(budget.trainingPerClass) per class), \(selection.count) selection-split crops, "
            + "\(heldOut.count) held-out-writer crops; seed \(seed)."
    }

    static func slug(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}

/// The process's resident memory, from the kernel.
enum Memory {
    /// Resets the peak-resident-memory mark to the current use (Linux: `5` to
    /// /proc/self/clear_refs) and returns that use in MB; nil where that is not possible.
    static func resetPeak() -> Double? {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return nil }
        defer { try? handle.close() }
        guard (try? handle.write(contentsOf: Data("5".utf8))) != nil else { return nil }
        return status("VmRSS")
    }

    /// Peak resident memory in MB since the last reset (getrusage's lifetime peak without /proc).
    static func peakMB() -> Double {
        if let peak = status("VmHWM") { return peak }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }

    /// A `kB` line of /proc/self/status, in MB.
    static func status(_ key: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kilobytes = Double(fields[fields.count - 2]) { return kilobytes / 1024 }
        }
        return nil
    }
}

/// Small Markdown helpers for the summaries.
enum Markdown {
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { text += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        return text
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }

    static func image(_ file: String, _ caption: String) -> String { "![\(caption)](\(file))\n\n" }
}
