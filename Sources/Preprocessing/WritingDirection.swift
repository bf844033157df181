import ImageDecoding

/// Which way the writing on a page runs. Symbols of a line sit side by side, so the nearest
/// neighbour of most symbols lies to its left or right; on a page turned a quarter it lies
/// above or below. (The bars of `=` and the dots of `÷` are neighbours one above the other,
/// but they are few against the symbols of a line.) Used to check a photo's EXIF orientation
/// against its content: a tag that would stand the writing on end is wrong.
public enum WritingDirection {
    /// Share of a page's symbol-sized marks whose nearest neighbour lies more sideways than
    /// up or down: near 1 for lines running across the image, near 0 for lines running down
    /// it; nil when the page has fewer than three such marks to judge by.
    public static func sidewaysNeighbourShare(_ image: GrayImage) -> Double? {
        guard image.width > 0, image.height > 0 else { return nil }
        // The direction of lines shows at a tenth of a megapixel; the check stays cheap.
        var factor = 1
        while factor < 8, image.width * image.height / (factor * factor) > 120_000 { factor *= 2 }
        let reduced = factor == 1 ? image : Downsampler.reduce(image, by: factor)
        let (analysis, _) = Segmenter.workingInkAnalysis(reduced, options: SegmenterOptions(allowDownscale: false), checkpoint: {})
        let marks = PageMarks.plausibleInk(analysis.components, plane: analysis.plane, strokeWidth: analysis.strokeWidth)
        let small = PageMarks.smallMarks(marks, strokeWidth: analysis.strokeWidth)
        // The largest marks are enough to judge by, and keep the pairwise search bounded.
        let symbols = marks.indices.filter { !small[$0] }.map { marks[$0].box }
            .sorted { $0.width * $0.height > $1.width * $1.height }.prefix(300).map { $0 }
        guard symbols.count >= 3 else { return nil }
        var sideways = 0
        for (index, box) in symbols.enumerated() {
            var nearest: Box?, best = Double.infinity
            for (other, candidate) in symbols.enumerated() where other != index {
                let gap = PageMarks.gap(box, candidate)
                if gap < best { best = gap; nearest = candidate }
            }
            guard let nearest else { continue }
            let dx = abs(Double(nearest.x + nearest.maxX) - Double(box.x + box.maxX))
            let dy = abs(Double(nearest.y + nearest.maxY) - Double(box.y + box.maxY))
            if dx > dy { sideways += 1 }
        }
        return Double(sideways) / Double(symbols.count)
    }
}
