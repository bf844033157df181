import Classification

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

        var data = TrainingData(training: LabeledCrops(classNames: loader.classNames),
                                selection: LabeledCrops(classNames: loader.classNames),
                                report: LabeledCrops(classNames: loader.classNames))
        for source in sources {
            data.training.append(contentsOf: try trainingLoader.load(source))
            data.selection.append(contentsOf: try selectionLoader.load(source))
        }
        for source in reportSources { data.report.append(contentsOf: try reportLoader.load(source)) }
        return data
    }

    /// Crops per part, and per class for the training part.
    public var summary: String {
        let counts = zip(training.classNames, training.classCounts).map { "\($0) \($1)" }.joined(separator: ", ")
        return "training crops: \(training.count) (\(counts))\n"
            + "selection crops: \(selection.count)" + (report.count > 0 ? ", report crops: \(report.count)" : "")
    }
}
