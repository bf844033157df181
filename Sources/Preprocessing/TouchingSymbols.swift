/// Splits blobs in which two symbols of a line touch (the bar of a 5 running into the next
/// digit). A blob is a candidate when it is much wider than tall and much wider than the
/// line's other symbols; it is cut at its thinnest column when that column holds little
/// more than one stroke and both halves look like symbols: tall, with more ink than one
/// straight stroke. `+` (a half-bar is not tall), `×` (two strokes in every column) and `V`
/// (two straight strokes) stay whole.
enum TouchingSymbols {
    static func split(_ components: [Component], strokeWidth: Double) -> [Component] {
        let symbolHeight = SymbolGrouper.typicalHeight(components)
        // Hundreds of blobs on a line are noise, not writing: nothing to split.
        guard strokeWidth > 0, symbolHeight > 0, components.count <= 500 else { return components }
        // Typical width of the line's symbol-sized blobs (bars and dots aside).
        let widths = components.filter { Double($0.box.height) >= 0.5 * symbolHeight && $0.box.width < 2 * $0.box.height }
            .map { Double($0.box.width) }.sorted()
        let typicalWidth = widths.count >= 3 ? widths[widths.count / 2] : nil
        return components.flatMap { component in
            let box = component.box
            let wide = Double(box.width) >= 1.25 * Double(box.height)
                && (typicalWidth.map { Double(box.width) >= 1.7 * $0 } ?? (Double(box.height) >= 0.85 * symbolHeight))
            guard wide, Double(box.height) >= 0.7 * symbolHeight else { return [component] }
            return split(component, symbolHeight: symbolHeight, strokeWidth: strokeWidth, depth: 2)
        }
    }

    private static func split(_ component: Component, symbolHeight: Double, strokeWidth: Double, depth: Int) -> [Component] {
        let box = component.box
        let (width, height) = (Double(box.width), Double(box.height))
        guard depth > 0, width >= 1.1 * height else { return [component] }
        var counts = [Int](repeating: 0, count: box.width)
        for run in component.runs {
            for x in Int(run.x0)..<Int(run.x1) { counts[x - box.x] += 1 }
        }
        let margin = Int(max(0.25 * width, 0.3 * symbolHeight))
        guard margin < box.width - margin else { return [component] }
        let centre = box.width / 2
        var best = margin
        for x in margin..<(box.width - margin) where counts[x] < counts[best] || (counts[x] == counts[best] && abs(x - centre) < abs(best - centre)) {
            best = x
        }
        guard Double(counts[best]) <= 1.3 * strokeWidth else { return [component] }
        guard let (left, right) = component.cut(atColumn: box.x + best) else { return [component] }
        let parts = [left, right]
        // Each half must be tall and hold more than one straight stroke (the halves of a V, W
        // or M are single strokes; digits have loops and bends). A slanted stroke is longer
        // than its box is tall: measure it against the box's diagonal too (the slanted bar of
        // a ÷ written like %, a dot touching it, is no two symbols).
        let standAlone = parts.allSatisfy { part in
            let diagonal = Double(part.box.width * part.box.width + part.box.height * part.box.height).squareRoot()
            return Double(part.box.height) >= 0.5 * height && part.area * 5 >= component.area
                && Double(part.area) / strokeWidth >= max(1.6 * Double(part.box.height), 1.3 * diagonal)
        }
        guard standAlone else { return [component] }
        return parts.flatMap { split($0, symbolHeight: symbolHeight, strokeWidth: strokeWidth, depth: depth - 1) }
    }
}

extension TouchingSymbols {
    /// Splits blobs that blur joined: two symbols written close together, bridged by the
    /// defocus of a photo. The bridge is paler than the strokes, so within the blob the darker
    /// ink (`strong` and above) falls apart into side-by-side parts, each nearly as tall as
    /// the blob; the blob is then cut halfway between them.
    static func splitBlurred(_ components: [Component], plane: InkPlane, strong: Float = 0.9) -> [Component] {
        components.flatMap { component -> [Component] in
            let box = component.box
            guard box.width >= 6, box.height >= 6, Double(box.width) >= 0.6 * Double(box.height) else { return [component] }
            var mask = [Bool](repeating: false, count: box.width * box.height)
            for run in component.runs {
                let row = (Int(run.y) - box.y) * box.width, source = Int(run.y) * plane.width
                for x in Int(run.x0)..<Int(run.x1) where plane.values[source + x] >= strong { mask[row + x - box.x] = true }
            }
            let cores = ConnectedComponents.find(in: mask, width: box.width, height: box.height)
                .filter { Double($0.box.height) >= 0.5 * Double(box.height) && $0.area * 7 >= component.area }
                .sorted { $0.box.x < $1.box.x }
            guard cores.count == 2 else { return [component] }
            let (left, right) = (cores[0].box, cores[1].box)
            // Side by side, not one over the other or one inside the other.
            let overlap = min(left.maxX, right.maxX) - max(left.x, right.x)
            guard Double(overlap) < 0.3 * Double(min(left.width, right.width)) else { return [component] }
            // The hook and stem of a 4 whose crossbar just reaches the stem are one symbol.
            let strokeWidth = StrokeWidth.estimate([component]) ?? 2
            guard !OpenFour.joins(cores[0], cores[1], symbolHeight: Double(box.height), strokeWidth: strokeWidth) else { return [component] }
            let cut = box.x + (left.maxX + right.x) / 2
            guard let (a, b) = component.cut(atColumn: cut) else { return [component] }
            return [a, b]
        }
    }
}
