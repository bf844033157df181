/// What went wrong in a reading, found by aligning its tokens with the truth's: first the lines
/// (a line read that was not written, a written line not read, lines read as one or one read as
/// several), then the tokens of the lines paired. The alignment is the cheapest one; its cost
/// is zero only for identical pages, so a page with no errors is exactly a page the reference
/// counts as right.
public enum ReadingErrorClass: String, CaseIterable, Sendable {
    case extraLine = "extra line"
    case missingLine = "missing line"
    /// Several true lines read as one (worksheet items side by side read as one line).
    case mergedLines = "merged lines"
    /// One true line read as several.
    case splitLine = "split line"
    case missingSymbol = "missing symbol"
    case extraSymbol = "extra symbol"
    case substitution
    /// One true token read as several (`\div` read as `- .`).
    case split
    /// Several true tokens read as one (`1 1` read as `4`).
    case merge

    /// Whole lines: counted, but their forms (whole lines of tokens) are not listed.
    public var isLineLevel: Bool { [.extraLine, .missingLine, .mergedLines, .splitLine].contains(self) }
}

/// One difference between truth and reading: the true tokens and the tokens read in their place
/// (for a whole missing or extra line, the line's tokens).
public struct ReadingError: Equatable, Sendable {
    public var kind: ReadingErrorClass
    public var truth: [String]
    public var read: [String]

    public init(_ kind: ReadingErrorClass, truth: [String], read: [String]) {
        self.kind = kind
        self.truth = truth
        self.read = read
    }

    /// `\div→-` for a substitution, `1 1→4` for a merge; the tokens alone for a missing or
    /// extra symbol or line; `truth → read` for regrouped lines (`;` between lines).
    public var key: String {
        switch kind {
        case .substitution, .split, .merge: truth.joined(separator: " ") + "→" + read.joined(separator: " ")
        case .missingSymbol, .missingLine: truth.joined(separator: " ")
        case .extraSymbol, .extraLine: read.joined(separator: " ")
        case .mergedLines, .splitLine: truth.joined(separator: " ") + " → " + read.joined(separator: " ")
        }
    }
}

public enum ReadingErrors {
    /// Costs in quarter-units: a substitution, missing or extra symbol 4, a split or merge of k
    /// tokens 3k. So a regrouping beats a substitution plus missing or extra symbols, and one of
    /// three beats one of two plus an extra symbol, but a true token read unchanged beside
    /// others is a match plus extra (or missing) symbols, never a regrouping.
    static let substitutionCost = 4, gapCost = 4
    static func regroupCost(_ count: Int) -> Int { 3 * count }
    static let regroupSizes = 2...3

    /// Lines joined or cut: at most this many lines are taken as one, and each join costs a
    /// little more than a missing symbol, so lines are regrouped only when their tokens were
    /// read (an empty line read is an extra line, not a split one).
    static let lineGroupSizes = 2...6
    static let lineJoinCost = gapCost + 1

    /// The differences between the truth's lines and the reading's lines (tokens, as
    /// `ScoreTokens.lines` cuts them). Empty exactly when the lines are equal.
    public static func find(truth: [[String]], read: [[String]]) -> [ReadingError] {
        let (n, m) = (truth.count, read.count)
        // The token alignment of true lines i-t..<i, joined, with read lines j-r..<j, joined.
        var alignments: [[Int]: (cost: Int, errors: [ReadingError])] = [:]
        func aligned(_ i: Int, _ t: Int, _ j: Int, _ r: Int) -> (cost: Int, errors: [ReadingError]) {
            if let known = alignments[[i, t, j, r]] { return known }
            let result = tokenAlignment(Array(truth[(i - t)..<i].joined()), Array(read[(j - r)..<j].joined()))
            alignments[[i, t, j, r]] = result
            return result
        }
        func stepCost(_ step: LineStep, _ i: Int, _ j: Int) -> Int {
            switch step.kind {
            case .missingLine: gapCost * max(1, truth[i - 1].count)
            case .extraLine: gapCost * max(1, read[j - 1].count)
            default: aligned(i, step.truth, j, step.read).cost + lineJoinCost * (step.truth + step.read - 2)
            }
        }
        // cost[i][j]: cheapest alignment of the first i true lines with the first j read lines.
        var cost = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n {
            for j in 0...m where i > 0 || j > 0 {
                cost[i][j] = lineSteps(i, j).map { cost[i - $0.truth][j - $0.read] + stepCost($0, i, j) }.min() ?? 0
            }
        }
        // Walk back taking the first step that explains the cost: a pair of lines before a
        // regrouping, a regrouping before a missing plus an extra line.
        var errors: [ReadingError] = []
        var (i, j) = (n, m)
        while i > 0 || j > 0 {
            guard let step = lineSteps(i, j).first(where: { cost[i - $0.truth][j - $0.read] + stepCost($0, i, j) == cost[i][j] }) else { break }
            let joinedTruth = Array(truth[(i - step.truth)..<i].joined(separator: [ScoreTokens.lineSeparator]))
            let joinedRead = Array(read[(j - step.read)..<j].joined(separator: [ScoreTokens.lineSeparator]))
            switch step.kind {
            case .missingLine?, .extraLine?:
                errors.insert(ReadingError(step.kind ?? .missingLine, truth: joinedTruth, read: joinedRead), at: 0)
            default:
                var found = aligned(i, step.truth, j, step.read).errors
                if let kind = step.kind { found.insert(ReadingError(kind, truth: joinedTruth, read: joinedRead), at: 0) }
                errors = found + errors
            }
            (i, j) = (i - step.truth, j - step.read)
        }
        return errors
    }

