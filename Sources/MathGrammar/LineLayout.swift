/// Turns the symbols of one line, as boxes with top-k labels, into the sequence the grammar
/// reads: left to right; an `=` split into two bars and a `÷` split into three pieces rejoined;
/// small dots told apart by their size and height on the line (a decimal point sits on the
/// baseline, a multiplication dot at mid-height, anything else that small is noise).
struct LineLayout {
    /// A symbol of the reading sequence, made of one or more input symbols.
    struct Symbol: Equatable {
        /// The classifier's alternatives, best first.
        var alternatives: [Alternative]
        /// The same alternatives with probabilities weighed by how well the box fits each
        /// label (see `floatingDigitWeight`); the decoder searches with these.
        var weighted: [Alternative]
        var inputIndices: [Int]
        var x, y, width, height: Double
    }

    /// The symbols left to right.
    var symbols: [Symbol] = []
    /// Input symbols judged to be noise (specks too small or off the line), by index.
    var ignored: [Int] = []

    static let decimalPoint = "."
    static let multiplicationDot = "\\cdot"
    static let bar = "-"
    static let equals = "="
    static let divide = "\\div"

    /// A dot is at most this fraction of the line's digit height, both ways.
    static let dotSize = 0.3
    /// Smaller than this fraction of the digit height is a speck, not a symbol.
    static let speckSize = 0.05

    /// A digit much shorter than the line's digits that floats above the baseline is more
    /// likely an operator (a `+` misread as `4`): its probability is multiplied by this.
    static let floatingDigitWeight = 0.2

    /// `digits` are the grammar's digit symbols, which should stand on the baseline.
    init(_ input: [PlacedSymbol], digits: Set<String>) {
        let pieces = Self.rejoinSplitSymbols(input)
        let metrics = LineMetrics(pieces.map(\.symbol))
        for piece in pieces {
            let symbol = piece.symbol
            var alternatives = symbol.alternatives
            if let metrics, Self.isDot(symbol, digitHeight: metrics.digitHeight) {
                guard let role = metrics.dotRole(symbol) else {
                    ignored.append(contentsOf: piece.indices)
                    continue
                }
                // Geometry decides what a dot means; the classifier's confidence that it is a
                // dot (or its best guess, for a crop too small to tell) gives the probability.
                let probability = symbol.alternatives.first { $0.latex == Self.decimalPoint }?.probability
                    ?? symbol.alternatives.first?.probability ?? 1
                alternatives = [Alternative(latex: role, probability: probability)]
            } else {
                // A decimal point or a multiplication dot is small; a large blob is neither.
                let dotless = alternatives.filter { $0.latex != Self.decimalPoint && $0.latex != Self.multiplicationDot }
                if !dotless.isEmpty { alternatives = dotless }
            }
            let weighted = alternatives.map { alternative in
                var weighted = alternative
                if let metrics, digits.contains(alternative.latex), metrics.isFloatingSmall(symbol) {
                    weighted.probability *= Self.floatingDigitWeight
                }
                return weighted
            }
            symbols.append(Symbol(alternatives: alternatives, weighted: weighted, inputIndices: piece.indices,
                                  x: symbol.x, y: symbol.y, width: symbol.width, height: symbol.height))
        }
        ignored.sort()
    }

    /// Input symbols that together make one symbol.
    private struct Piece {
        var indices: [Int]
        var symbol: PlacedSymbol
    }

