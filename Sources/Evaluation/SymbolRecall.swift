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
            if Self.normalized(truth[pair.truth].label) == Self.normalized(reading[pair.reading].label) { classified += 1 }
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

    /// The report's lines: segmentation recall, segmentation and classification recall, and how
    /// many symbols were recognized against the truth's.
    public var lines: [String] {
        let percent = { (count: Int) in String(format: "%d / %d = %.2f %%", count, truths, 100 * Double(count) / Double(max(truths, 1))) }
        return [
            "symbols, matched by box IoU >= \(Self.minimumOverlap) in page pixels (\(read) recognized for \(truths) true):",
            "  segmented:                \(percent(segmented))",
            "  segmented and classified: \(percent(classified))",
        ]
    }
}
