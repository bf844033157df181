import Foundation

/// Finds the most probable reading of a line that the grammar accepts, choosing one
/// alternative per symbol: Viterbi search over `SyntaxState`s (the states play the role of a
/// parser's stack), keeping the best path into each state and at most `beamWidth` states.
struct GrammarDecoder {
    let grammar: Grammar
    /// Bounds the number of distinct states (they differ only in nesting of brackets).
    var beamWidth = 512

    /// The best path into a state after some symbols; `previous` indexes the paths one symbol back.
    private struct Path {
        var state: SyntaxState
        /// The classifier's log-probability of the choices so far.
        var logProbability: Double
        /// What the search ranks by: `logProbability` plus the log-priors of the rules used.
        var score: Double
        var previous: Int
        var choice: Int
    }

    /// Where each state of a column is: a column usually holds a handful of states, which a
    /// scan compares faster than hashing them; a long one (deep brackets) gets a dictionary.
    private struct StateIndex {
        static let scanLimit = 16
        private var dictionary: [SyntaxState: Int]?

        func index(of state: SyntaxState, in paths: [Path]) -> Int? {
            if let dictionary { return dictionary[state] }
            return paths.firstIndex { $0.state == state }
        }

        /// Records that `paths[index]` (about to be appended) ends in `state`.
        mutating func add(_ state: SyntaxState, at index: Int, after paths: [Path]) {
            if dictionary != nil {
                dictionary?[state] = index
            } else if index >= Self.scanLimit {
                var all = [SyntaxState: Int](minimumCapacity: 2 * index)
                for (earlier, path) in paths.enumerated() { all[path.state] = earlier }
                all[state] = index
                dictionary = all
            }
        }
    }

    /// The most probable grammatical reading (the classifier's probabilities weighed by the
    /// rules' priors): for each symbol the index of its chosen alternative, and the sum of
    /// their log-probabilities (the classifier's alone).
    struct Reading: Equatable {
        var choices: [Int]
        var logProbability: Double
    }

    /// The best grammatical reading, or `GrammarError.ungrammatical` explaining why the
    /// classifier's best labels fail when no choice of alternatives is grammatical.
    /// `checkpoint` is called per symbol (work grows with the line's length times the beam) and
    /// may throw to stop a line that takes too long.
    func decode(_ symbols: [[Alternative]], checkpoint: () throws -> Void) rethrows -> Result<Reading, GrammarError> {
        var columns: [[Path]] = [[Path(state: .start, logProbability: 0, score: 0, previous: -1, choice: -1)]]
        for alternatives in symbols {
            try checkpoint()
            // Each alternative's role, log-probability and prior once, not once per state.
            let tried = alternatives.enumerated().filter { $0.element.probability > 0 }.map { choice, alternative in
                // A mark set aside as noise leaves the reading where it was (no role).
                (choice: choice, role: alternative.latex == LineLayout.noise ? nil : SymbolRole(alternative.latex, in: grammar),
                 logProbability: log(alternative.probability),
                 logPrefixPrior: log(grammar.prefixOperators[alternative.latex]?.prior ?? 1))
            }
            var next: [Path] = []
            var states = StateIndex()
            for (pathIndex, path) in (columns.last ?? []).enumerated() {
                for alternative in tried {
                    let following = alternative.role.map { path.state.next($0) } ?? path.state
                    guard let state = following else { continue }
                    // A prefix operator used where an operand is due pays its rule's prior
                    // (log 1 = 0 otherwise).
                    let logPrior = state.phase == .afterPrefix && path.state.phase != .afterPrefix ? alternative.logPrefixPrior : 0
                    let candidate = Path(state: state, logProbability: path.logProbability + alternative.logProbability,
                                         score: path.score + alternative.logProbability + logPrior,
                                         previous: pathIndex, choice: alternative.choice)
                    if let index = states.index(of: state, in: next) {
                        if candidate.score > next[index].score { next[index] = candidate }
                    } else {
                        states.add(state, at: next.count, after: next)
                        next.append(candidate)
                    }
                }
            }
            if next.count > beamWidth {
                // Sort by score, ties by arrival order, so that results never depend on hashing.
                next = next.enumerated()
                    .sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
                    .prefix(beamWidth).map(\.element)
            }
            if next.isEmpty { return .failure(.ungrammatical(reason: noReading(symbols))) }
            columns.append(next)
        }
        let last = columns.last ?? []
        guard let best = last.indices.filter({ last[$0].state.isComplete })
            .max(by: { last[$0].score < last[$1].score }) else {
            return .failure(.ungrammatical(reason: noReading(symbols)))
        }
        var choices: [Int] = []
        var index = best
        for column in columns.dropFirst().reversed() {
            choices.append(column[index].choice)
            index = column[index].previous
        }
        return .success(Reading(choices: choices.reversed(), logProbability: last[best].logProbability))
    }

    /// The reading that takes each symbol's most probable alternative, grammatical or not
    /// (the first of equals, so the classifier's order breaks ties).
    static func mostProbable(_ symbols: [[Alternative]]) -> Reading {
        var reading = Reading(choices: [], logProbability: 0)
        for alternatives in symbols {
            let best = alternatives.indices.max {
                (alternatives[$0].probability, -$0) < (alternatives[$1].probability, -$1)
            }
            reading.choices.append(best ?? 0)
            reading.logProbability += best.map { log(alternatives[$0].probability) } ?? -.infinity
        }
        return reading
    }

    /// Why the line has no grammatical reading at all: what is wrong with its most probable labels.
    private func noReading(_ symbols: [[Alternative]]) -> String {
        if let missing = symbols.firstIndex(where: \.isEmpty) { return "symbol \(missing + 1) has no alternatives" }
        let labels = zip(symbols, Self.mostProbable(symbols).choices).map { $0[$1].latex }
        guard let reason = whyNot(labels) else { return "a symbol's alternatives all have probability 0" }
        return reason + "; no other alternative of the classifier makes the line grammatical"
    }

    /// Why `labels` do not form a grammatical line; nil when they do.
    func whyNot(_ labels: [String]) -> String? {
        var state = SyntaxState.start
        var previous: String?
        for (index, label) in labels.enumerated() {
            guard let next = state.next(label, in: grammar) else {
                return state.whyNot(label, position: index + 1, after: previous, in: grammar)
            }
            state = next
            previous = label
        }
        return state.isComplete ? nil : state.whyIncomplete(last: previous)
    }
}
