import Foundation
import Vocabulary

/// Turns the symbols of one line, as boxes with top-k labels, into the sequence the grammar
/// reads: left to right; an `=` split into two bars and a `÷` split into three pieces rejoined;
/// small dots told apart by their size and height on the line (a decimal point sits on the
/// baseline, a multiplication dot at mid-height, anything else that small is noise); a short
/// mark hanging below the digits beside it read as a decimal comma.
struct LineLayout {
    /// A symbol of the reading sequence, made of one or more input symbols.
    struct Symbol: Equatable {
        /// The classifier's alternatives, best first (for a dot: its possible roles, weighed by
        /// its height on the line).
        var alternatives: [Alternative]
        /// The same alternatives with probabilities weighed by how well the box's height fits
        /// each label (see `LineMetrics.heightWeight`); the decoder searches with these.
        var weighted: [Alternative]
        var inputIndices: [Int]
        var x, y, width, height: Double
    }

    /// The symbols left to right.
    var symbols: [Symbol] = []
    /// Input symbols judged to be noise (specks too small or off the line), by index.
    var ignored: [Int] = []

    static let decimalPoint = MathSymbol.decimalPoint
    static let multiplicationDot = MathSymbol.multiplicationDot
    static let bar = MathSymbol.minus
    static let equals = MathSymbol.equals
    static let divide = MathSymbol.divide

    /// Anything at most this fraction of the line's digit height, both ways, is small: a
    /// speck or mark off the line is noise...
    static let dotSize = 0.25
    /// ...and so is anything up to this size that the classifier thinks may be a `.` (see
    /// `isDot` for marks it reads as operators).
    static let likelyDotSize = 0.4
    /// Least probability of `.` for a small mark the classifier reads as an operator to count
    /// as a dot.
    static let dotProbability = 0.1
    /// A mark at most this fraction of the digit height both ways, hanging below the digits
    /// beside it, is a decimal comma or a point written low (see `isHangingMark`): no digit,
    /// bracket or operator is written under the line. Digit heights are log-normal around the
    /// line's (log sd 0.14, see `heightWeight`), so 0.8 is well below a digit's; on the CROHME
    /// training writers' arithmetic, commas need at least 0.7 and nothing changes up to 1.0.
    static let hangingMarkSize = 0.8
    /// A mark up to this fraction of the digit height both ways, inside or right on top of a
    /// wider symbol, is a piece of it (see `isDetachedPart`); half a digit is no digit.
    static let detachedPartSize = 0.5
    /// Operators that may be written as small as a dot.
    static let smallOperators = MathSymbol.binaryOperators.union([MathSymbol.equals])
    /// Smaller than this fraction of the digit height is a speck, not a symbol.
    static let speckSize = 0.03
    /// The label of a dot-sized mark set aside as a speck: it leaves the reading unchanged.
    static let noise = ""
    /// A dot-sized mark may be a speck the page filters could not tell from a pen tap (dust
    /// inside a digit, the end of a grid line): it may be set aside at this share of its likeliest
    /// reading's probability, e^3 less, within `LineReader.repairMargin`; so only where none
    /// of its readings fits the grammar (a `.` starting a line, after `=`, between two
    /// operators), never in place of one that does.
    static let noiseShare = 0.05

    /// Operators about as compact as a digit but shorter, which the classifier confuses with
    /// digits (`+` with `4`); their height on the line tells them apart (see `heightWeight`).
    static let compactOperators: Set<String> = [MathSymbol.plus, MathSymbol.times, MathSymbol.divide]

    /// A tap of the pen leaves a mark one to two stroke widths across; a flat mark longer
    /// than this many stroke widths was drawn across the page (see `isDrawnBar`).
    static let drawnBarStrokeWidths = 3.0
    /// A mark no thicker than this many stroke widths is one stroke, not the two bars of `=`.
    static let singleStrokeWidths = 2.0
    /// Least height of a drawn bar's centre above the baseline, in digit heights: decimal
    /// points dragged into short flat strokes sit low, on the selection split's writers up to
    /// a third of the digit height; below 0.45 `dotRoles` reads a dot as a point at ≥ 0.85.
    static let drawnBarHeight = 0.45

