import Training
import ArgumentParser
import Classification
import Foundation
import Vocabulary
import NeuralNetwork

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a symbol classifier.",
        discussion: """
        SOURCE is a folder of InkML files (CROHME; searched recursively), the bhmsds or MDAS symbols \
        folder, or an ImageFolder (<root>/<class>/*.png with class folders zero … nine, plus, minus, \
        times, div, equal, decimal, lparen, rparen); the kind is recognised from the files. Crops are \
        cached per source under --cache.

        The sources are split by one fixed rule (DataSplit): files of the held-out writers (HAMEX \
        departNNN and MfrDB UserNNN with NNN odd) are never used; of the rest, files whose name hashes \
        to 0 mod 10 (FNV-1a) form the selection split, on which the best epoch is chosen and early \
        stopping decided; the others are trained on. --report measures the chosen model on data it \
        was not selected on.
        """
    )

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "Training sources.")
    var data: [String]

    @Option(help: "Where to write the model (the best checkpoint, rewritten whenever selection accuracy improves).")
    var out: String

    @Option(help: "Network architecture: \(Architecture.names.joined(separator: ", ")).")
    var arch = Architecture.defaultName

    @Option(help: "The symbol classes: arithmetic (0–9 + − × ÷ = . ( ), the shipped model's) or crohme (CROHME's 101, from InkML sources; the other sources give their arithmetic symbols).")
    var classes = "arithmetic"

    @Option(help: "sgd (plain), momentum, adam, nadam or wame.")
    var optimizer = TrainingConfiguration.OptimizerKind.adam

    @Option(help: "Maximum number of epochs.")
    var epochs = TrainingConfiguration().epochs

    @Option(help: "Crops per mini-batch.")
    var batchSize = TrainingConfiguration().batchSize

    @Option(help: "Starting learning rate (cosine decay to 5 %).")
    var learningRate = TrainingConfiguration().learningRate

    @Option(help: "Seed for initialisation, sampling, dropout and augmentation.")
    var seed: UInt64 = TrainingConfiguration().seed

    @Option(help: "Stop after this many epochs without better selection-split accuracy.")
    var patience = TrainingConfiguration().patience

    @Option(help: "Each epoch draws every class at least this often (repeating rare classes).")
    var minPerClass = TrainingConfiguration().minimumPerClass

    @Option(help: "Each epoch draws every class at most this often (a new random subset of common classes).")
    var maxPerClass = TrainingConfiguration().maximumPerClass

    @Option(name: .customLong("report"), parsing: .upToNextOption,
            help: "Sources the chosen model is measured on at the end (all their files; not used for any choice), e.g. CROHME 2013.")
    var report: [String] = []

    @Option(help: "Write learning curves (loss and accuracy per epoch) as SVG.")
    var curves: String?

    @Option(help: "Folder for cached crops.")
    var cache = "/tmp/mathscan-cache"

    @Option(help: "Pen widths (pixels at a 48-pixel symbol size) InkML symbols are rendered with, comma separated.")
    var penWidths = Self.defaultPenWidths

    @Option(help: "Share of InkML files whose symbols are also cut from a simulated phone photo (JPEG) of the expression.")
    var photoShare = Self.defaultPhotoShare

    @Flag(help: "Train on the crops as they are, without random rotation, zoom, shift, elastic and stroke changes.")
    var noAugmentation = false

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("pass at least one --data SOURCE") }
        guard MathSymbol.vocabularies[classes] != nil else {
            throw ValidationError("unknown --classes '\(classes)'; known: \(MathSymbol.vocabularies.keys.sorted().joined(separator: ", "))")
        }
        guard Architecture.names.contains(arch) else {
            throw ValidationError("unknown --arch '\(arch)'; known: \(Architecture.names.joined(separator: ", "))")
        }
        guard epochs > 0, batchSize > 0, learningRate > 0, patience > 0, minPerClass > 0 else {
            throw ValidationError("--epochs, --batch-size, --learning-rate, --patience and --min-per-class must be positive")
        }
        guard maxPerClass >= minPerClass else { throw ValidationError("--max-per-class must be at least --min-per-class") }
        guard (0...1).contains(photoShare) else { throw ValidationError("--photo-share must be between 0 and 1") }
        guard parsedPenWidths != nil else { throw ValidationError("--pen-widths must be positive numbers, e.g. 2,4") }
    }

    /// How training crops are rendered unless told otherwise; the lab loads with these too, so
    /// that both share one crop cache.
    static let defaultPenWidths = "2,4", defaultPhotoShare = 0.5

    private var parsedPenWidths: [Double]? { Self.parsePenWidths(penWidths) }

    static func parsePenWidths(_ penWidths: String) -> [Double]? {
        let widths = penWidths.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return widths.compactMap { $0 }
    }

    func run() throws {
        let loader = LabeledDataLoader.reporting(classNames: MathSymbol.vocabularies[classes] ?? SymbolLabels.standard, penWidths: parsedPenWidths ?? [3],
                                                 photoShare: photoShare, cacheDirectory: cache, parts: nil)
        let crops = try TrainingData.load(sources: data, reportSources: report, loader: loader)
        if crops.selection.count == 0 { StandardError.write("note: the selection split is empty; the last epoch is kept\n") }
        StandardError.write(crops.summary + "\n")

        var configuration = TrainingConfiguration()
        configuration.architecture = arch
        configuration.optimizer = optimizer
        configuration.epochs = epochs
        configuration.batchSize = batchSize
        configuration.learningRate = learningRate
        configuration.seed = seed
        configuration.patience = patience
        configuration.minimumPerClass = minPerClass
        configuration.maximumPerClass = maxPerClass
        if noAugmentation { configuration.augmentation = nil }

        let bar = ProgressBar()
        let result = try Trainer(configuration: configuration).train(crops.training, validation: crops.selection.count > 0 ? crops.selection : nil, onBatch: { progress in
            bar.update(progress)
        }, onEpoch: { record, improved in
            bar.finishLine(record)
            if let improved {
                try? Data(improved.encoded()).write(to: URL(fileURLWithPath: out))
            }
            if let curves {
                // Rewritten each epoch so a long run can be watched.
                try? LearningCurveChart.svg(bar.history).write(toFile: curves, atomically: true, encoding: .utf8)
            }
        })
        try Data(result.model.encoded()).write(to: URL(fileURLWithPath: out))
        if let curves { try LearningCurveChart.svg(result.history).write(toFile: curves, atomically: true, encoding: .utf8) }
        let best = result.history.first { $0.epoch == result.bestEpoch }
        let accuracy = (best?.validationAccuracy).map { String(format: ", selection-split accuracy %.2f %%", $0 * 100) } ?? ""
        print("wrote \(out): \(arch), best epoch \(result.bestEpoch)\(accuracy); "
              + String(format: "%.0f s, %.0f images/s", result.seconds, result.imagesPerSecond))
        if crops.report.count > 0 {
            let measured = ClassificationReport(classifier: try SymbolClassifier(modelBytes: result.model.encoded()), data: crops.report)
            print(String(format: "report (%@): %d crops, accuracy %.2f %%", report.joined(separator: " "), measured.count, measured.accuracy * 100))
        }
    }
}

