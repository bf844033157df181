import InkInput
import Vocabulary
/// Handwritten arithmetic symbols cut out of real expressions, each kept in its writer's own
/// proportions: sizes and heights are in units of the writer's digit height, and every symbol
/// remembers where it sat relative to the baseline of the digits or capitals beside it (a `-` mid-height,
/// a `.` on the baseline, a `(` reaching above and below). `InkComposer` lays them out anew.
public struct InkSymbolBank: Sendable {
    /// One symbol as written: strokes with x from 0 at its left edge and y measured from the
    /// baseline (negative above it, y grows downwards), in units of the writer's digit height.
    public struct Sample: Sendable, Equatable {
        public var label: String
        public var writer: String
        public var strokes: [[InkPoint]]
        /// Extent of the strokes: left is 0 by construction.
        public var width: Double
        public var top: Double
        public var bottom: Double
    }

    /// The symbols the bank collects: mathscan's arithmetic vocabulary.
    public static let labels = MathSymbol.classes

    public private(set) var samples: [String: [Sample]] = [:]

    public init() {}

    /// Samples of `label`, in the order they were added.
    public func samples(of label: String) -> [Sample] { samples[label] ?? [] }

    /// Writers with at least one sample of `label`.
    public func writers(of label: String) -> Set<String> { Set(samples(of: label).map(\.writer)) }

    /// Adds the arithmetic symbols of `document`. Symbols as tall as a digit and standing on
    /// the baseline (digits, capitals, b d f h k l t) set the scale (their median height, the
    /// digits' when there are digits, is one unit) and the baseline. Any other symbol is kept
    /// only when such a reference of normal size stands beside it on the same line, since only
    /// then its height on the line is known; so fraction bars, exponents and symbols inside a
    /// fraction's stack are left out.
    public mutating func add(_ document: InkDocument, writer: String) {
        let placed: [(label: String, box: StrokeBox, strokes: [[InkPoint]])] = document.symbols.compactMap { symbol in
            let strokes = document.traces(of: symbol).map(\.points).filter { !$0.isEmpty }
            guard let box = StrokeBox(strokes) else { return nil }
            return (symbol.label, box, strokes)
        }
        let digitHeights = placed.filter { Self.isDigit($0.label) }.map(\.box.height).sorted()
        let referenceHeights = placed.filter { Self.isReference($0.label) }.map(\.box.height).sorted()
        let heights = digitHeights.isEmpty ? referenceHeights : digitHeights
        guard !heights.isEmpty else { return }
        let unit = heights[heights.count / 2]
        guard unit > 0 else { return }
        // References of normal size (not exponents, not oversized) define lines.
        let references = placed.filter { Self.isReference($0.label) && (0.7...1.4).contains($0.box.height / unit) }.map(\.box)

        for item in placed where Self.labels.contains(item.label) {
            let scale: Double, baseline: Double
            if Self.isDigit(item.label) {
                guard (0.7...1.4).contains(item.box.height / unit) else { continue }
                (scale, baseline) = (unit, item.box.maxY)
            } else {
                guard let reference = Self.nearestReference(to: item.box, among: references, unit: unit) else { continue }
                (scale, baseline) = (reference.height, reference.maxY)
            }
            let strokes = item.strokes.map { stroke in
                stroke.map { InkPoint(x: ($0.x - item.box.minX) / scale, y: ($0.y - baseline) / scale) }
            }
            let sample = Sample(label: item.label, writer: writer, strokes: strokes, width: item.box.width / scale,
                                top: (item.box.minY - baseline) / scale, bottom: (item.box.maxY - baseline) / scale)
            guard Self.isPlausible(sample) else { continue }
            samples[item.label, default: []].append(sample)
        }
    }