    /// `digits` are the grammar's digit symbols, which should stand on the baseline; `brackets`
    /// its group symbols, which reach above and below the digits (their height tells them from
    /// a `1`, see `heightWeight`); `strokeWidth` is the pen's stroke width in the boxes' pixels,
    /// nil or 0 when unknown.
    init(_ input: [PlacedSymbol], digits: Set<String>, brackets: Set<String> = [], strokeWidth: Double? = nil) {
        let metrics = LineMetrics(input)
        let pieces = Self.rejoinSplitSymbols(input, metrics: metrics)
        for piece in pieces {
            let symbol = piece.symbol
            var alternatives = symbol.alternatives
            if piece.indices.count == 1, Self.isRule(symbol, among: pieces.map(\.symbol)) {
                // A ruled line or an underline the line finder took in: no symbol of a line
                // read left to right spans all the others.
                ignored.append(contentsOf: piece.indices)
                continue
            }
            if piece.indices.count == 1, let metrics, Self.isDetachedPart(symbol, among: pieces.map(\.symbol), metrics: metrics) {
                // Part of the symbol it sits in or on (the flag of a 5, a speck in a 3's
                // bowl): a line is read left to right and, once `=` and `÷` are rejoined, no
                // symbol of it stands over another.
                ignored.append(contentsOf: piece.indices)
                continue
            }
            if symbol.isDivisionShaped {
                // The ink's shape settles it: no other symbol is a stroke with one mark on each
                // side. The classifier, whose crop may lose marks that small or never saw the
                // sign slanted, only scales it by how clear a glyph it saw.
                alternatives = [Alternative(latex: Self.divide, probability: symbol.alternatives.first?.probability ?? 1)]
            } else if piece.indices.count == 1, let metrics {
                if Self.isHangingMark(symbol, among: input, metrics: metrics) {
                    // A decimal comma (or a point written low): geometry settles it; the
                    // classifier, which learnt `.` as a round dot and reads a comma as `1`, `)`
                    // or `-`, only scales it by how clear a glyph it saw.
                    alternatives = [Alternative(latex: Self.decimalPoint, probability: symbol.alternatives.first?.probability ?? 1)]
                } else if Self.isSmall(symbol, metrics: metrics), metrics.dotRoles(symbol).isEmpty {
                    // A speck, or a small mark off the line: noise, whatever the classifier saw.
                    ignored.append(contentsOf: piece.indices)
                    continue
                } else if let strokeWidth, Self.isDrawnBar(symbol, metrics: metrics, strokeWidth: strokeWidth) {
                    // A short minus written with a fine pen: geometry settles it; the
                    // classifier, which sees the small crop magnified to a blob and calls it
                    // `.` or `=`, only scales it by how clear a glyph it saw.
                    alternatives = [Alternative(latex: Self.bar, probability: symbol.alternatives.first?.probability ?? 1)]
                } else if Self.isDot(symbol, metrics: metrics) {
                    // Geometry decides what a dot means; the classifier's confidence that it is
                    // a dot (or its best guess, for a crop too small to tell) scales it.
                    let seen = symbol.alternatives.first { $0.latex == Self.decimalPoint }?.probability
                        ?? symbol.alternatives.first?.probability ?? 1
                    let roles = metrics.dotRoles(symbol)
                    if roles.isEmpty {
                        ignored.append(contentsOf: piece.indices)
                        continue
                    }
                    alternatives = roles.map { Alternative(latex: $0.latex, probability: seen * $0.probability) }
                    // Off the baseline a small mark is as likely a small `-` or `=` (a low-
                    // resolution `=` fills to a blob) as a `\cdot`: the classifier's operator
                    // readings keep the mid-height share, so that on the baseline the point
                    // still wins and the grammar can choose between them elsewhere.
                    let midHeight = roles.first { $0.latex == Self.multiplicationDot }?.probability ?? 0
                    alternatives += symbol.alternatives.filter { Self.smallOperators.contains($0.latex) }
                        .map { Alternative(latex: $0.latex, probability: $0.probability * midHeight) }
                    alternatives.sort { $0.probability > $1.probability }
                    alternatives.append(Alternative(latex: Self.noise, probability: Self.noiseShare * (alternatives.first?.probability ?? 0)))
                } else {
                    // A decimal point or a multiplication dot is small; a large blob is neither.
                    let dotless = alternatives.filter { $0.latex != Self.decimalPoint && $0.latex != Self.multiplicationDot }
                    if !dotless.isEmpty { alternatives = dotless }
                }
            }
            let weighted = alternatives.map { alternative in
                var weighted = alternative
                if let metrics, piece.indices.count == 1, !symbol.isDivisionShaped {
                    if digits.contains(alternative.latex) {
                        weighted.probability *= metrics.heightWeight(symbol, as: .digit)
                    } else if Self.compactOperators.contains(alternative.latex) {
                        weighted.probability *= metrics.heightWeight(symbol, as: .compactOperator)
                    } else if brackets.contains(alternative.latex) {
                        weighted.probability *= metrics.heightWeight(symbol, as: .bracket)
                    }
                }
                return weighted
            }
            symbols.append(Symbol(alternatives: alternatives, weighted: weighted, inputIndices: piece.indices,
                                  x: symbol.x, y: symbol.y, width: symbol.width, height: symbol.height))
        }
        ignored.sort()
    }

