import ImageDecoding
import Preprocessing

/// A 2-D-only segmentation step: a fraction bar whose numerator (or denominator) touches it,
/// or that a grouping rule joined to a small numerator as the half of an `=` or `÷`, reaches
/// the classifier as one glyph (`1` over a bar read as `1`, `r` over a bar as `=`), and the
/// fraction is lost. On selection expressions this was the commonest unsegmented true symbol
/// (`-`: 47 of 49 misses, and the `1`, `2`, `n` joined to it). Such a glyph is split here when
/// its shape says fraction: a straight full-width stroke along its top or bottom edge, the rest
/// of its ink much narrower than that stroke, and another glyph just across the stroke within
/// its columns (the other half of the fraction); or a whole small fraction grouped as one glyph,
/// three bands of ink with a bar between two symbols. A `≤`, `±` or `=` has its bar about as wide
/// as the rest and nothing right under it; a `÷`'s dots are small against its bar; a `+` has no
/// empty rows. The line path never calls this: its grouping stays as it is.
enum FractionBars {
    /// Ink values at or above this count as ink when measuring rows of a crop.
    static let inkLevel: Float = 0.25
    /// The stroke spans at least this share of the glyph's ink width.
    static let barSpan = 0.9
    /// The rest of the ink is at most this share of the bar's width.
    static let restShare = 0.67

    /// A glyph split in two, in crop rows: the bar's and the rest's.
    struct Split: Equatable {
        var bar: Range<Int>
        var rest: Range<Int>
        /// A whole fraction in one glyph: the rows across the bar from `rest`.
        var other: Range<Int>? = nil
    }

    /// Where `glyph`'s crop holds a bar along its top or bottom with narrower ink across from
    /// it; nil when it does not. Only the crop is read: its rows map linearly to the box's.
    static func split(_ glyph: Glyph) -> Split? {
        let side = Glyph.cropSide
        guard glyph.crop.count == side * side else { return nil }
        // Each row's ink extent, nil for an empty row.
        let extents: [(Int, Int)?] = (0..<side).map { y in
            let row = glyph.crop[(y * side)..<((y + 1) * side)]
            guard let first = row.firstIndex(where: { $0 >= inkLevel }), let last = row.lastIndex(where: { $0 >= inkLevel }) else { return nil }
            return (first - y * side, last - y * side)
        }
        let inked = extents.indices.filter { extents[$0] != nil }
        guard let top = inked.first, let bottom = inked.last, bottom - top >= 6 else { return nil }
        let left = inked.compactMap { extents[$0]?.0 }.min() ?? 0, right = inked.compactMap { extents[$0]?.1 }.max() ?? 0
        let width = Double(right - left + 1)
        let span = { (rows: [Int]) -> (Int, Int)? in
            let found = rows.compactMap { extents[$0] }
            guard let first = found.map(\.0).min(), let last = found.map(\.1).max() else { return nil }
            return (first, last)
        }
        // A symbol with its bar at one edge is not much taller than wide.
        for fromTop in [false, true] where glyph.box.width >= 2 * glyph.box.height / 3 {
            // The bar: the fewest rows from the edge (at most a quarter of the ink's height)
            // whose ink spans the glyph, a handwritten bar being seldom level.
            let rows = fromTop ? Array(top...bottom) : Array((top...bottom).reversed())
            guard let fewest = (1...most(top, bottom)).first(where: { count in
                span(Array(rows.prefix(count))).map { Double($0.1 - $0.0 + 1) >= barSpan * width } ?? false
            }) else { continue }
            // Full-width rows next to the band are the bar's too.
            var count = fewest
            while count < rows.count, let (first, last) = extents[rows[count]], Double(last - first + 1) >= barSpan * width { count += 1 }
            let barRows = rows.prefix(count)
            // The rest, past a row of the join, much narrower than the bar and over its middle
            // (a root's tick is at its bar's left end).
            let restRows = Array(rows.dropFirst(count + 1).filter { extents[$0] != nil })
            guard restRows.count >= 2 * count + 2, let (restLeft, restRight) = span(restRows) else { continue }
            let restCentre = Double(restLeft + restRight) / 2, barCentre = Double(left + right) / 2
            guard Double(restRight - restLeft + 1) <= restShare * width, abs(restCentre - barCentre) <= 0.25 * width else { continue }
            // A fraction bar is at least as long as its numerator is tall; a 1's foot or a T's top is shorter.
            guard let restFirst = restRows.min(), let restLast = restRows.max(), width >= Double(restLast - restFirst + 1) else { continue }
            let barRange = fromTop ? top..<(top + barRows.count) : (bottom - barRows.count + 1)..<(bottom + 1)
            // The row where the rest meets the bar is left to neither: it holds the bar's ink.
            let restRange = fromTop ? (barRange.upperBound + 1)..<(bottom + 1) : top..<(barRange.lowerBound - 1)
            return Split(bar: barRange, rest: restRange)
        }
        // A whole small fraction as one glyph (a `÷` by the grouping's shape rules): three
        // bands of ink with empty rows between them (a `+` has none), the middle one a bar, the
        // others narrower than it, centred, and at least a quarter as tall as it is long (a ÷'s
        // dots are smaller).
        var bands: [Range<Int>] = []
        for y in top...bottom where extents[y] != nil {
            if let last = bands.last, last.upperBound == y { bands[bands.count - 1] = last.lowerBound..<(y + 1) } else { bands.append(y..<(y + 1)) }
        }
        guard bands.count == 3, bands[1].count <= most(top, bottom),
              let (barLeft, barRight) = span(Array(bands[1])), Double(barRight - barLeft + 1) >= barSpan * width else { return nil }
        for part in [bands[0], bands[2]] {
            guard let (partLeft, partRight) = span(Array(part)) else { return nil }
            let centre = Double(partLeft + partRight) / 2
            guard Double(partRight - partLeft + 1) <= restShare * width, abs(centre - Double(left + right) / 2) <= 0.25 * width,
                  Double(part.count) >= 0.25 * width else { return nil }
        }
        return Split(bar: bands[1], rest: bands[0], other: bands[2])
    }

