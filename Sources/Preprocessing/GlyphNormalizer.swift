import ImageDecoding
/// Turns the ink inside a symbol's box into the classifier's input: the box padded to a
/// square around its centre (aspect ratio kept, so `-` stays flat and `1` thin), a small
/// margin, area-averaged down to `Glyph.cropSide`², contrast stretched so the darkest ink is 1.
public enum GlyphNormalizer {
    /// Share of the square the symbol's longer side fills (the rest is margin).
    public static let fill: Double = 28.0 / 32.0

    public static func crop(_ ink: InkPlane, box: Box) -> [Float] {
        let side = Glyph.cropSide
        var output = [Float](repeating: 0, count: side * side)
        let clipped = Self.clip(box, width: ink.width, height: ink.height)
        guard clipped.width > 0, clipped.height > 0 else { return output }

        // The square in source pixels, centred on the box; pixels outside the plane are paper.
        let squareSide = Double(max(clipped.width, clipped.height)) / fill
        let originX = Double(clipped.x) + Double(clipped.width) / 2 - squareSide / 2
        let originY = Double(clipped.y) + Double(clipped.height) / 2 - squareSide / 2
        let step = squareSide / Double(side)

        // Each output pixel averages the source area it covers, weighting partly covered
        // source pixels by the overlap. Only pixels inside the box count as ink.
        let columnSpans = (0..<side).map { Self.span(origin: originX, step: step, index: $0, lower: clipped.x, upper: clipped.maxX) }
        let rowSpans = (0..<side).map { Self.span(origin: originY, step: step, index: $0, lower: clipped.y, upper: clipped.maxY) }
        let area = Float(step * step)
        ink.values.withUnsafeBufferPointer { values in
            for (outY, rows) in rowSpans.enumerated() {
                for (outX, columns) in columnSpans.enumerated() {
                    var sum: Float = 0
                    for (y, wy) in rows {
                        let base = y * ink.width
                        for (x, wx) in columns { sum += values[base + x] * wx * wy }
                    }
                    output[outY * side + outX] = sum / area
                }
            }
        }
        if let peak = output.max(), peak > 0 {
            let scale = 1 / peak
            for index in output.indices { output[index] = min(1, output[index] * scale) }
        }
        return output
    }

    /// Source pixels (and the length of their overlap) covered by output cell `index`, limited
    /// to `lower..<upper`.
    private static func span(origin: Double, step: Double, index: Int, lower: Int, upper: Int) -> [(Int, Float)] {
        let start = origin + Double(index) * step, end = start + step
        let first = max(lower, Int(start.rounded(.down))), last = min(upper - 1, Int(end.rounded(.up)) - 1)
        guard first <= last else { return [] }
        return (first...last).compactMap { pixel in
            let overlap = min(end, Double(pixel + 1)) - max(start, Double(pixel))
            return overlap > 0 ? (pixel, Float(overlap)) : nil
        }
    }

    private static func clip(_ box: Box, width: Int, height: Int) -> Box {
        let x0 = max(0, box.x), y0 = max(0, box.y)
        let x1 = min(width, box.maxX), y1 = min(height, box.maxY)
        return Box(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
}

extension Glyph {
    /// A glyph whose crop is cut from `ink` with `GlyphNormalizer`.
    public init(ink: InkPlane, box: Box, line: Int) {
        self.init(box: box, line: line, crop: GlyphNormalizer.crop(ink, box: box))
    }
}