    /// Small both ways: up to `dotSize`, or up to `likelyDotSize` when the classifier thinks
    /// it may be a `.`. A digit or bracket that small is the classifier's guess on a blob it
    /// sees magnified; but a mark it reads as an operator that may be written small (a tiny
    /// `-`, `+` or `=`) keeps that reading unless it gives `.` at least `dotProbability`, and
    /// a short flat stroke it calls `-` is a minus.
    private static func isDot(_ symbol: PlacedSymbol, metrics: LineMetrics) -> Bool {
        let size = max(symbol.width, symbol.height) / metrics.digitHeight
        let point = symbol.alternatives.first { $0.latex == decimalPoint }?.probability
        let isShortBar = symbol.width > 2 * symbol.height && barProbability(symbol) != nil
        guard !isShortBar, size <= likelyDotSize else { return false }
        if let best = symbol.alternatives.first?.latex, smallOperators.contains(best) {
            return (point ?? 0) >= dotProbability
        }
        return size <= dotSize || point != nil
    }

    /// One stroke drawn across, off the baseline: at least twice as wide as tall, longer than a
    /// pen tap (`drawnBarStrokeWidths`), no thicker than one stroke (`singleStrokeWidths`),
    /// its centre at least `drawnBarHeight` above the baseline, no larger than a likely dot and
    /// possibly a `-` to the classifier. Such a mark may be just twice as wide as tall, where
    /// a dot dragged a little also is: the pen's width tells them apart.
    private static func isDrawnBar(_ symbol: PlacedSymbol, metrics: LineMetrics, strokeWidth: Double) -> Bool {
        guard strokeWidth > 0, barProbability(symbol) != nil,
              max(symbol.width, symbol.height) <= likelyDotSize * metrics.digitHeight else { return false }
        return symbol.width >= 2 * symbol.height
            && symbol.width > drawnBarStrokeWidths * strokeWidth
            && symbol.height <= singleStrokeWidths * strokeWidth
            && metrics.height(of: symbol) >= drawnBarHeight
    }

