import InkInput
import MathGrammar

/// The 2-D parser alone against CROHME truth: each file's TRUE symbols (their strokes' boxes and
/// annotated labels) are laid out, and the LaTeX compared with the file's truth after
/// `CROHMELaTeX` normalisation. Misses are sorted by which structure differs.
public enum StructureEvaluation {
    /// The true symbols of an InkML document as placed symbols, each with its label alone (p = 1).
    /// Symbols without strokes are left out.
    public static func placedSymbols(of document: InkDocument) -> [PlacedSymbol] {
        document.symbols.compactMap { symbol in
            let points = document.traces(of: symbol).flatMap(\.points)
            guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
                  let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return nil }
            return PlacedSymbol(x: minX, y: minY, width: maxX - minX, height: maxY - minY,
                                alternatives: [Alternative(latex: symbol.label, probability: 1)])
        }
    }

    /// The structures counted when a reading misses: LaTeX token → name.
    public static let structures: [(token: String, name: String)] = [
        ("^", "superscript"), ("_", "subscript"), ("\\frac", "fraction"), ("\\sqrt", "root"),
    ]

    /// How one reading compares with its truth (both already normalised).
    public struct Comparison: Sendable, Equatable {
        public var isMatch: Bool
        /// For a miss: "superscript missed", "fraction extra", ..., or "same structures, placed differently".
        public var problems: [String]
    }

    public static func compare(reading: String, truth: String) -> Comparison {
        guard reading != truth else { return Comparison(isMatch: true, problems: []) }
        let read = reading.split(separator: " ").map(String.init)
        let wanted = truth.split(separator: " ").map(String.init)
        var problems: [String] = []
        for (token, name) in structures {
            let found = read.filter { $0 == token }.count
            let expected = wanted.filter { $0 == token }.count
            if found < expected { problems.append("\(name) missed") }
            if found > expected { problems.append("\(name) extra") }
        }
        if problems.isEmpty {
            let symbols = { (tokens: [String]) in tokens.filter { !["{", "}", "^", "_"].contains($0) }.sorted() }
            problems.append(symbols(read) == symbols(wanted) ? "same structures, placed differently" : "different symbols")
        }
        return Comparison(isMatch: false, problems: problems)
    }

    /// Readings counted against their truths: how many match, and the misses by what differs.
    public struct Tally: Sendable, Equatable {
        public private(set) var considered = 0, matched = 0
        public private(set) var problems: [String: Int] = [:]

        public init() {}

        /// Counts one reading against its truth (both normalised) and returns the comparison.
        @discardableResult
        public mutating func count(reading: String, truth: String) -> Comparison {
            let comparison = StructureEvaluation.compare(reading: reading, truth: truth)
            considered += 1
            if comparison.isMatch { matched += 1 }
            for problem in comparison.problems { problems[problem, default: 0] += 1 }
            return comparison
        }

        /// `M / N = P %`: the expressions read exactly, of those considered.
        public var rate: String {
            String(format: "%d / %d = %.2f %%", matched, considered, 100 * Double(matched) / Double(max(considered, 1)))
        }

        /// The misses by what differs, commonest first.
        public var problemLines: [String] {
            ["misses by what differs (a miss may count under several):"]
                + problems.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { "  \($0.key): \($0.value)" }
        }
    }

    /// A miss as the reports list it: the file, the reading, the truth and what differs.
    public static func missLines(file: String, reading: String, truth: String, comparison: Comparison) -> String {
        "\(file)\n  read:  \(reading)\n  truth: \(truth)\n  \(comparison.problems.joined(separator: ", "))"
    }
}
