import Classification
import Foundation
import Synchronization

/// The crops one training run uses, split by `DataSplit`: what it trains on, what it chooses
/// its epoch on, and what it is measured on at the end.
public struct TrainingData: Sendable {
    public var training: LabeledCrops
    public var selection: LabeledCrops
    public var report: LabeledCrops

    /// Loads the training and selection parts of `sources` and every file of `reportSources`.
    /// Training symbols are rendered with `loader`'s pen widths and photo share; selection and
    /// report symbols with one middle pen width and no photos, like a typical scan (and like
    /// `IsolatedSymbolEvaluation`), so the choice is not made on augmented copies.
    public static func load(sources: [String], reportSources: [String], loader: LabeledDataLoader) throws -> TrainingData {
        var trainingLoader = loader, plainLoader = loader
        trainingLoader.parts = [.training]
        plainLoader.penWidths = [3]
        plainLoader.photoShare = 0
        var selectionLoader = plainLoader, reportLoader = plainLoader
        selectionLoader.parts = [.selection]
        reportLoader.parts = nil

        // Each (loader, source) on its own, concurrently: cached crops load in a second or two,
        // all of it on one core if done in turn. Joined in order, so the crops are the same.
        typealias Job = (loader: LabeledDataLoader, source: String, part: WritableKeyPath<TrainingData, LabeledCrops>)
        let jobs: [Job] = sources.flatMap { [(trainingLoader, $0, \.training), (selectionLoader, $0, \.selection)] }
            + reportSources.map { (reportLoader, $0, \.report) }
        let loads = jobs.map { ($0.loader, $0.source) }
        let loaded = Mutex([Result<LabeledCrops, Error>?](repeating: nil, count: jobs.count))
        DispatchQueue.concurrentPerform(iterations: loads.count) { index in
            let result = Result { try loads[index].0.load(loads[index].1) }
            loaded.withLock { $0[index] = result }
        }
        var data = TrainingData(training: LabeledCrops(classNames: loader.classNames),
                                selection: LabeledCrops(classNames: loader.classNames),
                                report: LabeledCrops(classNames: loader.classNames))
        for (job, result) in zip(jobs, loaded.withLock { $0 }) {
            if let crops = try result?.get() { data[keyPath: job.part].append(contentsOf: crops) }
        }
        return data
    }

    /// Crops per part, and per class for the training part.
    public var summary: String {
        let counts = zip(training.classNames, training.classCounts).map { "\($0) \($1)" }.joined(separator: ", ")
        return "training crops: \(training.count) (\(counts))\n"
            + "selection crops: \(selection.count)" + (report.count > 0 ? ", report crops: \(report.count)" : "")
    }
}
