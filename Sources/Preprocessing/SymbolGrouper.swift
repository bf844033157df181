import Foundation

/// Groups the components of one line into symbols: overlapping pieces of one symbol (a
/// broken stroke, the two strokes of a 4), the bars of `=`, the dots and bar of `÷`, the dot
/// of `i`/`j`, the bar under `≤ ≥ ±`, and the three dots of `…`. A lone small dot near the
/// baseline matches none of these and stays a symbol of its own (a decimal point).
struct SymbolGrouper {
    /// Components of the line, in working pixels, sorted by left edge.
    let members: ComponentSet
    var components: [Component] { members.components }
    /// Typical symbol height on the line.
    let symbolHeight: Double
    /// Pen stroke width, working pixels.
    let strokeWidth: Double
    /// Pairs tried per component, to the right of it: pages of noise stay bounded in time.
    private let neighbourLimit = 24

    init(_ members: ComponentSet, strokeWidth: Double) {
        self.members = members
        self.strokeWidth = strokeWidth
        symbolHeight = Self.typicalHeight(members.components)
    }

    /// Whether a component reaching into the columns `x0..<x1` satisfies `predicate`.
    private func anyComponent(overlapping x0: Int, _ x1: Int, where predicate: (Component) -> Bool) -> Bool {
        members.contains(overlappingColumns: x0, x1, where: predicate)
    }

    /// Sets of component indices, one per symbol.
    func groups() -> [[Int]] {
        symbols(checkpoint: {}).map(\.members)
    }

