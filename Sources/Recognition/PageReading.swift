import ImageDecoding
import MathGrammar

// The results a recognizer returns. They are the JSON contract too: `mathscan recognize --json`
// prints `FileReading`'s encoding, and `JSONDecoder` reads it back into these types. Optional
// fields are written as `null` rather than left out, so every record has the same keys.

/// One recognised symbol with its box in the original image.
public struct SymbolReading: Sendable, Equatable, Codable {
    public var latex: String
    public var box: Box
    /// The network's probability for `latex`.
    public var confidence: Double
    /// The other labels the classifier considered, most probable first.
    public var alternatives: [Alternative]

    public init(latex: String, box: Box, confidence: Double, alternatives: [Alternative]) {
        self.latex = latex
        self.box = box
        self.confidence = confidence
        self.alternatives = alternatives
    }
}

/// One line of writing: what it says and, for equations, whether it is true.
public struct LineResult: Sendable, Equatable, Codable {
    /// What the line says; when it does not parse (see `problem`), its symbols as written.
    public var latex: String
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
    /// The reading as presentation MathML (without the surrounding `<math>`); nil when the line
    /// does not parse.
    public var mathML: String?

    public init(latex: String, value: String?, verdict: Bool?, note: String? = nil, problem: String? = nil,
                confidence: Double, box: Box, symbols: [SymbolReading], mathML: String? = nil) {
        self.latex = latex
        self.mathML = mathML
        self.value = value
        self.verdict = verdict
        self.note = note
        self.problem = problem
        self.confidence = confidence
        self.box = box
        self.symbols = symbols
    }

    private enum CodingKeys: String, CodingKey {
        case latex, value, verdict, note, problem, confidence, box, symbols
        case mathML = "mathml"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(latex, forKey: .latex)
        try container.encode(value, forKey: .value)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(note, forKey: .note)
        try container.encode(problem, forKey: .problem)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(box, forKey: .box)
        try container.encode(symbols, forKey: .symbols)
        try container.encode(mathML, forKey: .mathML)
    }
}

/// Everything recognised on one page (one input file).
public struct PageReading: Sendable, Equatable, Codable {
    public var lines: [LineResult]

    public init(lines: [LineResult]) { self.lines = lines }

    /// The whole page as LaTeX, lines joined with ` \\ `; nil when nothing was found.
    public var latex: String? {
        lines.isEmpty ? nil : lines.map(\.latex).joined(separator: " \\\\ ")
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

    fileprivate enum CodingKeys: String, CodingKey {
        case latex, value, verdict, confidence, lines
    }

    /// The page-wide summaries are written beside the lines for readers; decoding derives them again.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(latex, forKey: .latex)
        try container.encode(value, forKey: .value)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(lines, forKey: .lines)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(lines: try container.decode([LineResult].self, forKey: .lines))
    }
}

/// One input file's record in a report: its reading, or why it could not be read.
public struct FileReading: Sendable, Equatable, Codable {
    /// The path as the user gave it.
    public var file: String
    /// Nil when the file could not be read.
    public var page: PageReading?
    public var error: String?

    public init(file: String, page: PageReading) {
        self.file = file
        self.page = page
    }

    public init(file: String, error: String) {
        self.file = file
        self.error = error
    }

    private enum CodingKeys: String, CodingKey { case file, error }

    /// Flat: the page's keys sit beside `file` and `error`; a failed file has null results and no lines.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(error, forKey: .error)
        if let page {
            try page.encode(to: encoder)
        } else {
            var results = encoder.container(keyedBy: PageReading.CodingKeys.self)
            for key in [PageReading.CodingKeys.latex, .value, .verdict, .confidence] { try results.encodeNil(forKey: key) }
            try results.encode([LineResult](), forKey: .lines)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        error = try container.decodeIfPresent(String.self, forKey: .error)
        page = error == nil ? try PageReading(from: decoder) : nil
    }
}
