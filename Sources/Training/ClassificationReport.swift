import Classification
/// How well a classifier labels a set of crops: accuracy, top-3 accuracy, the confusion matrix,
/// and per-class precision, recall, F1 and specificity (one-vs-rest).
public struct ClassificationReport: Sendable, Codable, Equatable {
    public struct ClassMetrics: Sendable, Codable, Equatable {
        public var label: String
        /// Crops whose true class this is.
        public var support: Int
        public var precision: Double, recall: Double, f1: Double, specificity: Double
    }

    public var labels: [String]
    public var count: Int
    public var accuracy: Double
    public var top3Accuracy: Double
    /// `confusion[truth][predicted]`, in `labels` order.
    public var confusion: [[Int]]
    public var classes: [ClassMetrics]

    /// Classifies `data` and scores the answers. Crops of classes the model does not know are
    /// left out.
    public init(classifier: SymbolClassifier, data: LabeledCrops) {
        let labels = classifier.labels
        let k = labels.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        var top3 = 0
        let chunk = SymbolClassifier.chunkSize
        for start in stride(from: 0, to: data.count, by: chunk) {
            let end = min(start + chunk, data.count)
            let input = Array(data.values[(start * LabeledCrops.cropSize)..<(end * LabeledCrops.cropSize)])
            let probabilities = classifier.probabilities(flat: input, count: end - start)
            for row in 0..<(end - start) {
                guard let truth = labels.firstIndex(of: data.classNames[data.labels[start + row]]) else { continue }
                let scores = Array(probabilities[(row * k)..<((row + 1) * k)])
                let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
                confusion[truth][ranked[0]] += 1
                if ranked.prefix(3).contains(truth) { top3 += 1 }
            }
        }
        self.init(labels: labels, confusion: confusion, top3Correct: top3)
    }

    /// Scores from a confusion matrix (`confusion[truth][predicted]`) and the number of crops
    /// whose true class was among the top three.
    public init(labels: [String], confusion: [[Int]], top3Correct: Int) {
        let k = labels.count
        let total = confusion.reduce(0) { $0 + $1.reduce(0, +) }
        let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
        self.labels = labels
        count = total
        accuracy = total > 0 ? Double(correct) / Double(total) : 0
        top3Accuracy = total > 0 ? Double(top3Correct) / Double(total) : 0
        self.confusion = confusion
        classes = (0..<k).map { c in
            let truePositives = confusion[c][c]
            let support = confusion[c].reduce(0, +)
            let predicted = confusion.reduce(0) { $0 + $1[c] }
            let falsePositives = predicted - truePositives, falseNegatives = support - truePositives
            let trueNegatives = total - truePositives - falsePositives - falseNegatives
            let precision = predicted > 0 ? Double(truePositives) / Double(predicted) : 0
            let recall = support > 0 ? Double(truePositives) / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            let negatives = trueNegatives + falsePositives
            let specificity = negatives > 0 ? Double(trueNegatives) / Double(negatives) : 0
            return ClassMetrics(label: labels[c], support: support, precision: precision, recall: recall,
                                f1: f1, specificity: specificity)
        }
    }
}
