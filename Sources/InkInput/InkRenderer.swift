import Foundation
import ImageDecoding

/// A rendered drawing: the image and, for each ground-truth symbol that was drawn, its box.
public struct InkRendering: Sendable, Equatable {
    public struct Symbol: Sendable, Equatable {
        public var symbol: InkSymbol
        /// Box of the symbol's ink (pixels at least half covered) in `image` pixels.
        public var box: Box
    }

    public var image: GrayImage
    /// Symbols whose strokes were all drawn, in the document's order.
    public var symbols: [Symbol]
    /// Pixels per file unit that were used.
    public var scale: Double
}

/// Draws pen strokes as dark antialiased ink on white paper.
public enum InkRenderer {
    /// Renders `document`, or only the traces in `traceIDs`. The scale always comes from the
    /// whole document, so a lone `.` stays small next to a lone `7`.
    public static func render(_ document: InkDocument, traceIDs: Set<String>? = nil, options: InkRenderOptions = .init()) -> InkRendering {
        let scale = Self.scale(for: document, options: options)
        let drawn = document.traces.filter { traceIDs?.contains($0.id) ?? true }
        let radians = options.rotationDegrees * .pi / 180
        let (cosine, sine) = (cos(radians), sin(radians))
        // Page coordinates: scaled and rotated about the origin; translated after bounds are known.
        let transformed: [String: [InkPoint]] = Dictionary(drawn.map { trace in
            (trace.id, trace.points.map { point in
                let (x, y) = (point.x * scale, point.y * scale)
                return InkPoint(x: x * cosine - y * sine, y: x * sine + y * cosine)
            })
        }, uniquingKeysWith: { first, _ in first })

        let radius = max(options.penWidth, 0.5) / 2
        let all = transformed.values.flatMap { $0 }
        guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max(),
              let minY = all.map(\.y).min(), let maxY = all.map(\.y).max() else {
            let side = max(1, 2 * options.margin)
            return InkRendering(image: GrayImage(width: side, height: side), symbols: [], scale: scale)
        }
        let margin = Double(max(0, options.margin)) + radius
        let drawingWidth = Int((maxX - minX + 2 * margin).rounded(.up)) + 1
        let drawingHeight = Int((maxY - minY + 2 * margin).rounded(.up)) + 1
        let width = max(drawingWidth, min(options.minimumWidth, options.maximumSide))
        let height = max(drawingHeight, min(options.minimumHeight, options.maximumSide))
        let offsetX = margin - minX + Double((width - drawingWidth) / 2)
        let offsetY = margin - minY + Double((height - drawingHeight) / 2)

        var coverage = [Float](repeating: 0, count: width * height)
        for trace in drawn {
            guard let points = transformed[trace.id] else { continue }
            let shifted = points.map { InkPoint(x: $0.x + offsetX, y: $0.y + offsetY) }
            drawStroke(shifted, radius: radius, into: &coverage, width: width, height: height)
        }
        var pixels = [UInt8](repeating: 255, count: width * height)
        for index in pixels.indices {
            pixels[index] = UInt8((255 * (1 - min(1, coverage[index]))).rounded())
        }

        let drawnIDs = Set(drawn.map(\.id))
        let symbols: [InkRendering.Symbol] = document.symbols.compactMap { symbol in
            guard !symbol.traceIDs.isEmpty, symbol.traceIDs.allSatisfy(drawnIDs.contains) else { return nil }
            let points = symbol.traceIDs.flatMap { transformed[$0] ?? [] }
            guard let left = points.map(\.x).min(), let right = points.map(\.x).max(),
                  let top = points.map(\.y).min(), let bottom = points.map(\.y).max() else { return nil }
            // Pixels whose centre lies within the pen radius: the ink drawn at least half dark.
            let x0 = max(0, Int((left + offsetX - radius - 0.5).rounded(.up)))
            let y0 = max(0, Int((top + offsetY - radius - 0.5).rounded(.up)))
            let x1 = min(width, Int((right + offsetX + radius - 0.5).rounded(.down)) + 1)
            let y1 = min(height, Int((bottom + offsetY + radius - 0.5).rounded(.down)) + 1)
            return InkRendering.Symbol(symbol: symbol, box: Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
        }
        return InkRendering(image: GrayImage(width: width, height: height, pixels: pixels), symbols: symbols, scale: scale)
    }

    /// Pixels per file unit: the median symbol size (larger side of each symbol's stroke box)
    /// becomes `options.symbolSize`; without symbols, each trace counts as one. Shrunk when
    /// the drawing would exceed `options.maximumSide`.
    public static func scale(for document: InkDocument, options: InkRenderOptions) -> Double {
        let groups: [[InkTrace]] = document.symbols.isEmpty ? document.traces.map { [$0] } : document.symbols.map { document.traces(of: $0) }
        var sizes: [Double] = []
        for group in groups {
            let points = group.flatMap(\.points)
            guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
                  let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { continue }
            sizes.append(max(maxX - minX, maxY - minY))
        }
        sizes.sort()
        let median = sizes.isEmpty ? 0 : sizes[sizes.count / 2]
        var scale = median > 0 ? options.symbolSize / median : 1
        let points = document.traces.flatMap(\.points)
        if let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
           let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() {
            let extent = max(maxX - minX, maxY - minY) * 1.5 // room for rotation
            let room = Double(options.maximumSide - 2 * options.margin) - options.penWidth - 2
            if extent * scale > room, extent > 0 { scale = max(room, 1) / extent }
        }
        return scale
    }

    /// Adds one polyline of width 2·radius, antialiased by distance to the nearest segment.
    static func drawStroke(_ points: [InkPoint], radius: Double, into coverage: inout [Float], width: Int, height: Int) {
        guard let first = points.first else { return }
        var previous = first
        let segments = points.count == 1 ? [(first, first)] : points.dropFirst().map { point -> (InkPoint, InkPoint) in
            defer { previous = point }
            return (previous, point)
        }
        let reach = radius + 1
        // Long segments are drawn as pieces about a pen wide, so the pixels visited stay near
        // the ink (a page-long diagonal otherwise visits the whole page). The distance to a
        // segment is the least distance to its pieces: the coverage is the same.
        let pieceLength = max(2 * reach, 4)
        let pieces = segments.flatMap { a, b -> [(InkPoint, InkPoint)] in
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let count = length.isFinite && length < 1e9 ? max(1, Int((length / pieceLength).rounded(.up))) : 1
            guard count > 1 else { return [(a, b)] }
            func at(_ i: Int) -> InkPoint {
                i == count ? b : InkPoint(x: a.x + (b.x - a.x) * Double(i) / Double(count), y: a.y + (b.y - a.y) * Double(i) / Double(count))
            }
            return (0..<count).map { (at($0), at($0 + 1)) }
        }
        for (a, b) in pieces {
            let x0 = max(0, Int((min(a.x, b.x) - reach).rounded(.down)))
            let x1 = min(width - 1, Int((max(a.x, b.x) + reach).rounded(.up)))
            let y0 = max(0, Int((min(a.y, b.y) - reach).rounded(.down)))
            let y1 = min(height - 1, Int((max(a.y, b.y) + reach).rounded(.up)))
            guard x0 <= x1, y0 <= y1 else { continue }
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let lengthSquared = dx * dx + dy * dy
            for y in y0...y1 {
                let py = Double(y) + 0.5
                for x in x0...x1 {
                    let px = Double(x) + 0.5
                    var t = lengthSquared > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared : 0
                    t = min(1, max(0, t))
                    let (ex, ey) = (px - a.x - t * dx, py - a.y - t * dy)
                    let distance = (ex * ex + ey * ey).squareRoot()
                    let value = Float(min(1, max(0, radius + 0.5 - distance)))
                    if value > coverage[y * width + x] { coverage[y * width + x] = value }
                }
            }
        }
    }
}
