/// Groups the components of one line into symbols: overlapping pieces of one symbol (a
/// broken stroke, the two strokes of a 4), the bars of `=`, the dots and bar of `÷`, the dot
/// of `i`/`j`, the bar under `≤ ≥ ±`, and the three dots of `…`. A lone small dot near the
/// baseline matches none of these and stays a symbol of its own (a decimal point).
struct SymbolGrouper {
    /// Components of the line, in working pixels.
    let components: [Component]
    /// Typical symbol height on the line.
    let symbolHeight: Double

    init(components: [Component]) {
        self.components = components
        symbolHeight = Self.typicalHeight(components)
    }

    /// Sets of component indices, one per symbol.
    func groups() -> [[Int]] {
        var sets = DisjointSets(count: components.count)
        let order = components.indices.sorted { components[$0].box.x < components[$1].box.x }
        let reach = symbolHeight * 1.2
        // Candidate pairs: components whose x-ranges are within `reach` of each other.
        for (position, i) in order.enumerated() {
            for j in order[(position + 1)...] {
                if Double(components[j].box.x - components[i].box.maxX) > reach { break }
                if shouldJoin(components[i], components[j]) { sets.union(i, j) }
            }
        }
        joinDivisionSigns(&sets, order: order)
        joinEllipses(&sets, order: order)
        return sets.groups()
    }

    // MARK: - Shapes

    private func isDot(_ c: Component) -> Bool {
        Double(max(c.box.width, c.box.height)) <= 0.3 * symbolHeight && c.box.width <= 2 * c.box.height + 2
    }

    private func isBar(_ c: Component) -> Bool {
        c.box.width >= 2 * c.box.height && Double(c.box.height) <= 0.4 * symbolHeight && Double(c.box.width) >= 0.2 * symbolHeight
    }

    private func overlapX(_ a: Component, _ b: Component) -> Double {
        Double(max(0, min(a.box.maxX, b.box.maxX) - max(a.box.x, b.box.x)))
    }

    private func overlapY(_ a: Component, _ b: Component) -> Double {
        Double(max(0, min(a.box.maxY, b.box.maxY) - max(a.box.y, b.box.y)))
    }

    /// Vertical gap between two boxes (0 when they overlap vertically).
    private func gapY(_ a: Component, _ b: Component) -> Double {
        Double(max(0, max(a.box.y, b.box.y) - min(a.box.maxY, b.box.maxY)))
    }

    private func shouldJoin(_ a: Component, _ b: Component) -> Bool {
        let (aDot, bDot) = (isDot(a), isDot(b))
        let (aBar, bBar) = (isBar(a), isBar(b))
        let narrower = Double(min(a.box.width, b.box.width)), shorter = Double(min(a.box.height, b.box.height))
        // `=`: two bars of similar length, one above the other, close together.
        if aBar, bBar {
            let ratio = Double(max(a.box.width, b.box.width)) / max(narrower, 1)
            return overlapX(a, b) >= 0.5 * narrower && ratio <= 2.5 && gapY(a, b) <= 0.6 * symbolHeight && !hasComponentBetween(a, b)
        }
        // Dot over a narrow stem: i, j, !.
        if aDot != bDot {
            let (dot, stem) = aDot ? (a, b) : (b, a)
            guard !isBar(stem), stem.box.width <= stem.box.height else { return false }
            let above = dot.box.maxY <= stem.box.y + 1
            let centred = dot.centreX >= Double(stem.box.x) - Double(dot.box.width) && dot.centreX <= Double(stem.box.maxX) + Double(dot.box.width)
            return above && centred && gapY(dot, stem) <= 0.5 * symbolHeight
        }
        if aDot || bDot { return false }
        // Bar under a symbol of similar width: ≤ ≥ ±, unless something is below (a fraction).
        if aBar != bBar {
            let (bar, other) = aBar ? (a, b) : (b, a)
            let similar = Double(bar.box.width) >= 0.5 * Double(other.box.width) && Double(bar.box.width) <= 2 * Double(other.box.width)
            if similar, bar.box.y >= other.box.maxY - 1, overlapX(bar, other) >= 0.6 * Double(bar.box.width),
               gapY(bar, other) <= 0.35 * symbolHeight, !hasComponentBelow(bar) {
                return true
            }
        }
        // Pieces of one symbol: boxes that overlap a lot in both directions.
        return overlapX(a, b) >= 0.6 * narrower && overlapY(a, b) >= 0.6 * shorter
    }