    private struct LineStep {
        var truth: Int, read: Int
        /// nil for a pair of lines.
        var kind: ReadingErrorClass?
    }

    /// The steps that can end a line alignment at (i, j), in the order the walk back prefers them.
    private static func lineSteps(_ i: Int, _ j: Int) -> [LineStep] {
        var steps: [LineStep] = []
        if i > 0, j > 0 { steps.append(LineStep(truth: 1, read: 1, kind: nil)) }
        if j > 0 { for k in lineGroupSizes where i >= k { steps.append(LineStep(truth: k, read: 1, kind: .mergedLines)) } }
        if i > 0 { for k in lineGroupSizes where j >= k { steps.append(LineStep(truth: 1, read: k, kind: .splitLine)) } }
        if i > 0 { steps.append(LineStep(truth: 1, read: 0, kind: .missingLine)) }
        if j > 0 { steps.append(LineStep(truth: 0, read: 1, kind: .extraLine)) }
        return steps
    }

    /// The cheapest alignment of one true line with one read line, and its differences in order.
    static func tokenAlignment(_ truth: [String], _ read: [String]) -> (cost: Int, errors: [ReadingError]) {
        let (n, m) = (truth.count, read.count)
        var cost = [[Int]](repeating: [Int](repeating: Int.max, count: m + 1), count: n + 1)
        cost[0][0] = 0
        for i in 0...n {
            for j in 0...m where i > 0 || j > 0 {
                var best = Int.max
                for step in steps(truth, read, i, j) { best = min(best, cost[i - step.truth][j - step.read] + step.cost) }
                cost[i][j] = best
            }
        }
        // Walk back taking the first step that explains the cost, in the order `steps` lists
        // them: match, substitution, split, merge, missing, extra.
        var errors: [ReadingError] = []
        var (i, j) = (n, m)
        while i > 0 || j > 0 {
            guard let step = steps(truth, read, i, j).first(where: { cost[i - $0.truth][j - $0.read] + $0.cost == cost[i][j] }) else { break }
            let (t, r) = (Array(truth[(i - step.truth)..<i]), Array(read[(j - step.read)..<j]))
            if let kind = step.kind { errors.insert(ReadingError(kind, truth: t, read: r), at: 0) }
            (i, j) = (i - step.truth, j - step.read)
        }
        return (cost[n][m], errors)
    }

    private struct Step {
        var truth: Int, read: Int, cost: Int
        var kind: ReadingErrorClass?
    }

    /// The steps that can end an alignment at (i, j), each taking `truth` true and `read` read tokens.
    private static func steps(_ truth: [String], _ read: [String], _ i: Int, _ j: Int) -> [Step] {
        var steps: [Step] = []
        if i > 0, j > 0 {
            steps.append(truth[i - 1] == read[j - 1] ? Step(truth: 1, read: 1, cost: 0, kind: nil)
                                                     : Step(truth: 1, read: 1, cost: substitutionCost, kind: .substitution))
        }
        if i > 0 { for k in regroupSizes where j >= k { steps.append(Step(truth: 1, read: k, cost: regroupCost(k), kind: .split)) } }
        if j > 0 { for k in regroupSizes where i >= k { steps.append(Step(truth: k, read: 1, cost: regroupCost(k), kind: .merge)) } }
        if i > 0 { steps.append(Step(truth: 1, read: 0, cost: gapCost, kind: .missingSymbol)) }
        if j > 0 { steps.append(Step(truth: 0, read: 1, cost: gapCost, kind: .extraSymbol)) }
        return steps
    }
}
