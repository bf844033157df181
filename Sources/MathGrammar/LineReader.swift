/// Reads one line of classified symbols: layout, grammar-constrained choice among each
/// symbol's alternatives, expression tree, LaTeX, MathML, exact value and verdict.
public struct LineReader: Sendable {
    public let grammar: Grammar

    /// Decimal places of `LineReading.approximateValue`.
    public static let approximationPlaces = 6

    public init(grammar: Grammar) {
        self.grammar = grammar
    }

    /// Reads the symbols of one line (any order; boxes in image pixels). Never throws: a line
    /// without a grammatical reading is returned with `problem` set.
    public func read(_ symbols: [PlacedSymbol]) -> LineReading {
        let layout = LineLayout(symbols, digits: grammar.number.digits)
        return read(layout.symbols, ignored: layout.ignored)
    }

    /// Reads labels known for certain (probability 1), skipping the layout step: for typed
    /// input and tests. `["1", ".", "5", "+", "2"]` is `1.5 + 2`.
    public func read(labels: [String]) -> LineReading {
        let symbols = labels.enumerated().map { index, label in
            let certain = [Alternative(latex: label, probability: 1)]
            return LineLayout.Symbol(alternatives: certain, weighted: certain, inputIndices: [index],
                                     x: 0, y: 0, width: 0, height: 0)
        }
        return read(symbols, ignored: [])
    }

    private func read(_ symbols: [LineLayout.Symbol], ignored: [Int]) -> LineReading {
        var reading = LineReading(ignoredInputIndices: ignored)
        guard !symbols.isEmpty else {
            reading.problem = "the line has no symbols"
            return reading
        }
        let decoder = GrammarDecoder(grammar: grammar)
        let choices: [Int]
        do {
            choices = try decoder.decode(symbols.map(\.weighted))
            // Reported in the classifier's own probabilities; the shape weights only steer the choice.
            reading.confidence = zip(symbols, choices).reduce(1) { $0 * $1.0.alternatives[$1.1].probability }
        } catch {
            // No grammatical reading: report the classifier's best labels and why they fail.
            choices = symbols.map { _ in 0 }
            reading.confidence = symbols.reduce(1) { $0 * ($1.alternatives.first?.probability ?? 0) }
            reading.problem = StatementEvaluation.reason(error)
        }
        reading.symbols = zip(symbols, choices).map { symbol, choice in
            // A symbol without alternatives (only in a raw reading) shows as "?".
            let chosen = symbol.alternatives.indices.contains(choice)
                ? symbol.alternatives[choice] : Alternative(latex: "?", probability: 0)
            var others = symbol.alternatives
            if others.indices.contains(choice) { others.remove(at: choice) }
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
            if let value = evaluation.value, value.terminatingPlaces == nil {
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

    /// Labels joined with single spaces, digits and decimal points of one number kept together.
    private func rawLatex(_ labels: [String]) -> String {
        grammar.joiningNumbers(labels).map(\.text).joined(separator: " ")
    }
}