    private func hasComponentBetween(_ a: Component, _ b: Component) -> Bool {
        let (upper, lower) = a.box.y <= b.box.y ? (a, b) : (b, a)
        let x0 = max(upper.box.x, lower.box.x), x1 = min(upper.box.maxX, lower.box.maxX)
        return components.contains { c in
            c.box.y >= upper.box.maxY && c.box.maxY <= lower.box.y && c.box.x < x1 && c.box.maxX > x0 && c.area > 0
        }
    }

    private func hasComponentBelow(_ bar: Component) -> Bool {
        components.contains { c in
            c.box.y >= bar.box.maxY && Double(c.box.y - bar.box.maxY) <= symbolHeight && c.box.x < bar.box.maxX && c.box.maxX > bar.box.x
        }
    }

    /// `÷`: a bar with one dot above and one below, both over the bar.
    private func joinDivisionSigns(_ sets: inout DisjointSets, order: [Int]) {
        let dots = order.filter { isDot(components[$0]) }
        for bar in order where isBar(components[bar]) {
            let b = components[bar]
            let over = dots.filter { d in
                let c = components[d]
                return c.centreX > Double(b.box.x) && c.centreX < Double(b.box.maxX) && gapY(c, b) <= 0.6 * symbolHeight
            }
            let above = over.filter { components[$0].box.maxY <= b.box.y + 1 }
            let below = over.filter { components[$0].box.y >= b.box.maxY - 1 }
            if let up = above.min(by: { gapY(components[$0], b) < gapY(components[$1], b) }),
               let down = below.min(by: { gapY(components[$0], b) < gapY(components[$1], b) }) {
                sets.union(bar, up)
                sets.union(bar, down)
            }
        }
    }

    /// `…`: three or more dots of similar size in a row, evenly and closely spaced.
    private func joinEllipses(_ sets: inout DisjointSets, order: [Int]) {
        let dots = order.filter { isDot(components[$0]) }
        guard dots.count >= 3 else { return }
        for start in 0..<(dots.count - 2) {
            let trio = dots[start..<(start + 3)].map { components[$0] }
            let gaps = zip(trio, trio.dropFirst()).map { Double($1.box.x - $0.box.maxX) }
            let aligned = trio.allSatisfy { abs($0.centreY - trio[0].centreY) <= 0.15 * symbolHeight }
            guard aligned, gaps.allSatisfy({ $0 >= 0 && $0 <= 0.6 * symbolHeight }) else { continue }
            guard let wider = gaps.max(), let narrower = gaps.min(), wider <= 2.5 * max(narrower, 1) + 2 else { continue }
            // Nothing else sits between the dots.
            let x0 = trio[0].box.maxX, x1 = trio[2].box.x
            let crowded = components.contains { c in
                c.box.x >= x0 && c.box.maxX <= x1 && !isDot(c)
            }
            if crowded { continue }
            sets.union(dots[start], dots[start + 1])
            sets.union(dots[start + 1], dots[start + 2])
        }
    }

    /// Median height of the components that are neither dots nor bars (median of their larger
    /// side when every component is one).
    static func typicalHeight(_ components: [Component]) -> Double {
        let sides = components.map { max($0.box.width, $0.box.height) }.sorted()
        guard let largest = sides.last else { return 1 }
        let provisional = Double(sides[sides.count / 2])
        let heights = components.filter { c in
            Double(max(c.box.width, c.box.height)) > 0.3 * provisional && c.box.width < 2 * c.box.height
        }.map(\.box.height).sorted()
        return Double(heights.isEmpty ? largest : heights[heights.count / 2])
    }
}

/// Union–find over 0..<count.
struct DisjointSets {
    private var parent: [Int]

    init(count: Int) {
        parent = Array(0..<count)
    }

    mutating func find(_ x: Int) -> Int {
        var node = x
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// Members of each set, sets ordered by their smallest member.
    mutating func groups() -> [[Int]] {
        var byRoot: [Int: Int] = [:]
        var result: [[Int]] = []
        for index in parent.indices {
            let root = find(index)
            if let slot = byRoot[root] { result[slot].append(index) } else { byRoot[root] = result.count; result.append([index]) }
        }
        return result
    }
}