    /// The bank without samples whose height on the line or size is far from the other samples
    /// of their label: the reference digit beside them was misleading (a `=` next to a digit in
    /// a subscript, a `+` beside an exponent).
    public func withoutOutliers(centreTolerance: Double = 0.3, sizeRatio: ClosedRange<Double> = 0.5...2) -> InkSymbolBank {
        var pruned = InkSymbolBank()
        for (label, list) in samples {
            let centres = list.map { ($0.top + $0.bottom) / 2 }.sorted()
            let sizes = list.map { max($0.width, $0.bottom - $0.top) }.sorted()
            let (centre, size) = (centres[centres.count / 2], sizes[sizes.count / 2])
            pruned.samples[label] = list.filter { sample in
                let ownSize = max(sample.width, sample.bottom - sample.top)
                // Points are dabs of any size; only their height on the line matters.
                let sizeFits = label == MathSymbol.decimalPoint || size <= 0 || sizeRatio.contains(ownSize / size)
                return abs((sample.top + sample.bottom) / 2 - centre) <= centreTolerance && sizeFits
            }
        }
        return pruned
    }

    /// Symbols whose top and bottom are a digit's: digits, capitals, lower-case ascenders.
    static func isReference(_ label: String) -> Bool {
        guard label.count == 1, let character = label.first, character.isASCII else { return false }
        return character.isNumber || character.isUppercase || "bdfhklt".contains(character)
    }

    static func isDigit(_ label: String) -> Bool { MathSymbol.digits.contains(label) }

    /// The closest reference to the left or right whose height range meets the symbol's (with a
    /// little slack, so a `.` under the baseline still counts), within two digit heights.
    private static func nearestReference(to box: StrokeBox, among references: [StrokeBox], unit: Double) -> StrokeBox? {
        let slack = 0.3 * unit
        var best: (gap: Double, box: StrokeBox)?
        for reference in references {
            guard box.maxY >= reference.minY - slack, box.minY <= reference.maxY + slack else { continue }
            let gap = max(0, max(reference.minX - box.maxX, box.minX - reference.maxX))
            guard gap <= 2 * unit else { continue }
            if best.map({ gap < $0.gap }) ?? true { best = (gap, reference) }
        }
        return best?.box
    }

    /// Shapes a symbol of this label can take on a line of digits; the rest are another use of
    /// the same label (a fraction bar labelled `-`, a parenthesis around a fraction).
    private static func isPlausible(_ sample: Sample) -> Bool {
        let height = sample.bottom - sample.top
        guard sample.width.isFinite, height.isFinite, max(sample.width, height) > 0 || sample.label == MathSymbol.decimalPoint else { return false }
        switch sample.label {
        case MathSymbol.minus: return sample.width <= 1.2 && height <= 0.4 && (-0.85)...(-0.15) ~= (sample.top + sample.bottom) / 2
        // A decimal point; a multiplication dot (mid-height) is another symbol.
        case MathSymbol.decimalPoint: return max(sample.width, height) <= 0.4 && (sample.top + sample.bottom) / 2 > -0.3
        case MathSymbol.openParenthesis, MathSymbol.closeParenthesis: return (0.7...2.2).contains(height) && sample.width <= 1
        // Operators float between baseline and top; one found on the baseline was measured
        // against a misleading neighbour.
        case MathSymbol.plus, MathSymbol.equals, MathSymbol.times, MathSymbol.divide:
            let centre = (sample.top + sample.bottom) / 2
            return max(sample.width, height) <= 1.6 && (-0.9)...(-0.15) ~= centre && (sample.label != MathSymbol.equals || sample.width >= 0.3)
        default: return true
        }
    }
}

/// Bounding box of some strokes in file units.
struct StrokeBox: Equatable {
    var minX, minY, maxX, maxY: Double
    var width: Double { maxX - minX }
    var height: Double { maxY - minY }

    init?(_ strokes: [[InkPoint]]) {
        let points = strokes.joined()
        guard let first = points.first else { return nil }
        (minX, minY, maxX, maxY) = (first.x, first.y, first.x, first.y)
        for point in points {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }
    }
}
