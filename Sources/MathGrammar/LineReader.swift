import Foundation

/// Reads one line of classified symbols: layout, grammar-constrained choice among each
/// symbol's alternatives, expression tree, LaTeX, MathML, exact value and verdict.
public struct LineReader: Sendable {
    public let grammar: Grammar

    /// Decimal places of `LineReading.approximateValue`.
    public static let approximationPlaces = 6

    /// How much less probable (natural log of the ratio) the best grammatical reading of a line
    /// may be than its most probable labels and still replace them: e^4 ≈ 55 times. Within it,
    /// the grammar repairs weak misreadings (`+` read as `t` at 0.6 against 0.3); beyond it the
    /// classifier was sure of what it saw, and a parse built from alternatives it all but ruled
    /// out (a lone `+` at 0.9998 printed as the `4` at 0.0001) would put words in the writer's
    /// hand: the line is reported as written, with its problem, and gets no value and no verdict.
    /// Measured on training writers (CROHME 2016 train, rendered clean and photo-like, and 3 × 1000
    /// equations composed from its symbols): of the repairs that cost more than 4, 10 in 100
    /// gave the true line, of those within 4, 53 in 160; with 4 the exact matches fall by at
    /// most 3 in 1000 equations (none on the 451 real training expressions) against no bound.
    public static let repairMargin = 4.0

    public init(grammar: Grammar) {
        self.grammar = grammar
    }

    /// Reads the symbols of one line (any order; boxes in image pixels). Never throws: a line
    /// without a grammatical reading is returned with `problem` set.
    /// `strokeWidth` is the pen's stroke width in the boxes' pixels (nil or 0 when unknown): it tells
    /// a short drawn minus from a pen-tap dot.
    public func read(_ symbols: [PlacedSymbol], strokeWidth: Double? = nil) -> LineReading {
        read(symbols, strokeWidth: strokeWidth, checkpoint: {})
    }

    /// `checkpoint` is called per symbol of the grammar's search and may throw to stop a line
    /// that takes too long (a line of thousands of specks; see `Recognizer.Options.timeBudget`).
    public func read(_ symbols: [PlacedSymbol], strokeWidth: Double? = nil, checkpoint: () throws -> Void) rethrows -> LineReading {
        let layout = LineLayout(symbols, digits: grammar.number.digits, brackets: Set(grammar.groups.flatMap { [$0.open, $0.close] }),
                                strokeWidth: strokeWidth)
        return try read(layout.symbols, ignored: layout.ignored, checkpoint: checkpoint)
    }

    /// Reads labels known for certain (probability 1), skipping the layout step: for typed
    /// input and tests. `["1", ".", "5", "+", "2"]` is `1.5 + 2`.
    public func read(labels: [String]) -> LineReading {
        let symbols = labels.enumerated().map { index, label in
            let certain = [Alternative(latex: label, probability: 1)]
            return LineLayout.Symbol(alternatives: certain, weighted: certain, inputIndices: [index],
                                     x: 0, y: 0, width: 0, height: 0)
        }
        return read(symbols, ignored: [], checkpoint: {})
    }

