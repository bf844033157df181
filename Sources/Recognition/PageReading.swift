import ImageDecoding

/// One recognised symbol with its box in the original image.
public struct SymbolReading: Sendable, Equatable {
    public var latex: String
    public var box: Box
    public var confidence: Double
    /// The other labels the classifier considered, most probable first.
    public var alternatives: [(latex: String, probability: Double)]

    public static func == (lhs: SymbolReading, rhs: SymbolReading) -> Bool {
        lhs.latex == rhs.latex && lhs.box == rhs.box && lhs.confidence == rhs.confidence
            && lhs.alternatives.map(\.latex) == rhs.alternatives.map(\.latex)
            && lhs.alternatives.map(\.probability) == rhs.alternatives.map(\.probability)
    }
}

/// One line of writing: what it says and, for equations, whether it is true.
public struct LineResult: Sendable, Equatable {
    public var latex: String?
    public var value: String?
    public var verdict: Bool?
    /// How the verdict was reached (`exact`, `true to 2 decimals`, why it is false) or why a
    /// value is undefined (`division by zero in …`); nil without a verdict or a value.
    public var note: String?
    /// Why the line does not parse (then `latex` is what was written, with no value and no
    /// verdict); nil when it does.
    public var problem: String?
    public var confidence: Double
    public var box: Box
    public var symbols: [SymbolReading]
}

/// Everything recognised on one page (one input file).
public struct PageReading: Sendable, Equatable {
    public var lines: [LineResult]

    public init(lines: [LineResult]) { self.lines = lines }

    /// The whole page as LaTeX, lines joined with ` \\ `; nil when nothing was found.
    public var latex: String? {
        let parts = lines.compactMap(\.latex)
        return parts.isEmpty ? nil : parts.joined(separator: " \\\\ ")
    }

    /// The value of a one-line page; for several lines, nil (each line carries its own).
    public var value: String? { lines.count == 1 ? lines[0].value : nil }

    /// True when every equation on the page is true, false when any is false, nil without equations.
    public var verdict: Bool? {
        let verdicts = lines.compactMap(\.verdict)
        return verdicts.isEmpty ? nil : !verdicts.contains(false)
    }

    /// The least confident line: a page is only as trustworthy as its weakest line.
    public var confidence: Double { lines.map(\.confidence).min() ?? 0 }
}
