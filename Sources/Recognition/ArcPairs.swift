import Classification
import ImageDecoding
import Preprocessing

/// An `x` written as two arcs back to back (`ɔ c`), which the segmenter finds as two marks
/// read `) c` or `2 c`. Read in 2-D, each pair of neighbouring marks that may be one (side by
/// side, sharing their line, of similar height, nearly touching) is classified once more as
/// one crop, composed from the two marks' crops, in the same classification call as the marks;
/// the pair is read as one symbol when that crop's best reading is one written as two arcs
/// (`x`, `X`, `\times`) and likelier than either mark's own best reading.
enum ArcPairs {
    /// What two arcs back to back are read as.
    static let labels: Set<String> = ["x", "X", "\\times"]
    /// How the two strokes of the training writers' two-stroke `x`, `X` and `\\times` lie (`scripts/measure-strokes.py`: 3,629;
    /// boxes grown by the rendered pen; 1st and 99th percentiles, so the pairs proposed are
    /// nearly all an `x` may be; the classifier decides): the gap between them at most 0.17 of
    /// the taller one's height (overlap is negative); the shorter at least 0.43 of the taller
    /// one's height; sharing at least 0.74 of the shorter one's height; the pair at most 1.91
    /// times as wide as it is tall.
    static let gap = 0.17, heightShare = 0.43, lineShare = 0.74, aspect = 1.91

    /// Neighbouring glyphs (left to right, indices into `glyphs`) that may be one symbol.
    static func pairs(_ glyphs: [Glyph]) -> [(left: Int, right: Int)] {
        let order = glyphs.indices.sorted { glyphs[$0].box.x < glyphs[$1].box.x }
        return zip(order, order.dropFirst()).compactMap { left, right in
            let (a, b) = (glyphs[left].box, glyphs[right].box)
            let (short, tall) = (Double(min(a.height, b.height)), Double(max(a.height, b.height)))
            let shared = Double(min(a.maxY, b.maxY) - max(a.y, b.y))
            let union = Box.union([a, b])
            guard tall > 0, short >= heightShare * tall, shared >= lineShare * short,
                  Double(b.x - a.maxX) <= gap * tall, Double(union.width) <= aspect * Double(union.height) else { return nil }
            return (left, right)
        }
    }

    /// The crop the classifier would see of the two glyphs' ink as one box: each glyph's crop,
    /// sampled back at the union's cells (3 × 3 points a cell), the larger where they meet.
    static func crop(_ first: Glyph, _ second: Glyph) -> [Float] {
        let side = Glyph.cropSide
        let union = Box.union([first.box, second.box])
        func square(_ box: Box) -> (x: Double, y: Double, step: Double) {
            let squareSide = Double(max(box.width, box.height)) / GlyphNormalizer.fill
            return (Double(box.x) + Double(box.width) / 2 - squareSide / 2,
                    Double(box.y) + Double(box.height) / 2 - squareSide / 2, squareSide / Double(side))
        }
        let target = square(union)
        let sources = [first, second].map { ($0, square($0.box)) }
        var output = [Float](repeating: 0, count: side * side)
        let points = 3
        for row in 0..<side {
            for column in 0..<side {
                var sum: Float = 0
                for sy in 0..<points {
                    for sx in 0..<points {
                        let x = target.x + (Double(column) + (Double(sx) + 0.5) / Double(points)) * target.step
                        let y = target.y + (Double(row) + (Double(sy) + 0.5) / Double(points)) * target.step
                        var ink: Float = 0
                        for (glyph, frame) in sources {
                            let cx = Int((x - frame.x) / frame.step), cy = Int((y - frame.y) / frame.step)
                            guard (0..<side).contains(cx), (0..<side).contains(cy) else { continue }
                            ink = max(ink, glyph.crop[cy * side + cx])
                        }
                        sum += ink
                    }
                }
                output[row * side + column] = sum / Float(points * points)
            }
        }
        if let peak = output.max(), peak > 0 {
            for index in output.indices { output[index] = min(1, output[index] / peak) }
        }
        return output
    }

    /// `glyphs` and their candidates with each pair of `pairs` whose own candidates
    /// (`pairCandidates`, in the same order) make it one symbol replaced by that symbol.
    static func joined(_ glyphs: [Glyph], candidates: [[Candidate]], pairs: [(left: Int, right: Int)],
                       pairCandidates: [[Candidate]]) -> (glyphs: [Glyph], candidates: [[Candidate]]) {
        var used = Set<Int>()
        var joinedGlyphs: [Glyph] = [], joinedCandidates: [[Candidate]] = []
        for (pair, own) in zip(pairs, pairCandidates) {
            guard !used.contains(pair.left), !used.contains(pair.right), let best = own.first, labels.contains(best.label) else { continue }
            let parts = [pair.left, pair.right].map { candidates[$0].first?.probability ?? 0 }
            guard best.probability > (parts.max() ?? 0) else { continue }
            used.formUnion([pair.left, pair.right])
            let (a, b) = (glyphs[pair.left], glyphs[pair.right])
            joinedGlyphs.append(Glyph(box: Box.union([a.box, b.box]), line: a.line, crop: crop(a, b)))
            joinedCandidates.append(own)
        }
        let kept = glyphs.indices.filter { !used.contains($0) }
        return (kept.map { glyphs[$0] } + joinedGlyphs, kept.map { candidates[$0] } + joinedCandidates)
    }
}
