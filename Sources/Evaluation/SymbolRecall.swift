import ImageDecoding

/// Symbol recognition through the whole pipeline, as the field reports it for a full system: each
/// true symbol (its ink's box on the rendered page) is matched to at most one recognized symbol
/// whose box overlaps it by an intersection over union of at least `minimumOverlap`, in page
/// pixels, pairs of larger overlap first. A matched symbol is segmented; it is also classified
/// when the labels agree after the normalisation of the LaTeX comparison (`CROHMELaTeX`: `<` is
/// `\lt`, `\cdot` is `.`).
public struct SymbolRecall: Sendable, Equatable {
    public static let minimumOverlap = 0.5

    /// A symbol with its box in page pixels: a truth's or a reading's.
    public struct Symbol: Sendable, Equatable {
        public var label: String
        public var box: Box
        public init(label: String, box: Box) {
            self.label = label
            self.box = box
        }
    }

    public private(set) var truths = 0, segmented = 0, classified = 0, read = 0
    /// True labels that no recognized symbol matched, and matched pairs read as another label
    /// (`x → X`), with how often: what to look at first.
    public private(set) var unsegmented: [String: Int] = [:], confusions: [String: Int] = [:]

    public init() {}

    /// Counts one expression: its true symbols against the recognized ones.
    public mutating func count(truth: [Symbol], reading: [Symbol]) {
        truths += truth.count
        read += reading.count
        var pairs: [(overlap: Double, truth: Int, reading: Int)] = []
        for (t, wanted) in truth.enumerated() {
            for (r, found) in reading.enumerated() {
                let overlap = Self.intersectionOverUnion(wanted.box, found.box)
                if overlap >= Self.minimumOverlap { pairs.append((overlap, t, r)) }
            }
        }
        var usedTruths = Set<Int>(), usedReadings = Set<Int>()
        for pair in pairs.sorted(by: { $0.overlap > $1.overlap })
        where !usedTruths.contains(pair.truth) && !usedReadings.contains(pair.reading) {
            usedTruths.insert(pair.truth)
            usedReadings.insert(pair.reading)
            segmented += 1
            let (wanted, found) = (Self.normalized(truth[pair.truth].label), Self.normalized(reading[pair.reading].label))
            if wanted == found {
                classified += 1
            } else {
                confusions["\(wanted) → \(found)", default: 0] += 1
            }
        }
        for (index, symbol) in truth.enumerated() where !usedTruths.contains(index) {
            unsegmented[Self.normalized(symbol.label), default: 0] += 1
        }
    }

    static func normalized(_ label: String) -> String { CROHMELaTeX.normalized(label) ?? label }

    static func intersectionOverUnion(_ a: Box, _ b: Box) -> Double {
        let width = max(0, min(a.maxX, b.maxX) - max(a.x, b.x))
        let height = max(0, min(a.maxY, b.maxY) - max(a.y, b.y))
        let intersection = Double(width * height)
        let union = Double(a.width * a.height + b.width * b.height) - intersection
        return union > 0 ? intersection / union : 0
    }

    /// The report's lines: segmentation recall, segmentation and classification recall, how
    /// many symbols were recognized against the truth's, and the commonest misses of each kind.
    public var lines: [String] {
        let percent = { (count: Int) in String(format: "%d / %d = %.2f %%", count, truths, 100 * Double(count) / Double(max(truths, 1))) }
        return [
            "symbols, matched by box IoU >= \(Self.minimumOverlap) in page pixels (\(read) recognized for \(truths) true):",
            "  segmented:                \(percent(segmented))",
            "  segmented and classified: \(percent(classified))",
            "  commonest unsegmented: " + Self.commonest(unsegmented),
            "  commonest misread (truth → read): " + Self.commonest(confusions),
        ]
    }

    /// The ten commonest of a tally, most frequent first (ties by name): `x → X 83, c → C 31`.
    static func commonest(_ tally: [String: Int]) -> String {
        let top = tally.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10)
        return top.isEmpty ? "none" : top.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