    private func read(_ symbols: [LineLayout.Symbol], ignored: [Int], checkpoint: () throws -> Void) rethrows -> LineReading {
        var symbols = symbols
        var reading = LineReading(ignoredInputIndices: ignored)
        guard !symbols.isEmpty else {
            reading.problem = "the line has no symbols"
            return reading
        }
        let decoder = GrammarDecoder(grammar: grammar)
        let weighted = symbols.map(\.weighted)
        // What was written: each symbol's most probable label (shape weights included).
        let written = GrammarDecoder.mostProbable(weighted)
        var choices = written.choices
        switch try decoder.decode(weighted, checkpoint: checkpoint) {
        case .success(let grammatical):
            // A lone symbol has no neighbours to judge it by: the only grammatical readings are
            // digits, so a repair would turn every lone operator, bracket or dot into one.
            let hasContext = symbols.count > 1
            if hasContext, written.logProbability - grammatical.logProbability <= Self.repairMargin {
                choices = grammatical.choices
            } else if let reason = decoder.whyNot(label(written.choices, of: symbols)) {
                let closest = rawLatex(label(grammatical.choices, of: symbols))
                let times = exp(written.logProbability - grammatical.logProbability)
                reading.problem = "not grammatical as written: \(reason); the closest grammatical reading, '\(closest)', "
                    + "is \(Self.describe(times)) times less probable"
                    + (hasContext ? ", too far to replace what was written" : ", and a lone symbol is not rewritten")
            }
        case .failure(let error):
            // No grammatical reading: report the best labels and why they fail.
            reading.problem = StatementEvaluation.reason(error)
        }
        // Reported in the classifier's own probabilities; the shape weights only steer the choice.
        // A mark set aside as a speck counts at the price of that reading: discarding ink the
        // classifier saw as a symbol is a guess, never more certain than the network was.
        reading.confidence = zip(symbols, choices).reduce(1) { product, pair in
            product * (pair.0.alternatives.indices.contains(pair.1) ? pair.0.alternatives[pair.1].probability : 0)
        }
        // Marks the reading set aside as specks join the noise the layout left out.
        let setAside = symbols.indices.filter { index in
            symbols[index].alternatives.indices.contains(choices[index])
                && symbols[index].alternatives[choices[index]].latex == LineLayout.noise
        }
        if !setAside.isEmpty {
            reading.ignoredInputIndices = (ignored + setAside.flatMap { symbols[$0].inputIndices }).sorted()
            let kept = symbols.indices.filter { !setAside.contains($0) }
            symbols = kept.map { symbols[$0] }
            choices = kept.map { choices[$0] }
        }
        reading.symbols = zip(symbols, choices).map { symbol, choice in
            // A symbol without alternatives (only in a raw reading) shows as "?".
            let chosen = symbol.alternatives.indices.contains(choice)
                ? symbol.alternatives[choice] : Alternative(latex: "?", probability: 0)
            var others = symbol.alternatives
            if others.indices.contains(choice) { others.remove(at: choice) }
            others.removeAll { $0.latex == LineLayout.noise }
            return ChosenSymbol(latex: chosen.latex, probability: chosen.probability, others: others,
                                inputIndices: symbol.inputIndices, x: symbol.x, y: symbol.y,
                                width: symbol.width, height: symbol.height)
        }
        let labels = reading.symbols.map(\.latex)
        guard reading.problem == nil else {
            reading.latex = rawLatex(labels)
            return reading
        }
        do {
            let statement = try ExpressionParser(grammar: grammar).parse(labels)
            let evaluation = StatementEvaluation(statement)
            reading.statement = statement
            reading.latex = statement.latex
            reading.mathML = statement.mathML
            reading.value = evaluation.value?.description
            if let value = evaluation.value?.exact, value.terminatingPlaces == nil {
                reading.approximateValue = value.approximation(places: Self.approximationPlaces)
            }
            reading.verdict = evaluation.verdict
            reading.verdictNote = evaluation.note
        } catch {
            reading.latex = rawLatex(labels)
            reading.problem = StatementEvaluation.reason(error)
        }
        return reading
    }

    /// The labels of one choice of alternatives per symbol.
    private func label(_ choices: [Int], of symbols: [LineLayout.Symbol]) -> [String] {
        zip(symbols, choices).map { symbol, choice in
            symbol.alternatives.indices.contains(choice) ? symbol.alternatives[choice].latex : "?"
        }.filter { $0 != LineLayout.noise }
    }

    /// A ratio for a reader: `12`, `3400`, `2.1e+07`.
    private static func describe(_ ratio: Double) -> String {
        ratio < 1e5 ? String(format: "%.0f", ratio) : String(format: "%.1e", ratio)
    }

    /// Labels joined with single spaces, digits and decimal points of one number kept together.
    private func rawLatex(_ labels: [String]) -> String {
        grammar.joiningNumbers(labels).map(\.text).joined(separator: " ")
    }
}
