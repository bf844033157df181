import ImageDecoding

/// Marks on a page that are not plausible ink of its writer: dust, specks of paper grain,
/// show-through from the back of the sheet and the soft edge of a shadow. They are dropped
/// before lines are found, judged against the page's own writing — its stroke width, its ink
/// contrast and its symbol size — rather than against fixed pixel sizes.
///
/// Decimal points and `\cdot` are as small as specks; what sets them apart is where they
/// are: inside a line, close to the symbols they separate. So a small mark is dropped only
/// when it is far from every symbol-sized mark, and a line made of nothing but small marks
/// joins the line it sits next to or, far from any, is no line at all.
enum PageMarks {
    /// A symbol-sized mark whose darkest ink stays below this share of the page's is faint:
    /// show-through from the back of the sheet, the soft edge of a shadow. The core of a pen
    /// stroke comes close to full ink (a thin, light `1` in the measurements reached 0.63 of
    /// its page); show-through reaches about half. Small marks are judged by the rules below.
    static let faintShare = 0.6
    /// A small mark whose mean ink is below this share of the page's is faint. Faint dots
    /// are kept only where a dot belongs: between two symbols of a line (a blurred decimal
    /// point, `\cdot`) or over or under a bar (the dots of `÷`); not before or after the
    /// writing, under or inside a symbol, where dust and the ends of grid lines lie.
    static let faintDotShare = 0.55
    /// A small mark whose mean thickness (area over its longer side) is below this share of
    /// the pen's width is no pen tap: a dot drawn with the pen is at least about as thick
    /// as the pen (a disc one pen wide is 0.8 of it).
    static let thinShare = 0.4
    /// A small mark farther than this many symbol heights from every symbol is a speck.
    static let speckReach = 1.5

    /// What is known of one mark.
    struct Mark {
        let component: Component
        /// Its darkest ink: the 90th percentile of its ink values (1 = the page's typical ink).
        let ink: Double
        /// Its mean ink value.
        let meanInk: Double
        /// Dot-sized (see `smallMarks`).
        let isSmall: Bool
    }

    /// The components that are plausible ink, in their original order.
    static func plausibleInk(_ components: [Component], plane: InkPlane, strokeWidth: Double) -> [Component] {
        // No mark big enough to measure a pen stroke on: dust, not writing.
        guard strokeWidth > 0 else { return [] }
        let marks = describe(components, plane: plane, strokeWidth: strokeWidth)
        guard !marks.isEmpty else { return [] }
        let pageInk = areaWeightedMedian(marks.map { ($0.ink, $0.component.area) })
        let pageMeanInk = areaWeightedMedian(marks.map { ($0.meanInk, $0.component.area) })
        let kept = marks.filter { $0.isSmall || $0.ink >= faintShare * pageInk }
        let symbols = ComponentSet(kept.filter { !$0.isSmall }.map(\.component))
        let reach = speckReach * symbolHeight(symbols.components)
        let margin = Int(reach.rounded(.up))
        var keep = [Bool](repeating: false, count: kept.count)
        var near: [Int] = [], loose: [Int] = [] // dark dots within reach of a symbol, and the others
        for (index, mark) in kept.enumerated() {
            guard mark.isSmall else { keep[index] = true; continue }
            let box = mark.component.box
            // Thinner than a pen tap: a sliver of grid line, a hair, a scratch.
            if Double(mark.component.area) < thinShare * strokeWidth * Double(max(box.width, box.height)) { continue }
            if mark.meanInk < faintDotShare * pageMeanInk {
                keep[index] = isBetweenSymbols(box, symbols, reach: reach) || isOverBar(box, symbols, reach: reach)
            } else if symbols.contains(overlappingColumns: box.x - margin, box.maxX + margin, where: { gap(box, $0.box) <= reach }) {
                keep[index] = true
                near.append(index)
            } else {
                loose.append(index)
            }
        }
        // A row of dots (an ellipsis, a leader) reaches as far as its dots do: a dot level
        // with a kept dot and within reach of it is kept too. Each dot joins at most once.
        var queue = near
        while let next = queue.popLast(), !loose.isEmpty {
            let box = kept[next].component.box
            loose.removeAll { index in
                let other = kept[index].component.box
                let level = abs(Double(other.y + other.maxY - box.y - box.maxY)) / 2 <= max(Double(max(box.height, other.height)), 0.25 * reach)
                guard level, gap(box, other) <= reach else { return false }
                keep[index] = true
                queue.append(index)
                return true
            }
        }
        return kept.indices.filter { keep[$0] }.map { kept[$0].component }
    }

