/// Several handwritten expressions stacked into one page, one per line: a worksheet made of
/// real pen input, whose true lines and symbols are still known.
public enum InkPage {
    /// Stacks `documents` top to bottom, each brought to a common writing size first (files
    /// from different sources use different units), left-aligned with a line gap of
    /// `lineSpacing` symbol heights. Trace ids are prefixed with the line number so they stay unique.
    public static func stack(_ documents: [InkDocument], lineSpacing: Double = 1.2) -> InkDocument {
        let unitSize = 100.0
        var traces: [InkTrace] = []
        var symbols: [InkSymbol] = []
        var top = 0.0
        for (line, document) in documents.enumerated() {
            let scale = InkRenderer.scale(for: document, options: InkRenderOptions(symbolSize: unitSize, maximumSide: Int.max / 4))
            let points = document.traces.flatMap(\.points)
            guard let minX = points.map(\.x).min(), let minY = points.map(\.y).min(),
                  let maxY = points.map(\.y).max() else { continue }
            let prefix = "l\(line)-"
            for trace in document.traces {
                let moved = trace.points.map { InkPoint(x: ($0.x - minX) * scale, y: ($0.y - minY) * scale + top) }
                traces.append(InkTrace(id: prefix + trace.id, points: moved))
            }
            for symbol in document.symbols {
                symbols.append(InkSymbol(label: symbol.label, traceIDs: symbol.traceIDs.map { prefix + $0 }))
            }
            top += (maxY - minY) * scale + lineSpacing * unitSize
        }
        let truth = documents.compactMap(\.truthLaTeX)
        return InkDocument(traces: traces, symbols: symbols,
                           truthLaTeX: truth.count == documents.count ? truth.joined(separator: " \\\\ ") : nil)
    }
}