    /// The symbols: sets of component indices, and whether a set is a `÷` by its shape (a
    /// stroke with one mark on each side; see `joinDivisionSigns`).
    /// `checkpoint` is called per component and may throw to stop (see `Segmenter.segment`).
    func symbols(checkpoint: () throws -> Void) rethrows -> [(members: [Int], isDivisionSign: Bool)] {
        var sets = DisjointSets(count: components.count)
        let order = Array(components.indices) // already by left edge
        let reach = symbolHeight * 1.2
        // Candidate pairs: components whose x-ranges are within `reach` of each other.
        for (position, i) in order.enumerated() {
            try checkpoint()
            for j in order[(position + 1)...].prefix(neighbourLimit) {
                if Double(components[j].box.x - components[i].box.maxX) > reach { break }
                if shouldJoin(components[i], components[j]) { sets.union(i, j) }
            }
        }
        joinEllipses(&sets, order: order)
        let divisionSigns = joinDivisionSigns(&sets)
        return sets.groups().map { members in
            // Only the bar and its two marks: a ÷ that other rules joined to more is no longer one by shape.
            (members, members.count == 3 && divisionSigns.contains { Set($0) == Set(members) })
        }
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

    private func isFlattish(_ c: Component) -> Bool {
        Double(c.box.width) >= 1.4 * Double(c.box.height) && Double(c.box.height) <= 0.4 * symbolHeight
    }

    private func intersectionArea(_ a: Component, _ b: Component) -> Double {
        overlapX(a, b) * overlapY(a, b)
    }

    private func boxArea(_ c: Component) -> Double {
        Double(c.box.width * c.box.height)
    }

    /// A small mark: a dot, or a ÷ dot drawn as a little circle or tick.
    private func isMark(_ c: Component) -> Bool {
        Double(max(c.box.width, c.box.height)) <= 0.5 * symbolHeight && max(c.box.width, c.box.height) <= 2 * min(c.box.width, c.box.height) + 2
    }

    /// Whether two components of the line belong to one symbol: the first rule that applies
    /// decides.
    private func shouldJoin(_ a: Component, _ b: Component) -> Bool {
        if isMarkOverStroke(a, b) || isEqualsPair(a, b) || OpenFour.joins(a, b, symbolHeight: symbolHeight, strokeWidth: strokeWidth)
            || areStackedHalves(a, b) || areLoopAndTail(a, b) {
            return true
        }
        let (aDot, bDot) = (isDot(a), isDot(b))
        if aDot != bDot { return aDot ? dotBelongs(a, to: b) : dotBelongs(b, to: a) }
        if aDot && bDot { return areStackedDots(a, b) }
        if areFacingArcs(a, b) { return true }
        if isBar(a) != isBar(b), isBar(a) ? barBelongs(a, to: b) : barBelongs(b, to: a) { return true }
        return arePiecesOfOneSymbol(a, b)
    }

    /// `÷` and `=` with a dot-like half: a small mark centred over or under a wide stroke
    /// with nothing else over (or under) the stroke — otherwise it is a fraction bar.
    private func isMarkOverStroke(_ a: Component, _ b: Component) -> Bool {
        [(a, b), (b, a)].contains { mark, wide in
            guard isMark(mark), !isMark(wide) else { return false }
            let middle = abs(mark.centreX - wide.centreX) <= 0.3 * Double(wide.box.width)
            let crowded = mark.box.maxY <= wide.box.y ? hasComponentAbove(wide, except: mark) : hasComponentBelow(wide, except: mark)
            return middle && wide.box.width >= 2 * mark.box.width && wide.box.width >= wide.box.height && overlapY(mark, wide) == 0
                && gapY(mark, wide) <= 0.5 * symbolHeight && !hasComponentBetween(mark, wide) && !crowded
        }
    }

    /// `=`: a bar and a second short stroke over it (writers' `=` are rarely two neat bars),
    /// close together, nothing in between.
    private func isEqualsPair(_ a: Component, _ b: Component) -> Bool {
        guard (isBar(a) && (isBar(b) || isFlattish(b))) || (isBar(b) && isFlattish(a)) else { return false }
        let narrower = Double(min(a.box.width, b.box.width))
        let ratio = Double(max(a.box.width, b.box.width)) / max(narrower, 1)
        return overlapX(a, b) >= 0.3 * narrower && ratio <= 4 && overlapY(a, b) == 0
            && gapY(a, b) <= max(0.8 * symbolHeight, 0.5 * narrower) && !hasComponentBetween(a, b)
    }

    /// A dot joins a narrow stem below it (i, j, !) or a symbol that surrounds it (a pen tap
    /// in a 0, ink on three sides at least). A decimal point does neither: it sits on the
    /// baseline, beside a digit.
    private func dotBelongs(_ dot: Component, to stem: Component) -> Bool {
        guard !isBar(stem), Double(stem.box.width) <= 1.5 * Double(stem.box.height) else { return false }
        let above = dot.box.maxY <= stem.box.y + 1
        let slack = Double(dot.box.width)
        let centred = dot.centreX >= Double(stem.box.x) - slack && dot.centreX <= Double(stem.box.maxX) + slack
        if above && centred && gapY(dot, stem) <= max(0.5 * symbolHeight, 1.2 * Double(stem.box.height)) { return true }
        let box = stem.box
        let inside = dot.centreX > Double(box.x) + 0.15 * Double(box.width) && dot.centreX < Double(box.maxX) - 0.15 * Double(box.width)
            && dot.centreY > Double(box.y) + 0.15 * Double(box.height) && dot.centreY < Double(box.maxY) - 0.25 * Double(box.height)
        return inside && enclosingSides(stem, dot) >= 3
    }

    /// A small i (stem no taller than a dot) or a colon: two dots one over the other.
    private func areStackedDots(_ a: Component, _ b: Component) -> Bool {
        let (upper, lower) = a.box.y <= b.box.y ? (a, b) : (b, a)
        return upper.box.maxY <= lower.box.y && abs(upper.centreX - lower.centreX) <= Double(max(upper.box.width, lower.box.width))
            && gapY(upper, lower) <= 0.5 * symbolHeight && !hasComponentBetween(upper, lower)
    }

    /// A bar joins a symbol of similar width right above it (≤ ≥ ±) unless something is below
    /// (a fraction), the head of an arrow at its right end, or the top or bottom of a nearby
    /// stroke (T, 5, I, π drawn in separate strokes) unless it is half of an `=`, closer to
    /// another stroke, or a fraction bar.
    private func barBelongs(_ bar: Component, to other: Component) -> Bool {
        let similar = Double(bar.box.width) >= 0.5 * Double(other.box.width) && Double(bar.box.width) <= 2 * Double(other.box.width)
        if similar, bar.box.y >= other.box.maxY - 1, overlapX(bar, other) >= 0.6 * Double(bar.box.width),
           gapY(bar, other) <= 0.5 * symbolHeight, !hasComponentBelow(bar) {
            return true
        }
        let distance = inkDistance(bar, other)
        // The head of an arrow (→): a small stroke across the bar's right end, touching it.
        let acrossEnd = other.box.x < bar.box.maxX && other.box.maxX >= bar.box.maxX && other.centreX > bar.centreX
            && Double(other.box.y) <= bar.centreY && Double(other.box.maxY) >= bar.centreY && Double(other.box.height) <= 0.8 * symbolHeight
        if acrossEnd, distance <= max(2, 1.5 * strokeWidth) { return true }
        let quarter = 0.25 * Double(other.box.height)
        let onTop = bar.centreY <= Double(other.box.y) + quarter, onBottom = bar.centreY >= Double(other.box.maxY) - quarter
        guard onTop || onBottom else { return false }
        return distance <= max(2 * strokeWidth, 0.15 * symbolHeight) && !isHalfOfEquals(bar)
            && !hasCloserNeighbour(bar, than: other, distance: distance)
            && !(onTop ? hasComponentAbove(bar, except: other) : hasComponentBelow(bar, except: other))
    }

    /// Pieces of one symbol: boxes that overlap over most of the smaller one. Two whole
    /// symbols must overlap more and touch (a 0 above the tail of a 2 does not); a piece held
    /// inside a much larger box must touch its ink (the bar of a 5 does, the `-` under a
    /// square root does not).
    private func arePiecesOfOneSymbol(_ a: Component, _ b: Component) -> Bool {
        let (small, large) = boxArea(a) <= boxArea(b) ? (a, b) : (b, a)
        let shared = intersectionArea(a, b) / max(1, boxArea(small))
        let bothSymbols = [a, b].allSatisfy { Double($0.box.height) >= 0.6 * symbolHeight && Double($0.box.width) >= 0.3 * symbolHeight }
        guard shared >= (bothSymbols ? 0.8 : 0.5) else { return false }
        let touching = max(2, 1.5 * strokeWidth)
        if bothSymbols, inkDistance(a, b) > touching { return false }
        guard shared >= 0.9, boxArea(large) >= 1.5 * boxArea(small) else { return true }
        let piece = Double(small.box.height) < 0.4 * symbolHeight || isFlattish(small)
        guard piece else { return false }
        let distance = inkDistance(small, large)
        // A 5's flag lifted off its stem: flat, in the upper part of the digit, close to its ink.
        let flag = isFlattish(small) && small.centreY <= Double(large.box.y) + 0.4 * Double(large.box.height)
            && distance <= max(touching, 0.15 * symbolHeight)
        return distance <= touching || flag
    }

    /// A digit broken in two by a pen lift or a faint stroke (a 3 as two bowls): one piece
    /// over the other, of comparable size, overlapping over most of the narrower one's width,
    /// barely apart, each shorter than a symbol and together about one. Bars (`=`) and dots
    /// (`÷`, `i`) have their own rules; a small 0 over a decimal point drawn as a tick is no
    /// pair of halves.
    private func areStackedHalves(_ a: Component, _ b: Component) -> Bool {
        guard ![a, b].contains(where: { isDot($0) || isBar($0) || isFlattish($0) }) else { return false }
        let ratio = { (x: Int, y: Int) in Double(min(x, y)) / Double(max(x, y, 1)) }
        guard ratio(a.box.width, b.box.width) >= 0.5, ratio(a.box.height, b.box.height) >= 0.5 else { return false }
        let (upper, lower) = a.box.y <= b.box.y ? (a, b) : (b, a)
        let total = Double(max(upper.box.maxY, lower.box.maxY) - upper.box.y)
        return overlapX(a, b) >= 0.6 * Double(min(a.box.width, b.box.width))
            && gapY(a, b) <= max(2 * strokeWidth, 0.1 * symbolHeight)
            && [a, b].allSatisfy({ Double($0.box.height) <= 0.75 * symbolHeight })
            && total >= 0.6 * symbolHeight && total <= 1.3 * symbolHeight
            && upper.centreY <= lower.centreY - 0.25 * symbolHeight
    }

    /// A 9 whose tail was written apart from its loop: a loop at the top of a tall, narrow,
    /// straight stroke just right of it, the stroke starting level with the loop's top and
    /// running on well below it. A 0, 6 or 8 before a 1 is about as tall as the 1; a closing
    /// bracket is curved and rises above the digit before it.
    private func areLoopAndTail(_ a: Component, _ b: Component) -> Bool {
        let (loop, tail) = a.centreX <= b.centreX ? (a, b) : (b, a)
        let tailHeight = Double(tail.box.height)
        guard tailHeight >= 0.6 * symbolHeight, Double(tail.box.width) <= 0.6 * tailHeight else { return false }
        let (loopWidth, loopHeight) = (Double(loop.box.width), Double(loop.box.height))
        guard loopHeight <= 0.7 * tailHeight, loopHeight >= 0.25 * tailHeight, loopWidth >= 0.25 * tailHeight,
              abs(Double(loop.box.y - tail.box.y)) <= 0.3 * loopHeight + strokeWidth,
              Double(loop.box.maxY) <= Double(tail.box.y) + 0.75 * tailHeight,
              loop.box.x < tail.box.x, Double(tail.box.x - loop.box.maxX) <= 0.12 * symbolHeight else { return false }
        return isLoopOpenAtMostRight(loop) && OpenFour.isStraight(tail, strokeWidth: strokeWidth)
    }

    /// Ink left of, above and below the box's centre, and none on it: a ring, perhaps open on
    /// the right where the pen went on to the tail; not a stroke through the middle.
    private func isLoopOpenAtMostRight(_ c: Component) -> Bool {
        let (x, y) = (c.box.x + c.box.width / 2, c.box.y + c.box.height / 2)
        var (left, above, below) = (false, false, false)
        for run in c.runs {
            let (row, x0, x1) = (Int(run.y), Int(run.x0), Int(run.x1))
            if row == y {
                if x0 <= x && x < x1 { return false }
                if x1 <= x { left = true }
            }
            if x0 <= x && x < x1 {
                if row < y { above = true } else if row > y { below = true }
            }
        }
        return left && above && below
    }

    /// `x` written as two strokes, `)` and `(`, whose middles (nearly) touch. Taller pairs
    /// are left alone: those are parentheses, as in `(a)(b)`.
    private func areFacingArcs(_ a: Component, _ b: Component) -> Bool {
        let (left, right) = a.centreX <= b.centreX ? (a, b) : (b, a)
        let (low, high) = (Double(min(a.box.height, b.box.height)), Double(max(a.box.height, b.box.height)))
        guard high <= 1.05 * symbolHeight, low >= 0.3 * symbolHeight, high <= 1.5 * low,
              overlapY(a, b) >= 0.6 * low, Double(right.box.x - left.box.maxX) <= 0.25 * symbolHeight else { return false }
        let top = max(left.box.y, right.box.y), bottom = min(left.box.maxY, right.box.maxY)
        let middle = (top + (bottom - top) * 2 / 5)..<(top + (bottom - top) * 3 / 5 + 1)
        guard let leftMiddle = inkSpan(left, rows: middle), let rightMiddle = inkSpan(right, rows: middle),
              Double(rightMiddle.lower - leftMiddle.upper) <= 0.15 * symbolHeight else { return false }
        let quarter = { (c: Component) in max(1, c.box.height / 4) }
        guard let leftTop = inkSpan(left, rows: left.box.y..<(left.box.y + quarter(left))),
              let leftBottom = inkSpan(left, rows: (left.box.maxY - quarter(left))..<left.box.maxY),
              let rightTop = inkSpan(right, rows: right.box.y..<(right.box.y + quarter(right))),
              let rightBottom = inkSpan(right, rows: (right.box.maxY - quarter(right))..<right.box.maxY) else { return false }
        let leftBend = 0.2 * Double(left.box.width), rightBend = 0.2 * Double(right.box.width)
        return Double(leftMiddle.upper - max(leftTop.upper, leftBottom.upper)) >= leftBend
            && Double(min(rightTop.lower, rightBottom.lower) - rightMiddle.lower) >= rightBend
    }

    /// On how many sides of `dot` `outer` has ink: left and right on the dot's rows, above and
    /// below in its columns.
    private func enclosingSides(_ outer: Component, _ dot: Component) -> Int {
        let rows = dot.box.y..<dot.box.maxY, columns = dot.box.x..<dot.box.maxX
        var (left, right, above, below) = (false, false, false, false)
        for run in outer.runs {
            let y = Int(run.y), x0 = Int(run.x0), x1 = Int(run.x1)
            if rows.contains(y) {
                if x1 <= dot.box.x { left = true }
                if x0 >= dot.box.maxX { right = true }
            }
            if x0 < columns.upperBound, x1 > columns.lowerBound {
                if y < dot.box.y { above = true }
                if y >= dot.box.maxY { below = true }
            }
        }
        return [left, right, above, below].filter { $0 }.count
    }

    /// Whether some other component's ink is nearer to `bar` than `distance` (a bar belongs
    /// with the nearest stroke, as the top of a 5 next to a 0).
    private func hasCloserNeighbour(_ bar: Component, than other: Component, distance: Double) -> Bool {
        let reach = Int(distance.rounded(.up)) + 1
        return anyComponent(overlapping: bar.box.x - reach, bar.box.maxX + reach) { c in
            c.box != bar.box && c.box != other.box && !isDot(c) && inkDistance(bar, c) < distance
        }
    }

    /// A bar with another flat stroke right over or under it, as in `=`.
    private func isHalfOfEquals(_ bar: Component) -> Bool {
        anyComponent(overlapping: bar.box.x, bar.box.maxX) { c in
            c.box != bar.box && isFlattish(c) && overlapX(c, bar) >= 0.3 * Double(min(c.box.width, bar.box.width))
                && overlapY(c, bar) == 0 && gapY(c, bar) <= 0.8 * symbolHeight && !hasComponentBetween(c, bar)
        }
    }

    /// Shortest distance between the ink of two components (capped at a symbol height).
    private func inkDistance(_ a: Component, _ b: Component) -> Double {
        let limit = Int(symbolHeight)
        var best = Double(limit)
        for ra in a.runs {
            for rb in b.runs {
                let dy = abs(Int(ra.y) - Int(rb.y))
                guard Double(dy) < best else { continue }
                let dx = max(0, max(Int(ra.x0), Int(rb.x0)) - min(Int(ra.x1), Int(rb.x1)) + 1)
                best = min(best, (Double(dx * dx + dy * dy)).squareRoot())
            }
        }
        return best
    }

    /// Leftmost and rightmost ink of a component within some rows.
    private func inkSpan(_ c: Component, rows: Range<Int>) -> (lower: Int, upper: Int)? {
        var lower = Int.max, upper = Int.min
        for run in c.runs where rows.contains(Int(run.y)) {
            lower = min(lower, Int(run.x0)); upper = max(upper, Int(run.x1))
        }
        return lower <= upper ? (lower, upper) : nil
    }

    private func hasComponentBetween(_ a: Component, _ b: Component) -> Bool {
        let (upper, lower) = a.box.y <= b.box.y ? (a, b) : (b, a)
        let x0 = max(upper.box.x, lower.box.x), x1 = min(upper.box.maxX, lower.box.maxX)
        return anyComponent(overlapping: x0, x1) { c in
            c.box.y >= upper.box.maxY && c.box.maxY <= lower.box.y
        }
    }

    private func hasComponentBelow(_ bar: Component, except: Component? = nil) -> Bool {
        anyComponent(overlapping: bar.box.x, bar.box.maxX) { c in
            c.box != except?.box && c.centreY >= Double(bar.box.maxY) && c.centreY >= bar.centreY + 0.5 * Double(c.box.height)
                && Double(c.box.y - bar.box.maxY) <= symbolHeight
        }
    }

    private func hasComponentAbove(_ bar: Component, except: Component? = nil) -> Bool {
        anyComponent(overlapping: bar.box.x, bar.box.maxX) { c in
            c.box != except?.box && c.centreY <= Double(bar.box.y) && c.centreY <= bar.centreY - 0.5 * Double(c.box.height)
                && Double(bar.box.y - c.box.maxY) <= symbolHeight
        }
    }

    /// `÷` however written: a straight stroke, flat or slanted like `%`, with one small mark
    /// on each side of it over its middle, the two facing each other across it (dots, little
    /// circles or ticks, near the bar or well apart from it). The nearest piece on each side
    /// must be small against both the stroke and the line's symbols: a fraction's numerator
    /// and denominator are not, nor is the other stroke of a 4 beside its slanted one.
    /// Returns each sign found as its bar and marks.
    private func joinDivisionSigns(_ sets: inout DisjointSets) -> [[Int]] {
        var found: [[Int]] = []
        for (index, bar) in components.enumerated() {
            guard let axis = divisionStroke(bar) else { continue }
            var nearest: [(index: Int, distance: Double, along: Double)?] = [nil, nil]
            let reach = Int(axis.length.rounded(.up))
            for other in members.indices(overlappingColumns: bar.box.x - reach, bar.box.maxX + reach) where other != index {
                let c = components[other]
                let (dx, dy) = (c.centreX - axis.centre.x, c.centreY - axis.centre.y)
                let along = dx * axis.direction.x + dy * axis.direction.y, across = -dx * axis.direction.y + dy * axis.direction.x
                guard abs(along) <= axis.length / 2, abs(across) > axis.spread / 2, abs(across) <= axis.spread / 2 + axis.length else { continue }
                let side = across < 0 ? 0 : 1
                if nearest[side].map({ abs(across) < $0.distance }) ?? true { nearest[side] = (other, abs(across), along) }
            }
            guard let above = nearest[0], let below = nearest[1],
                  [above, below].allSatisfy({ abs($0.along) <= 0.35 * axis.length }), abs(above.along - below.along) <= 0.4 * axis.length,
                  [above.index, below.index].allSatisfy({ isDivisionMark(components[$0], stroke: axis) }) else { continue }
            sets.union(index, above.index)
            sets.union(index, below.index)
            found.append([index, above.index, below.index])
        }
        return found
    }

    /// The axis of a stroke that may be the bar of a `÷`: thin, nearly straight, at most 65°
    /// from the writing direction, not longer than a few symbols.
    private func divisionStroke(_ c: Component) -> PrincipalAxis? {
        guard !isMark(c), Double(max(c.box.width, c.box.height)) <= 2.5 * symbolHeight, let axis = PrincipalAxis(c),
              abs(axis.direction.y) <= sin(65 * Double.pi / 180), axis.length >= 0.3 * symbolHeight else { return nil }
        let thickness = Double(c.area) / axis.length
        return thickness <= 2.5 * max(strokeWidth, 1) && axis.spread - thickness <= 0.25 * axis.length ? axis : nil
    }

    /// A mark of a `÷`: shorter than its bar (a tick may be nearly as long) and clearly
    /// smaller than the line's digits. A digit over a fraction bar is taller than the bar is
    /// long: the bar spans the digit's width, and digits are taller than wide.
    private func isDivisionMark(_ c: Component, stroke: PrincipalAxis) -> Bool {
        let side = Double(max(c.box.width, c.box.height))
        return side <= 0.9 * stroke.length && side <= 0.7 * symbolHeight
    }

    /// `…`: three or more dots of similar size in a row, evenly and closely spaced.
    private func joinEllipses(_ sets: inout DisjointSets, order: [Int]) {
        // Ellipsis dots are small but often drawn as short dashes or ticks.
        let isSmall = { (c: Component) in Double(max(c.box.width, c.box.height)) <= 0.35 * self.symbolHeight }
        let dots = order.filter { isSmall(components[$0]) }
        guard dots.count >= 3 else { return }
        for start in 0..<(dots.count - 2) {
            let trio = dots[start..<(start + 3)].map { components[$0] }
            let gaps = zip(trio, trio.dropFirst()).map { Double($1.box.x - $0.box.maxX) }
            // In a row, which may slope a little, as handwriting does.
            let aligned = zip(trio, trio.dropFirst()).allSatisfy { abs($0.centreY - $1.centreY) <= 0.2 * symbolHeight }
            guard aligned, gaps.allSatisfy({ $0 >= 0 && $0 <= 1.2 * symbolHeight }) else { continue }
            guard let wider = gaps.max(), let narrower = gaps.min(), wider <= 2.5 * max(narrower, 1) + 2 else { continue }
            // Nothing else sits between the dots.
            let x0 = trio[0].box.maxX, x1 = trio[2].box.x
            let crowded = anyComponent(overlapping: x0, x1) { c in
                c.box.x >= x0 && c.box.maxX <= x1 && !isSmall(c)
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
