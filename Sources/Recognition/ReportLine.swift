import ImageDecoding

/// The JSON Lines record for one input file, exactly as DESIGN.md specifies it.
public enum ReportLine {
    public static func json(file: String, page: PageReading) -> String {
        object(file: file, page: page, error: nil).serialized()
    }

    public static func json(file: String, error: String) -> String {
        object(file: file, page: nil, error: error).serialized()
    }

    private static func object(file: String, page: PageReading?, error: String?) -> JSONValue {
        .object([
            ("file", .string(file)),
            ("latex", .optional(page?.latex)),
            ("value", .optional(page?.value)),
            ("verdict", .optional(page?.verdict)),
            ("confidence", page.map { .probability($0.confidence) } ?? .null),
            ("lines", .array(page?.lines.map(line) ?? [])),
            ("error", .optional(error)),
        ])
    }

    private static func line(_ line: LineResult) -> JSONValue {
        .object([
            ("latex", .optional(line.latex)),
            ("value", .optional(line.value)),
            ("verdict", .optional(line.verdict)),
            ("note", .optional(line.note)),
            ("problem", .optional(line.problem)),
            ("confidence", .probability(line.confidence)),
            ("box", .box(line.box)),
            ("symbols", .array(line.symbols.map(symbol))),
        ])
    }

    private static func symbol(_ symbol: SymbolReading) -> JSONValue {
        .object([
            ("latex", .string(symbol.latex)),
            ("box", .box(symbol.box)),
            ("confidence", .probability(symbol.confidence)),
            ("alternatives", .array(symbol.alternatives.map {
                .object([("latex", .string($0.latex)), ("p", .probability($0.probability))])
            })),
        ])
    }
}
