import ImageDecoding

/// Ink plane, binary mask, components and stroke width of one working image: Otsu for evenly
/// lit pages, half the typical ink of the (lighting-normalised) ink plane otherwise.
struct InkAnalysis {
    let plane: InkPlane
    let components: [Component]
    /// Working pixels; 0 without ink.
    let strokeWidth: Double

    /// `checkpoint` is called between the steps and may throw to stop (see `Segmenter.segment`).
    init(_ image: GrayImage, options: SegmenterOptions, checkpoint: () throws -> Void) rethrows {
        let (plane, background) = InkPlane.read(image)
        self.plane = plane
        try checkpoint()
        let mask: [Bool]
        if background.isEven, let otsu = Self.otsuMask(image, inverted: background.inverted) {
            mask = otsu
        } else {
            mask = plane.values.map { $0 >= 0.5 }
        }
        // Writing covers a small part of a page; when "ink" covers more, the image is noise
        // or a failed exposure, not handwriting.
        let inkShare = Double(mask.reduce(0) { $0 + ($1 ? 1 : 0) }) / Double(max(1, mask.count))
        // Components under 3 pixels are always specks below (and too small to measure strokes).
        var found = inkShare <= Segmenter.maximumInkShare
            ? ConnectedComponents.find(in: mask, width: image.width, height: image.height, minimumArea: 3) : []
        try checkpoint()
        let width = StrokeWidth.estimate(found) ?? 0
        let speck = max(3, Int(options.speckArea * width * width)) // 3: see `minimumArea` above
        // Specks, and slivers along the image border (the edge of a shadow or of the paper).
        found.removeAll { c in
            let touchesBorder = c.box.x == 0 || c.box.y == 0 || c.box.maxX == image.width || c.box.maxY == image.height
            return c.area < speck || (touchesBorder && Double(c.area) < 3 * width * width)
        }
        if !found.isEmpty {
            // Faint dots are looked for beside every stroke kept, rules included (a broken
            // faint rule is no row of dots); then the rules go.
            let dots = FaintDots.find(in: plane, kept: found, strokeWidth: width)
            found = RuledLines.removing(from: found, pageWidth: image.width, pageHeight: image.height, strokeWidth: width) + dots
        }
        try checkpoint()
        if found.count > Segmenter.componentLimit {
            found.sort { $0.area > $1.area }
            found.removeLast(found.count - Segmenter.componentLimit)
        }
        components = TouchingSymbols.splitBlurred(found, plane: plane)
        strokeWidth = found.isEmpty ? 0 : width
    }

    /// Otsu on the grey levels, for evenly lit pages; nil when the histogram has no two classes.
    private static func otsuMask(_ image: GrayImage, inverted: Bool) -> [Bool]? {
        var histogram = [Int](repeating: 0, count: 256)
        for value in image.pixels { histogram[Int(value)] += 1 }
        let threshold = Otsu.threshold(histogram: histogram)
        // Too little contrast between the classes: no ink to find this way.
        let below = histogram[...threshold].enumerated().reduce((0, 0)) { ($0.0 + $1.offset * $1.element, $0.1 + $1.element) }
        let above = histogram[(threshold + 1)...].enumerated().reduce((0, 0)) { ($0.0 + ($1.offset + threshold + 1) * $1.element, $0.1 + $1.element) }
        guard below.1 > 0, above.1 > 0 else { return nil }
        let contrast = Double(above.0) / Double(above.1) - Double(below.0) / Double(below.1)
        guard contrast >= 60 else { return nil }
        return image.pixels.map { inverted ? Int($0) > threshold : Int($0) <= threshold }
    }
}
