/// A 4 written in two strokes that do not touch: a hook (the slanted stroke and the crossbar)
/// whose crossbar ends just left of a tall stem; the stem rises above the crossbar and runs on
/// well below it. Side-by-side symbols lack that shape: a 2 or 7 before a 1 reaches right at
/// its top, a `-` has no height, a dot or a one-stroke 4 sits on the stem's baseline.
enum OpenFour {
    /// Whether `a` and `b` (either order) are the hook and stem of one 4.
    static func joins(_ a: Component, _ b: Component, symbolHeight: Double, strokeWidth: Double) -> Bool {
        let (hook, stem) = a.centreX <= b.centreX ? (a, b) : (b, a)
        let stemHeight = Double(stem.box.height)
        let (hookWidth, hookHeight) = (Double(hook.box.width), Double(hook.box.height))
        // The stem: tall and narrow.
        guard stemHeight >= 0.5 * symbolHeight, Double(stem.box.width) <= 0.6 * stemHeight,
              isStraight(stem, strokeWidth: strokeWidth) else { return false }
        // The hook: shorter than the stem, neither a dot nor a flat bar.
        guard hookHeight >= 0.2 * stemHeight, hookHeight <= 0.85 * stemHeight, hookHeight >= 0.35 * hookWidth,
              hookWidth >= max(2 * strokeWidth, 0.15 * stemHeight) else { return false }
        // The crossbar (the hook's bottom) crosses the stem's middle: a tail of the stem is below.
        let (stemTop, stemBottom) = (Double(stem.box.y), Double(stem.box.maxY))
        let barY = Double(hook.box.maxY)
        guard barY >= stemTop + 0.2 * stemHeight, barY <= stemBottom - 0.2 * stemHeight,
              Double(hook.box.y) >= stemTop - 0.25 * stemHeight else { return false }
        // Side by side, close: the hook ends at the stem (it may reach a little under it).
        guard hook.box.maxX <= stem.box.maxX, hook.centreX < Double(stem.box.x),
              Double(stem.box.x - hook.box.maxX) <= 0.12 * symbolHeight else { return false }
        // The hook's shape: its top on the left, its bottom reaching furthest right.
        let band = max(1, Int(0.35 * hookHeight))
        guard let top = inkSpan(hook, rows: hook.box.y..<(hook.box.y + band)),
              let bottom = inkSpan(hook, rows: (hook.box.maxY - band)..<hook.box.maxY) else { return false }
        return Double(top.upper) <= Double(hook.box.x) + 0.5 * hookWidth
            && Double(bottom.upper) >= Double(hook.box.maxX) - max(2, strokeWidth)
    }

    /// A single stroke whose middle lies on the line between its ends: a `1`, not a `)`, nor
    /// a `q` whose bowl widens its top.
    static func isStraight(_ c: Component, strokeWidth: Double) -> Bool {
        let band = max(1, c.box.height / 5)
        let middleTop = c.box.y + (c.box.height - band) / 2
        guard let top = inkSpan(c, rows: c.box.y..<(c.box.y + band)), let bottom = inkSpan(c, rows: (c.box.maxY - band)..<c.box.maxY),
              let middle = inkSpan(c, rows: middleTop..<(middleTop + band)) else { return false }
        let widest = 0.5 * Double(c.box.width) + 2 * strokeWidth
        guard [top, middle, bottom].allSatisfy({ Double($0.upper - $0.lower) <= widest }) else { return false }
        let centre = { (span: (lower: Int, upper: Int)) in Double(span.lower + span.upper) / 2 }
        return abs(centre(middle) - (centre(top) + centre(bottom)) / 2) <= max(1.5 * strokeWidth, 0.08 * Double(c.box.height))
    }

    /// Leftmost and rightmost ink of a component within some rows.
    private static func inkSpan(_ c: Component, rows: Range<Int>) -> (lower: Int, upper: Int)? {
        var lower = Int.max, upper = Int.min
        for run in c.runs where rows.contains(Int(run.y)) {
            lower = min(lower, Int(run.x0)); upper = max(upper, Int(run.x1))
        }
        return lower <= upper ? (lower, upper) : nil
    }
}
