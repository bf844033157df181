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
        var logProbability: Double
        var previous: Int
        var choice: Int
    }

    /// For each symbol, the index of the chosen alternative in the best grammatical reading;
    /// throws `GrammarError.ungrammatical` explaining why the classifier's best labels fail.
    func decode(_ symbols: [[Alternative]]) throws -> [Int] {
        var columns: [[Path]] = [[Path(state: .start, logProbability: 0, previous: -1, choice: -1)]]
        for alternatives in symbols {
            var next: [Path] = []
            var indexOfState: [SyntaxState: Int] = [:]
            for (pathIndex, path) in (columns.last ?? []).enumerated() {
                for (choice, alternative) in alternatives.enumerated() where alternative.probability > 0 {
                    guard let state = path.state.next(alternative.latex, in: grammar) else { continue }
                    let candidate = Path(state: state, logProbability: path.logProbability + log(alternative.probability),
                                         previous: pathIndex, choice: choice)
                    if let index = indexOfState[state] {
                        if candidate.logProbability > next[index].logProbability { next[index] = candidate }
                    } else {
                        indexOfState[state] = next.count
                        next.append(candidate)
                    }
                }
            }
            if next.count > beamWidth {
                // Sort by score, ties by arrival order, so that results never depend on hashing.
                next = next.enumerated()
                    .sorted { ($0.element.logProbability, -$0.offset) > ($1.element.logProbability, -$1.offset) }
                    .prefix(beamWidth).map(\.element)
            }
            if next.isEmpty { throw GrammarError.ungrammatical(reason: explainBestLabels(symbols)) }
            columns.append(next)
        }
        let last = columns.last ?? []
        guard let best = last.indices.filter({ last[$0].state.isComplete })
            .max(by: { last[$0].logProbability < last[$1].logProbability }) else {
            throw GrammarError.ungrammatical(reason: explainBestLabels(symbols))
        }
        var choices: [Int] = []
        var index = best
        for column in columns.dropFirst().reversed() {
            choices.append(column[index].choice)
            index = column[index].previous
        }
        return choices.reversed()
    }

    /// Why the top-1 labels do not form a grammatical line.
    func explainBestLabels(_ symbols: [[Alternative]]) -> String {
        var state = SyntaxState.start
        var previous: String?
        for (index, alternatives) in symbols.enumerated() {
            guard let label = alternatives.first?.latex else {
                return "symbol \(index + 1) has no alternatives"
            }
            guard let next = state.next(label, in: grammar) else {
                return state.whyNot(label, position: index + 1, after: previous, in: grammar)
                    + "; no other alternative of the classifier makes the line grammatical"
            }
            state = next
            previous = label
        }
        if state.isComplete {
            return "a symbol's alternatives all have probability 0"
        }
        return state.whyIncomplete(last: previous) + "; no other alternative of the classifier makes the line grammatical"
    }
}