    /// At most `hangingMarkSize` of the digit height both ways, between two symbols the
    /// classifier reads as digits, its centre below the line joining their bottoms. The local
    /// baseline, not the line's, because handwriting drifts and photos tilt: a `×` written low
    /// at the start of a rising line is below the line's baseline but not below its digits'.
    private static func isHangingMark(_ symbol: PlacedSymbol, among input: [PlacedSymbol], metrics: LineMetrics) -> Bool {
        guard max(symbol.width, symbol.height) / metrics.digitHeight <= hangingMarkSize else { return false }
        // Neighbours of line height, so that another small mark or speck does not count.
        let sizable = input.filter { $0.height >= 0.5 * metrics.digitHeight }
        guard let left = sizable.filter({ $0.centerX < symbol.centerX }).max(by: { $0.centerX < $1.centerX }),
              let right = sizable.filter({ $0.centerX > symbol.centerX }).min(by: { $0.centerX < $1.centerX }),
              left.isReadAsDigit, right.isReadAsDigit else { return false }
        let along = (symbol.centerX - left.centerX) / (right.centerX - left.centerX)
        let localBaseline = left.bottom + along * (right.bottom - left.bottom)
        return symbol.centerY > localBaseline
    }

    /// A flat mark (at least twice as wide as tall) reaching over or under the centres of at
    /// least two other symbols, and of all of them.
    private static func isRule(_ symbol: PlacedSymbol, among others: [PlacedSymbol]) -> Bool {
        let rest = others.filter { $0 != symbol }
        guard rest.count >= 2, symbol.width >= 2 * symbol.height else { return false }
        return rest.allSatisfy { $0.centerX > symbol.x && $0.centerX < symbol.right }
    }

    /// At most `detachedPartSize` of the digit height both ways, with its centre in the middle
    /// half (across) of a wider symbol at least half the digit height tall, and inside its box
    /// up and down or no farther above or below it than its own height.
    private static func isDetachedPart(_ symbol: PlacedSymbol, among others: [PlacedSymbol], metrics: LineMetrics) -> Bool {
        guard max(symbol.width, symbol.height) <= detachedPartSize * metrics.digitHeight else { return false }
        return others.contains { host in
            host != symbol && host.height >= 0.5 * metrics.digitHeight && host.width > symbol.width
                && abs(symbol.centerX - host.centerX) <= host.width / 4
                && symbol.centerY >= host.y - symbol.height && symbol.centerY <= host.bottom + symbol.height
        }
    }

    /// At most `dotSize` of the digit height both ways.
    private static func isSmall(_ symbol: PlacedSymbol, metrics: LineMetrics) -> Bool {
        max(symbol.width, symbol.height) / metrics.digitHeight <= dotSize
    }

    /// Input symbols that together make one symbol.
    private struct Piece {
        var indices: [Int]
        var symbol: PlacedSymbol
    }

    /// Rejoins symbols the segmenter left in pieces: `÷` as a bar with a mark above and one
    /// below, `=` as two stacked bars. Returns the pieces left to right.
    private static func rejoinSplitSymbols(_ input: [PlacedSymbol], metrics: LineMetrics?) -> [Piece] {
        var pieces = input.indices.map { Piece(indices: [$0], symbol: input[$0]) }
        // How far apart the parts of one symbol may be: a fraction of the line's digit height.
        let reach = { (bar: PlacedSymbol) in metrics.map { 0.7 * $0.digitHeight } ?? 1.5 * bar.width }
        while let (bar, above, below) = findSplitDivision(pieces, reach: reach),
              let probability = barProbability(pieces[bar].symbol) {
            pieces = merging([bar, above, below], of: pieces, as: divide, probability: probability)
        }
        while let (upper, lower) = findSplitEquals(pieces, reach: reach),
              let first = barProbability(pieces[upper].symbol), let second = barProbability(pieces[lower].symbol) {
            pieces = merging([upper, lower], of: pieces, as: equals, probability: first * second)
        }
        return pieces.sorted { ($0.symbol.centerX, $0.indices.first ?? 0) < ($1.symbol.centerX, $1.indices.first ?? 0) }
    }