/// The one-line progress display of `mathscan train`, on standard error: redrawn in place on a
/// terminal; in a log, only a line per epoch.
private final class ProgressBar {
    private var lastDraw = ContinuousClock.now
    private(set) var history: [EpochRecord] = []
    private let redraws = StandardError.isTerminal

    func update(_ progress: TrainingProgress) {
        guard redraws else { return }
        let now = ContinuousClock.now
        guard now - lastDraw > .milliseconds(200) || progress.batch == progress.batches else { return }
        lastDraw = now
        let width = 24
        let filled = width * progress.batch / max(progress.batches, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let eta = Int(progress.secondsLeft.isFinite ? progress.secondsLeft : 0)
        let line = "\repoch \(progress.epoch)/\(progress.epochs) \(bar) \(progress.batch)/\(progress.batches)"
            + String(format: "  loss %.4f  acc %.2f %%  %.0f img/s  ETA %d:%02d ",
                     progress.loss, progress.accuracy * 100, progress.imagesPerSecond, eta / 60, eta % 60)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finishLine(_ record: EpochRecord) {
        history.append(record)
        var line = (redraws ? "\n" : "") + String(format: "epoch %d: train loss %.4f acc %.2f %%", record.epoch, record.trainingLoss, record.trainingAccuracy * 100)
        if let loss = record.validationLoss, let accuracy = record.validationAccuracy {
            line += String(format: " | selection loss %.4f acc %.2f %%", loss, accuracy * 100)
        }
        line += String(format: " | lr %.5f, %.0f s\n", record.learningRate, record.seconds)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

extension TrainingConfiguration.OptimizerKind: ExpressibleByArgument {}
