import ArgumentParser
import Classification
import Foundation
import Lab
import Training

struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Run the model lab's experiments (baselines, gradient descent, learning-rate sweep, optimizers, Hyperband, dataset statistics, augmentation ablation, comparison).",
        discussion: """
        EXPERIMENT is one of \(LabExperiment.allCases.map(\.rawValue).joined(separator: ", ")); `all` runs the set. \
        Each experiment writes OUT/<experiment>.json, OUT/<experiment>.md and SVG pictures. SOURCEs are read as \
        `mathscan train` reads them (same crop cache): its training split trains, its selection split chooses the \
        best epoch, and the held-out writers (DataSplit) measure. The budget (crops per class, epochs) is fixed per \
        experiment and listed in each summary; --quick shrinks it to seconds. The same seed gives the same results.
        """
    )

    @Argument(help: "The experiment: \(LabExperiment.allCases.map(\.rawValue).joined(separator: ", ")).")
    var experiment: LabExperiment

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "Training sources (as for train).")
    var data: [String]

    @Option(help: "Folder for the results.")
    var out: String

    @Flag(help: "A tiny budget (a few crops per class, one or two epochs): checks that everything runs.")
    var quick = false

    @Option(help: "Seed for subsampling, initialisation, shuffling, dropout and augmentation.")
    var seed: UInt64 = 1

    @Option(help: "Folder for cached crops.")
    var cache = "/tmp/mathscan-cache"

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("pass at least one --data SOURCE") }
    }

    func run() throws {
        let loader = LabeledDataLoader.reporting(classNames: SymbolLabels.standard, penWidths: Train.parsePenWidths(Train.defaultPenWidths) ?? [3],
                                                 photoShare: Train.defaultPhotoShare, cacheDirectory: cache, parts: nil)
        let needsPhotoFree = experiment == .augmentation || experiment == .all
        let crops = try LabData.load(sources: data, loader: loader, withoutPhotos: needsPhotoFree)
        let lab = try Lab(data: crops, budget: quick ? .quick : .full, seed: seed, output: URL(fileURLWithPath: out),
                          log: { StandardError.write($0 + "\n") })
        let clock = ContinuousClock()
        let start = clock.now
        let files = try lab.run(experiment)
        let elapsed = clock.now - start
        print("wrote \(files.count) files to \(out) in \(elapsed.components.seconds) s")
    }
}

extension LabExperiment: ExpressibleByArgument {}
