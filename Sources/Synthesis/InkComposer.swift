import NeuralNetwork
import InkInput
import Vocabulary
/// Writes new expressions with real handwritten symbols: picks samples from an `InkSymbolBank`
/// (one writer per expression where the bank allows), and lays them out left to right on a
/// common baseline with gaps like a person leaves, small wobbles in size and height included.
/// The result is an `InkDocument` with per-symbol truth, ready for `InkRenderer`.
public struct InkComposer: Sendable {
    /// The samples used: the given bank without its outliers.
    public let bank: InkSymbolBank
    /// Height of a digit in the composed document's units.
    public var digitHeight = 100.0
    /// Random change of each symbol's size, as a fraction (0.08 = ±8 %).
    public var sizeJitter = 0.08
    /// Random shift of each symbol up or down, in digit heights.
    public var baselineJitter = 0.05

    public init(bank: InkSymbolBank) {
        self.bank = bank.withoutOutliers()
    }

    /// Composes `tokens` in mathscan's token form (`["3", "\\times", "(", "5", "+", "1", ")",
    /// "=", "18"]`; numbers may be whole tokens). The same tokens and seed give the same document.
    public func compose(_ tokens: [String], seed: UInt64) throws -> InkDocument {
        let labels = try Self.symbolLabels(of: tokens)
        guard !labels.isEmpty else { throw InkInputError.nothingToCompose }
        for label in labels where bank.samples(of: label).isEmpty { throw InkInputError.noSymbolSamples(label: label) }
        var generator = SeededGenerator(seed: seed)
        let writers = writerPlan(for: labels, using: &generator)

        var traces: [InkTrace] = []
        var symbols: [InkSymbol] = []
        var penX = 0.0
        for (index, label) in labels.enumerated() {
            let samples = bank.samples(of: label)
            let own = samples.filter { $0.writer == writers[label] }
            let pool = own.isEmpty ? samples : own
            let sample = pool[Int.random(in: 0..<pool.count, using: &generator)]
            let size = digitHeight * (1 + Double.random(in: -sizeJitter...sizeJitter, using: &generator))
            let shift = digitHeight * Double.random(in: -baselineJitter...baselineJitter, using: &generator)
            if index > 0 {
                penX += digitHeight * Self.gap(after: labels[index - 1], before: label, using: &generator)
            }
            var ids: [String] = []
            for (strokeIndex, stroke) in sample.strokes.enumerated() {
                let id = "s\(index)-\(strokeIndex)"
                ids.append(id)
                traces.append(InkTrace(id: id, points: stroke.map { InkPoint(x: penX + $0.x * size, y: shift + $0.y * size) }))
            }
            symbols.append(InkSymbol(label: label, traceIDs: ids))
            penX += sample.width * size
        }
        return InkDocument(traces: traces, symbols: symbols, truthLaTeX: Self.tokenForm(of: labels))
    }

    /// One symbol label per handwritten symbol: numbers are split into digits and points.
    public static func symbolLabels(of tokens: [String]) throws -> [String] {
        var labels: [String] = []
        for token in tokens {
            if InkSymbolBank.labels.contains(token) {
                labels.append(token)
            } else if !token.isEmpty, token.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
                labels += token.map { String($0) }
            } else {
                throw InkInputError.noSymbolSamples(label: token)
            }
        }
        return labels
    }

    /// The truth as mathscan prints it: numbers whole, tokens separated by one space.
    static func tokenForm(of labels: [String]) -> String {
        var tokens: [String] = []
        var previousWasNumber = false
        for label in labels {
            let isNumber = InkSymbolBank.isDigit(label) || label == MathSymbol.decimalPoint
            if isNumber, previousWasNumber, let last = tokens.popLast() {
                tokens.append(last + label)
            } else {
                tokens.append(label)
            }
            previousWasNumber = isNumber
        }
        return tokens.joined(separator: " ")
    }

    /// Who writes each symbol: a writer who wrote as many of the expression's distinct symbols
    /// as anyone did (chosen at random among those), then the same rule for what is left, so
    /// an expression mixes as few hands as the bank allows and both parentheses match.
    private func writerPlan(for labels: [String], using generator: inout SeededGenerator) -> [String: String] {
        var plan: [String: String] = [:]
        var left = Set(labels)
        while !left.isEmpty {
            var coverage: [String: Int] = [:]
            for label in left {
                for writer in bank.writers(of: label) { coverage[writer, default: 0] += 1 }
            }
            guard let best = coverage.values.max() else { break }
            let candidates = coverage.filter { $0.value == best }.map(\.key).sorted()
            let writer = candidates[Int.random(in: 0..<candidates.count, using: &generator)]
            for label in left where bank.writers(of: label).contains(writer) { plan[label] = writer }
            left.subtract(plan.keys)
        }
        return plan
    }

    /// Horizontal space between two symbols, in digit heights: tight inside a number and
    /// inside parentheses, wider around operators. The ranges follow the CROHME 2013 writers:
    /// gaps between neighbouring digits have quartiles 0.19 / 0.36 / 0.76 digit heights (some
    /// of those pairs belong to different numbers), between a digit and an operator
    /// 0.34 / 0.55 / 0.97.
    static func gap(after left: String, before right: String, using generator: inout SeededGenerator) -> Double {
        let leftIsNumber = InkSymbolBank.isDigit(left) || left == MathSymbol.decimalPoint
        let rightIsNumber = InkSymbolBank.isDigit(right) || right == MathSymbol.decimalPoint
        if leftIsNumber && rightIsNumber {
            return left == MathSymbol.decimalPoint || right == MathSymbol.decimalPoint ? Double.random(in: 0.15...0.5, using: &generator)
                                               : Double.random(in: 0.1...0.5, using: &generator)
        }
        if left == MathSymbol.openParenthesis || right == MathSymbol.closeParenthesis { return Double.random(in: 0.12...0.4, using: &generator) }
        return Double.random(in: 0.25...0.9, using: &generator)
    }
}