    /// Lines (component indices, top to bottom) without lines made only of small marks: such
    /// a line joins the line above or below when it lies within reach of it, and is dropped
    /// otherwise. A dot under a line is that line's, not a line of its own.
    static func lines(_ lines: [[Int]], components: [Component], strokeWidth: Double) -> [[Int]] {
        let small = smallMarks(components, strokeWidth: strokeWidth)
        let reach = speckReach * symbolHeight(components.indices.filter { !small[$0] }.map { components[$0] })
        let boxes = lines.map { line in Box.union(line.map { components[$0].box }) }
        var result: [[Int]] = [], resultBoxes: [Box] = []
        var pending: [Int] = [] // speck-only lines (indices into `lines`) waiting for the next real line
        for (index, line) in lines.enumerated() {
            if line.allSatisfy({ small[$0] }) {
                if let last = resultBoxes.last, gap(boxes[index], last) <= reach {
                    result[result.count - 1] += line
                } else {
                    pending.append(index)
                }
                continue
            }
            var joined = line
            for waiting in pending where gap(boxes[waiting], boxes[index]) <= reach { joined += lines[waiting] }
            pending.removeAll()
            result.append(joined)
            resultBoxes.append(boxes[index])
        }
        return result
    }

    // MARK: - Measures

    /// A symbol within reach on either side, level with `box`, and none over or under it.
    static func isBetweenSymbols(_ box: Box, _ symbols: ComponentSet, reach: Double) -> Bool {
        let margin = Int(reach.rounded(.up))
        let candidates = symbols.indices(overlappingColumns: box.x - margin, box.maxX + margin).map { symbols.components[$0].box }
        let level = { (symbol: Box) in symbol.y < box.maxY + margin / 2 && symbol.maxY > box.y - margin / 2 && gap(box, symbol) <= reach }
        let left = candidates.contains { $0.maxX <= box.x + box.width / 2 && $0.x < box.x && level($0) }
        let right = candidates.contains { $0.x >= box.x + box.width / 2 && $0.maxX > box.maxX && level($0) }
        let onSymbol = candidates.contains { $0.x < box.maxX && $0.maxX > box.x && gap(box, $0) <= 0.5 * reach && $0.width < 2 * $0.height }
        return left && right && !onSymbol
    }

    /// A bar (at least twice as wide as tall) right over or under `box`.
    static func isOverBar(_ box: Box, _ symbols: ComponentSet, reach: Double) -> Bool {
        symbols.contains(overlappingColumns: box.x, box.maxX) { symbol in
            symbol.box.width >= 2 * symbol.box.height && gap(box, symbol.box) <= 0.5 * reach
        }
    }

    /// Each component's ink levels and size class.
    static func describe(_ components: [Component], plane: InkPlane, strokeWidth: Double) -> [Mark] {
        let small = smallMarks(components, strokeWidth: strokeWidth)
        return components.indices.map { index in
            let component = components[index]
            var histogram = [Int](repeating: 0, count: 101)
            var sum: Float = 0
            for run in component.runs {
                let row = Int(run.y) * plane.width
                for x in Int(run.x0)..<Int(run.x1) {
                    let value = plane.values[row + x]
                    histogram[Int(value * 100)] += 1
                    sum += value
                }
            }
            var seen = 0
            let level = histogram.indices.first { seen += histogram[$0]; return seen * 10 >= component.area * 9 } ?? 100
            return Mark(component: component, ink: Double(level) / 100, meanInk: Double(sum) / Double(max(1, component.area)), isSmall: small[index])
        }
    }

    /// Which marks are dot-sized: a pen tap is about two stroke widths across, a symbol at
    /// least four; and no longer than a third of the symbols (measured on the marks that the
    /// first test does not call dots).
    static func smallMarks(_ components: [Component], strokeWidth: Double) -> [Bool] {
        let side = components.map { Double(max($0.box.width, $0.box.height)) }
        let height = symbolHeight(components.indices.filter { side[$0] > 3 * strokeWidth }.map { components[$0] })
        return side.map { $0 <= max(3 * strokeWidth, 0.3 * height) }
    }

    /// Typical height of the symbol-sized marks, weighted by their ink so that a crowd of
    /// specks cannot pass for the writing; bars (`-`, `=`) do not count. 0 without any.
    static func symbolHeight(_ symbols: [Component]) -> Double {
        let upright = symbols.filter { $0.box.width < 2 * $0.box.height }
        return areaWeightedMedian((upright.isEmpty ? symbols : upright).map { (Double($0.box.height), $0.area) })
    }

    /// Distance between two boxes (0 when they overlap).
    static func gap(_ a: Box, _ b: Box) -> Double {
        let dx = Double(max(0, max(a.x - b.maxX, b.x - a.maxX)))
        let dy = Double(max(0, max(a.y - b.maxY, b.y - a.maxY)))
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The value below which half of the weight lies.
    private static func areaWeightedMedian(_ values: [(Double, Int)]) -> Double {
        let sorted = values.sorted { $0.0 < $1.0 }
        let total = sorted.reduce(0) { $0 + $1.1 }
        var seen = 0
        for (value, weight) in sorted {
            seen += weight
            if seen * 2 >= total { return value }
        }
        return sorted.last?.0 ?? 0
    }
}