    private static func merging(_ parts: [Int], of pieces: [Piece], as latex: String, probability: Double) -> [Piece] {
        let boxes = parts.map { pieces[$0].symbol }
        let left = boxes.map(\.x).min() ?? 0, top = boxes.map(\.y).min() ?? 0
        let right = boxes.map(\.right).max() ?? 0, bottom = boxes.map(\.bottom).max() ?? 0
        let merged = Piece(
            indices: parts.flatMap { pieces[$0].indices }.sorted(),
            symbol: PlacedSymbol(x: left, y: top, width: right - left, height: bottom - top,
                                 alternatives: [Alternative(latex: latex, probability: probability)]))
        return pieces.indices.filter { !parts.contains($0) }.map { pieces[$0] } + [merged]
    }

    /// A flat bar with a small mark centred above it and another below it, both near it.
    private static func findSplitDivision(_ pieces: [Piece], reach: (PlacedSymbol) -> Double) -> (Int, Int, Int)? {
        for (index, piece) in pieces.enumerated() where isBar(piece.symbol) {
            let bar = piece.symbol
            let marks = pieces.indices.filter { other in
                let mark = pieces[other].symbol
                return other != index && max(mark.width, mark.height) <= min(0.8 * bar.width, 0.9 * reach(bar))
                    && mark.centerX >= bar.x && mark.centerX <= bar.right
            }
            let above = marks.filter {
                let mark = pieces[$0].symbol
                return mark.centerY < bar.centerY && bar.centerY - mark.centerY <= reach(bar)
            }
            let below = marks.filter {
                let mark = pieces[$0].symbol
                return mark.centerY > bar.centerY && mark.centerY - bar.centerY <= reach(bar)
            }
            if let upper = above.max(by: { pieces[$0].symbol.centerY < pieces[$1].symbol.centerY }),
               let lower = below.min(by: { pieces[$0].symbol.centerY < pieces[$1].symbol.centerY }) {
                return (index, upper, lower)
            }
        }
        return nil
    }

    /// Two bars one above the other, overlapping horizontally, of comparable widths.
    private static func findSplitEquals(_ pieces: [Piece], reach: (PlacedSymbol) -> Double) -> (Int, Int)? {
        for (first, piece) in pieces.enumerated() where isBar(piece.symbol) {
            let a = piece.symbol
            for (second, other) in pieces.enumerated() where second != first && isBar(other.symbol) {
                let b = other.symbol
                let overlap = min(a.right, b.right) - max(a.x, b.x)
                let narrower = min(a.width, b.width), wider = max(a.width, b.width)
                let rise = b.centerY - a.centerY
                if overlap >= 0.2 * narrower && narrower >= 0.3 * wider
                    && rise > 0.25 * max(a.height, b.height) && rise <= reach(a) {
                    return (first, second)
                }
            }
        }
        return nil
    }

    /// Flat, and possibly a `-` to the classifier.
    private static func isBar(_ symbol: PlacedSymbol) -> Bool {
        barProbability(symbol) != nil && symbol.height < symbol.width
    }

    private static func barProbability(_ symbol: PlacedSymbol) -> Double? {
        symbol.alternatives.first { $0.latex == bar }?.probability
    }
}

/// The height of digits on a line and where its baseline is, from the symbols the classifier
/// reads best as digits (or, lacking any, the taller half of all symbols).
struct LineMetrics {
    var digitHeight: Double
    /// The median of the reference symbols' bottoms: the baseline at `centre`.
    var baseline: Double
    /// The baseline's rise per pixel along the line (y grows downwards), 0 for fewer than
    /// three reference symbols.
    var slope = 0.0
    /// The median of the reference symbols' horizontal centres.
    var centre = 0.0