    /// Most rows a bar may have in ink from row `top` to `bottom`: a quarter of its height.
    static func most(_ top: Int, _ bottom: Int) -> Int { max(1, (bottom - top + 1) / 4) }

    /// The box in page pixels of crop rows `rows`, columns `columns` of `glyph`'s crop.
    static func box(of glyph: Glyph, rows: Range<Int>, columns: Range<Int>) -> Box {
        let box = glyph.box
        let square = Double(max(box.width, box.height)) / GlyphNormalizer.fill
        let step = square / Double(Glyph.cropSide)
        let originX = Double(box.x) + Double(box.width) / 2 - square / 2
        let originY = Double(box.y) + Double(box.height) / 2 - square / 2
        let x0 = max(box.x, Int((originX + Double(columns.lowerBound) * step).rounded(.down)))
        let x1 = min(box.maxX, Int((originX + Double(columns.upperBound) * step).rounded(.up)))
        let y0 = max(box.y, Int((originY + Double(rows.lowerBound) * step).rounded(.down)))
        let y1 = min(box.maxY, Int((originY + Double(rows.upperBound) * step).rounded(.up)))
        return Box(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
    }

    /// The glyphs with each fraction bar that holds a numerator or denominator split off:
    /// the bar and the rest as glyphs of their own, with crops made from the crop's rows.
    /// Only split when another glyph lies just across the bar, within its columns; every other
    /// glyph is returned as it is, in its place.
    static func separated(_ glyphs: [Glyph]) -> [Glyph] {
        var result: [Glyph] = []
        for (index, glyph) in glyphs.enumerated() {
            guard let split = split(glyph) else { result.append(glyph); continue }
            let side = Glyph.cropSide
            let columns = { (rows: Range<Int>) -> Range<Int> in
                let cols = rows.flatMap { y in (0..<side).filter { glyph.crop[y * side + $0] >= inkLevel } }
                return (cols.min() ?? 0)..<((cols.max() ?? 0) + 1)
            }
            let barBox = box(of: glyph, rows: split.bar, columns: columns(split.bar))
            let plane = InkPlane(width: side, height: side, values: glyph.crop)
            let crop = { (rows: Range<Int>) -> [Float] in
                let cols = columns(rows)
                return GlyphNormalizer.crop(plane, box: Box(x: cols.lowerBound, y: rows.lowerBound, width: cols.count, height: rows.count))
            }
            if let other = split.other {
                for rows in [split.rest, split.bar, other] {
                    result.append(Glyph(box: box(of: glyph, rows: rows, columns: columns(rows)), line: glyph.line, crop: crop(rows)))
                }
                continue
            }
            let restBox = box(of: glyph, rows: split.rest, columns: columns(split.rest))
            let barOnTop = split.bar.lowerBound < split.rest.lowerBound
            // The fraction's other half: the nearest glyph across the bar from the rest, centred
            // within the bar's columns, must be a symbol (not another bar) about as tall as the
            // rest and close to the bar: under a T's top there is no such symbol.
            let gaps = glyphs.indices.compactMap { other -> (gap: Int, box: Box)? in
                guard other != index else { return nil }
                let o = glyphs[other].box
                let centre = o.x + o.width / 2
                guard centre > barBox.x, centre < barBox.maxX else { return nil }
                let gap = barOnTop ? barBox.y - o.maxY : o.y - barBox.maxY
                return gap >= -1 ? (gap, o) : nil
            }
            let across = gaps.min { $0.gap < $1.gap }.map { nearest in
                nearest.box.width < barBox.width && 2 * nearest.box.height >= restBox.height && nearest.gap <= restBox.height
            } ?? false
            guard across else { result.append(glyph); continue }
            let (first, second) = barOnTop ? ((barBox, crop(split.bar)), (restBox, crop(split.rest)))
                : ((restBox, crop(split.rest)), (barBox, crop(split.bar)))
            result.append(Glyph(box: first.0, line: glyph.line, crop: first.1))
            result.append(Glyph(box: second.0, line: glyph.line, crop: second.1))
        }
        return result
    }
}
