/// Turns the symbols of one line, as boxes with top-k labels, into the sequence the grammar
/// reads: left to right, an `=` split into two bars rejoined, and small dots told apart by
/// their size and height on the line — a decimal point sits on the baseline, a multiplication
/// dot at mid-height, anything else that small is noise.
struct LineLayout {
    /// A symbol of the reading sequence, made of one or two input symbols.
    struct Symbol: Equatable {
        /// The classifier's alternatives, best first.
        var alternatives: [Alternative]
        /// The same alternatives with probabilities weighed by how well the box fits each
        /// label (see `shapeFit`); the decoder searches with these.
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

    /// A dot is at most this fraction of the line's digit height, both ways.
    static let dotSize = 0.3
    /// Smaller than this fraction of the digit height is a speck, not a symbol.
    static let speckSize = 0.05

    /// A digit much shorter than the line's digits that floats above the baseline is more
    /// likely an operator (a `+` misread as `4`): its probability is multiplied by this.
    static let floatingDigitWeight = 0.2

    /// `digits` are the grammar's digit symbols, which should stand on the baseline.
    init(_ input: [PlacedSymbol], digits: Set<String>) {
        let order = input.indices.sorted { (input[$0].centerX, $0) < (input[$1].centerX, $1) }
        let pieces = Self.rejoinEquals(order.map { (index: $0, symbol: input[$0]) })
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

    /// Two bars, one above the other with overlapping x-ranges and similar widths, are one `=`.
    private static func rejoinEquals(_ sorted: [(index: Int, symbol: PlacedSymbol)]) -> [(indices: [Int], symbol: PlacedSymbol)] {
        var result: [(indices: [Int], symbol: PlacedSymbol)] = []
        var used = Set<Int>()
        for (position, first) in sorted.enumerated() where !used.contains(first.index) {
            guard let firstBar = barProbability(first.symbol) else {
                result.append(([first.index], first.symbol))
                continue
            }
            // Its partner starts before `first` ends horizontally, so it is among the next few.
            let partner = sorted[(position + 1)...].prefix(4).first { other in
                !used.contains(other.index) && barProbability(other.symbol) != nil && areStackedBars(first.symbol, other.symbol)
            }
            guard let partner, let secondBar = barProbability(partner.symbol) else {
                result.append(([first.index], first.symbol))
                continue
            }
            used.insert(partner.index)
            let a = first.symbol, b = partner.symbol
            let left = min(a.x, b.x), top = min(a.y, b.y)
            let merged = PlacedSymbol(
                x: left, y: top, width: max(a.right, b.right) - left, height: max(a.bottom, b.bottom) - top,
                alternatives: [Alternative(latex: equals, probability: firstBar * secondBar)])
            result.append(([first.index, partner.index].sorted(), merged))
        }
        return result
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