    /// nil for a line of one symbol: measured against itself, anything would be digit-sized.
    init?(_ symbols: [PlacedSymbol]) {
        guard symbols.count > 1 else { return nil }
        var reference = symbols.filter(\.isReadAsDigit)
        if reference.isEmpty {
            let tallest = symbols.map(\.height).max() ?? 0
            reference = symbols.filter { $0.height >= 0.5 * tallest }
        }
        guard !reference.isEmpty else { return nil }
        digitHeight = Self.median(reference.map(\.height))
        baseline = Self.median(reference.map(\.bottom))
        guard digitHeight > 0, digitHeight.isFinite, baseline.isFinite else { return nil }
        centre = Self.median(reference.map(\.centerX))
        // Handwriting drifts and photos tilt: a long line's baseline is a slope, not a level.
        // Theil–Sen (the median of the pairwise slopes) so that one digit's tail cannot tip it.
        if reference.count >= 4 {
            var slopes: [Double] = []
            for (i, a) in reference.enumerated() {
                for b in reference[(i + 1)...] where abs(b.centerX - a.centerX) > 0 {
                    slopes.append((b.bottom - a.bottom) / (b.centerX - a.centerX))
                }
            }
            if !slopes.isEmpty {
                let fitted = Self.median(slopes)
                slope = fitted
                // The level through the references' bottoms for that slope.
                baseline = Self.median(reference.map { $0.bottom - fitted * ($0.centerX - centre) })
            }
        }
    }

    /// The baseline's y at horizontal position `x`.
    func baseline(at x: Double) -> Double {
        baseline + slope * (x - centre)
    }

    /// How high the symbol's centre is above the baseline beneath it, in digit heights (0.5 =
    /// mid-line).
    func height(of symbol: PlacedSymbol) -> Double {
        (baseline(at: symbol.centerX) - symbol.centerY) / digitHeight
    }

    /// The kinds of symbol whose height on the line tells them apart (see `heightWeight`).
    enum HeightClass { case digit, compactOperator, bracket }

    /// How well the symbol's height fits a digit, a compact operator (`+ × ÷`) or a bracket,
    /// relative to the best of the three, in 0.1...1. Heights relative to the line's digit
    /// height are log-normal, fitted on the CROHME arithmetic lines of the tests: digits
    /// median 1.0 (log sd 0.14), `+ × ÷` median 0.7 (log sd 0.28); brackets, on the training
    /// writers' arithmetic expressions (62 brackets against the median digit other than 1 of
    /// their expression), median 1.45 (log sd 0.21) — a `1` there has median 0.99, and the
    /// tenth percentile of brackets (1.2) is above the ninetieth of ones (1.17). The floor keeps
    /// geometry from overruling a classifier that is ten times surer.
    func heightWeight(_ symbol: PlacedSymbol, as kind: HeightClass) -> Double {
        guard symbol.height > 0 else { return 1 }
        let logHeight = log(symbol.height / digitHeight)
        func density(median: Double, deviation: Double) -> Double {
            let z = (logHeight - log(median)) / deviation
            return exp(-z * z / 2) / deviation
        }
        let digit = density(median: 1.0, deviation: 0.14), compact = density(median: 0.7, deviation: 0.28)
        let bracket = density(median: 1.45, deviation: 0.21)
        let best = max(digit, compact, bracket)
        guard best > 0 else { return 1 }
        let fit = kind == .digit ? digit : kind == .compactOperator ? compact : bracket
        return max(fit / best, 0.1)
    }

    /// What a dot may be, most likely first: a decimal point near the baseline, a
    /// multiplication dot at mid-height, with a smooth change between. The change is centred a
    /// little above mid-height because handwritten decimal points often sit high (in CROHME,
    /// up to 0.6 digit heights above the baseline) while this vocabulary multiplies with ×.
    /// Empty for a speck or a dot off the line.
    func dotRoles(_ symbol: PlacedSymbol) -> [Alternative] {
        guard max(symbol.width, symbol.height) >= LineLayout.speckSize * digitHeight else { return [] }
        let height = height(of: symbol)
        guard height > -0.5 && height < 0.9 else { return [] }
        let point = min(max(1 / (1 + exp((height - 0.55) / 0.06)), 0.02), 0.98)
        return [Alternative(latex: LineLayout.decimalPoint, probability: point),
                Alternative(latex: LineLayout.multiplicationDot, probability: 1 - point)]
            .sorted { $0.probability > $1.probability }
    }

    /// The middle value, or the mean of the two middle values.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
