/// A handwritten expression as pen strokes, with its ground truth when the file carries one
/// (CROHME files do: the LaTeX of the whole expression and the strokes of each symbol).
public struct InkDocument: Sendable, Equatable {
    public var traces: [InkTrace]
    /// Symbols in the order the file lists them (not necessarily left to right).
    public var symbols: [InkSymbol]
    /// LaTeX of the whole expression, without surrounding `$`.
    public var truthLaTeX: String?

    public init(traces: [InkTrace], symbols: [InkSymbol] = [], truthLaTeX: String? = nil) {
        self.traces = traces; self.symbols = symbols; self.truthLaTeX = truthLaTeX
    }

    /// Largest InkML text read: a handwritten page is kilobytes, and every point costs parsing
    /// and drawing, so a file this large is refused before either.
    public static let maximumBytes = 16 << 20

    /// Most pen points read: the largest CROHME 2016 training file holds 3,150, a page of
    /// handwriting some tens of thousands; past this a file is refused while parsing, so drawing
    /// stays bounded whatever the bytes hold.
    public static let maximumPoints = 500_000

    /// Parses InkML text (CROHME flavour: traces with two or more channels, nested trace groups).
    public static func parse(_ text: String) throws -> InkDocument {
        guard text.utf8.count <= maximumBytes else { throw InkInputError.tooLarge(bytes: text.utf8.count, limit: maximumBytes) }
        var parser = InkMLParser(text: text)
        return try parser.parse()
    }

    /// The traces of one symbol, in the symbol's order; ids the document lacks are skipped.
    public func traces(of symbol: InkSymbol) -> [InkTrace] {
        let byID = Dictionary(traces.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return symbol.traceIDs.compactMap { byID[$0] }
    }
}