    /// Rejoins symbols the segmenter left in pieces: `÷` as a bar with a dot above and one
    /// below, `=` as two stacked bars. Returns the pieces left to right.
    private static func rejoinSplitSymbols(_ input: [PlacedSymbol]) -> [Piece] {
        var pieces = input.indices.map { Piece(indices: [$0], symbol: input[$0]) }
        while let (bar, above, below) = findSplitDivision(pieces), let probability = barProbability(pieces[bar].symbol) {
            pieces = merging([bar, above, below], of: pieces, as: divide, probability: probability)
        }
        while let (upper, lower) = findSplitEquals(pieces),
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

    /// A flat bar with a small mark centred above it and another below it, each within a
    /// bar's width of it.
    private static func findSplitDivision(_ pieces: [Piece]) -> (Int, Int, Int)? {
        for (index, piece) in pieces.enumerated() where barProbability(piece.symbol) != nil {
            let bar = piece.symbol
            guard bar.width >= 2 * bar.height else { continue }
            let marks = pieces.indices.filter { other in
                let mark = pieces[other].symbol
                return other != index && max(mark.width, mark.height) <= 0.5 * bar.width
                    && mark.centerX >= bar.x && mark.centerX <= bar.right
            }
            let above = marks.filter { pieces[$0].symbol.bottom <= bar.centerY && bar.y - pieces[$0].symbol.bottom <= bar.width }
            let below = marks.filter { pieces[$0].symbol.y >= bar.centerY && pieces[$0].symbol.y - bar.bottom <= bar.width }
            if let upper = above.max(by: { pieces[$0].symbol.bottom < pieces[$1].symbol.bottom }),
               let lower = below.min(by: { pieces[$0].symbol.y < pieces[$1].symbol.y }) {
                return (index, upper, lower)
            }
        }
        return nil
    }

    /// Two bars, one above the other with overlapping x-ranges and similar widths.
    private static func findSplitEquals(_ pieces: [Piece]) -> (Int, Int)? {
        for (first, a) in pieces.enumerated() where barProbability(a.symbol) != nil {
            for (second, b) in pieces.enumerated() where second != first && barProbability(b.symbol) != nil
                && a.symbol.y < b.symbol.y && areStackedBars(a.symbol, b.symbol) {
                return (first, second)
            }
        }
        return nil
    }

    /// Small both ways; a short flat stroke the classifier calls `-` is a minus, not a dot.
    private static func isDot(_ symbol: PlacedSymbol, digitHeight: Double) -> Bool {
        let isShortBar = symbol.width > 2 * symbol.height && barProbability(symbol) != nil
        return max(symbol.width, symbol.height) <= dotSize * digitHeight && !isShortBar
    }

    private static func barProbability(_ symbol: PlacedSymbol) -> Double? {
        symbol.alternatives.first { $0.latex == bar }?.probability
    }

    private static func areStackedBars(_ a: PlacedSymbol, _ b: PlacedSymbol) -> Bool {
        let overlap = min(a.right, b.right) - max(a.x, b.x)
        let narrower = min(a.width, b.width), wider = max(a.width, b.width)
        let (upper, lower) = a.y <= b.y ? (a, b) : (b, a)
        let gap = lower.y - upper.bottom
        return overlap >= 0.5 * narrower && narrower >= 0.5 * wider
            && gap >= 0 && gap <= wider
            && max(a.height, b.height) < 0.5 * wider
    }
}

/// The height of digits on a line and where its baseline and middle are, from the symbols
/// the classifier reads best as digits (or, lacking any, the taller half of all symbols).
struct LineMetrics {
    var digitHeight: Double
    var baseline: Double
    var middle: Double

    init?(_ symbols: [PlacedSymbol]) {
        let isDigit: (PlacedSymbol) -> Bool = { $0.alternatives.first.map { $0.latex.count == 1 && $0.latex.first?.isNumber == true } ?? false }
        var reference = symbols.filter(isDigit)
        if reference.isEmpty {
            let tallest = symbols.map(\.height).max() ?? 0
            reference = symbols.filter { $0.height >= 0.5 * tallest }
        }
        guard !reference.isEmpty else { return nil }
        digitHeight = Self.median(reference.map(\.height))
        baseline = Self.median(reference.map(\.bottom))
        middle = baseline - digitHeight / 2
        guard digitHeight > 0 else { return nil }
    }

    /// Much shorter than a digit and clear of the baseline, as `+ - × ÷ =` are.
    func isFloatingSmall(_ symbol: PlacedSymbol) -> Bool {
        symbol.height < 0.6 * digitHeight && symbol.bottom < baseline - 0.15 * digitHeight
    }

    /// `.` on the baseline, `\cdot` at mid-height; nil for a speck or a dot elsewhere.
    func dotRole(_ symbol: PlacedSymbol) -> String? {
        guard max(symbol.width, symbol.height) >= LineLayout.speckSize * digitHeight else { return nil }
        let center = symbol.centerY
        if center >= baseline - 0.3 * digitHeight && center <= baseline + 0.3 * digitHeight {
            return LineLayout.decimalPoint
        }
        if abs(center - middle) <= 0.2 * digitHeight { return LineLayout.multiplicationDot }
        return nil
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
