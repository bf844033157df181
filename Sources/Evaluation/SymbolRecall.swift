import ImageDecoding

/// Symbol recognition through the whole pipeline, as the field reports it for a full system: each
/// true symbol (its ink's box on the rendered page) is matched to at most one recognized symbol
/// whose box overlaps it by an intersection over union of at least `minimumOverlap`, in page
/// pixels, pairs of larger overlap first. A matched symbol is segmented; it is also classified
/// when the labels agree after the normalisation of the LaTeX comparison (`CROHMELaTeX`: `<` is
/// `\lt`, `\cdot` is `.`).
///
/// With a `margin`, both boxes are first grown by it on every side. The true box holds the pixels
/// the pen covers at least half; segmentation's box holds every pixel darker than its threshold,
/// anti-aliased edges included, so the two differ by a pixel or so on each side whatever the
/// symbol. For a symbol tens of pixels across that costs nothing, but a dot 4 pixels across read
/// as 6 has IoU 0.44 and a minus 3 pixels thick read as 5 about 0.6 at best: unmatched although
/// it was segmented exactly. Growing both boxes by the pen's half width (the width of that
/// disagreement) makes the rule judge such symbols as it judges large ones; it changes the IoU
/// of a symbol 40 pixels across by a few hundredths. (CROHME itself matches symbols by their
/// strokes, which a box rule only approximates: the margin is no looser than that.)
public struct SymbolRecall: Sendable, Equatable {
    public static let minimumOverlap = 0.5

    /// Pixels each box is grown by on every side before the overlap is taken; 0: the boxes as they are.
    public let margin: Double

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

    public init(margin: Double = 0) {
        self.margin = max(0, margin)
    }

    /// A true symbol that no recognized symbol matched, with the recognized symbol that overlaps
    /// it most (nil when none overlaps at all) and that overlap: why it was missed.
    public struct Miss: Sendable, Equatable {
        public var truth: Symbol
        public var nearest: Symbol?
        public var overlap: Double
    }

    /// Counts one expression: its true symbols against the recognized ones. Returns the misses.
    @discardableResult
    public mutating func count(truth: [Symbol], reading: [Symbol]) -> [Miss] {
        truths += truth.count
        read += reading.count
        var pairs: [(overlap: Double, truth: Int, reading: Int)] = []
        for (t, wanted) in truth.enumerated() {
            for (r, found) in reading.enumerated() {
                let overlap = Self.intersectionOverUnion(wanted.box, found.box, margin: margin)
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
        var misses: [Miss] = []
        for (index, symbol) in truth.enumerated() where !usedTruths.contains(index) {
            unsegmented[Self.normalized(symbol.label), default: 0] += 1
            let nearest = reading.map { ($0, Self.intersectionOverUnion(symbol.box, $0.box, margin: margin)) }.max { $0.1 < $1.1 }
            misses.append(Miss(truth: symbol, nearest: (nearest?.1 ?? 0) > 0 ? nearest?.0 : nil, overlap: nearest?.1 ?? 0))
        }
        return misses
    }

    static func normalized(_ label: String) -> String { CROHMELaTeX.normalized(label) ?? label }

    /// The IoU of two boxes each grown by `margin` on every side.
    static func intersectionOverUnion(_ a: Box, _ b: Box, margin: Double = 0) -> Double {
        let (ax0, ay0, ax1, ay1) = (Double(a.x) - margin, Double(a.y) - margin, Double(a.maxX) + margin, Double(a.maxY) + margin)
        let (bx0, by0, bx1, by1) = (Double(b.x) - margin, Double(b.y) - margin, Double(b.maxX) + margin, Double(b.maxY) + margin)
        let width = max(0, min(ax1, bx1) - max(ax0, bx0))
        let height = max(0, min(ay1, by1) - max(ay0, by0))
        let intersection = width * height
        let union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - intersection
        return union > 0 ? intersection / union : 0
    }

    /// The report's lines: segmentation recall, segmentation and classification recall, how
    /// many symbols were recognized against the truth's, and the commonest misses of each kind.
    public var lines: [String] {
        let percent = { (count: Int) in String(format: "%d / %d = %.2f %%", count, truths, 100 * Double(count) / Double(max(truths, 1))) }
        return [
            "symbols, matched by box IoU >= \(Self.minimumOverlap) in page pixels"
                + (margin > 0 ? String(format: ", boxes grown by %.1f px", margin) : "") + " (\(read) recognized for \(truths) true):",
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
