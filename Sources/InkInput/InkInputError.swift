/// Everything that can go wrong while reading or rendering InkML pen input.
public enum InkInputError: Error, Equatable, CustomStringConvertible {
    /// The text is not InkML: its first element is not `<ink>`.
    case notInkML(firstElement: String?)
    /// The XML itself is broken (unclosed tag, mismatched end tag, bad attribute) at a line.
    case malformedXML(line: Int, detail: String)
    /// A `<trace>` holds something that is not a list of numeric points.
    case malformedTrace(id: String, detail: String)
    /// A `<traceView traceDataRef=…>` names a trace that the file does not contain.
    case unknownTraceReference(String)
    /// The document holds no `<trace>` at all, so there is nothing to draw.
    case noTraces
    /// The text is larger than `InkDocument.maximumBytes`.
    case tooLarge(bytes: Int, limit: Int)
    /// The traces hold more than `InkDocument.maximumPoints` points.
    case tooManyPoints(limit: Int)
    /// An expression to compose has no symbols.
    case nothingToCompose
    /// An expression to compose uses a symbol the symbol bank holds no handwritten sample of.
    case noSymbolSamples(label: String)

    public var description: String {
        switch self {
        case .notInkML(let first):
            return "not an InkML file: expected an <ink> root element, found \(first.map { "<\($0)>" } ?? "no element"); pass a .inkml file"
        case .malformedXML(let line, let detail):
            return "broken XML on line \(line): \(detail); check that the InkML file is complete"
        case .malformedTrace(let id, let detail):
            return "trace \"\(id)\" is not a list of points (\(detail)); only plain \"x y[, x y]…\" traces are supported"
        case .unknownTraceReference(let ref):
            return "a symbol group refers to trace \"\(ref)\", which the file does not contain; the file's segmentation is incomplete"
        case .noTraces:
            return "the InkML file contains no <trace> elements: there is no ink to draw"
        case .tooLarge(let bytes, let limit):
            return "the InkML file is \(bytes) bytes, more than the \(limit) bytes a page of pen input can need"
        case .tooManyPoints(let limit):
            return "the InkML file holds more than \(limit) pen points, more than a page of handwriting can need"
        case .nothingToCompose:
            return "the expression to compose is empty: give at least one symbol"
        case .noSymbolSamples(let label):
            return "no handwritten \"\(label)\" in the symbol bank: add InkML files whose digits and operators include it, or leave it out"
        }
    }
}
