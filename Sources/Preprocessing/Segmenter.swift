import ImageDecoding

/// From a greyscale page to symbols: ink plane (lighting and polarity normalised), binary
/// mask (Otsu for evenly lit scans, the background-relative ink plane otherwise), connected
/// components, speck removal relative to the stroke width, lines along the page's skew,
/// multi-part symbols joined, and each symbol cropped for the classifier.
public enum Segmenter {
    /// Most components a page may keep (the largest); pages of noise stay bounded in time.
    static let componentLimit = 4000
    /// Largest share of the page that may be ink; beyond it the page is not writing.
    static let maximumInkShare = 0.35

    public static func segment(_ image: GrayImage, options: SegmenterOptions = .init(), probe: InkProbe? = nil) -> Segmentation {
        segment(image, options: options, probe: probe, checkpoint: {})
    }

    /// `checkpoint` is called between steps, per line and per component grouped; it throws to
    /// stop a page that takes too long (see `Recognizer.Options.timeBudget`). `probe`: the
    /// analysis of a decode probe (`probe(_:)`), used instead of analysing `image` again when it
    /// was made of these very pixels with these options.
    public static func segment(_ image: GrayImage, options: SegmenterOptions = .init(), probe: InkProbe? = nil,
                               checkpoint: () throws -> Void) rethrows -> Segmentation {
        guard image.width > 0, image.height > 0 else {
            return Segmentation(imageWidth: image.width, imageHeight: image.height, strokeWidth: 0, lines: [])
        }
        let (analysis, scale) = try workingInkAnalysis(image, options: options, probe: probe, checkpoint: checkpoint)
        // Dust, grain, show-through and shadow edges go before they can make lines of their own.
        let marks = PageMarks.plausibleInk(analysis.components, plane: analysis.plane, strokeWidth: analysis.strokeWidth)
        let finder = LineFinder(components: marks, maxSkewDegrees: options.maxSkewDegrees)
        try checkpoint()

        var lines: [TextLine] = []
        for line in PageMarks.lines(finder.lines(), components: marks, strokeWidth: analysis.strokeWidth) {
            // Each line on its own: blobs of touching symbols split, pieces grouped into
            // symbols, symbols ordered along the writing.
            try checkpoint()
            let members = ComponentSet(TouchingSymbols.split(line.map { marks[$0] }, strokeWidth: analysis.strokeWidth))
            let symbols = try SymbolGrouper(members, strokeWidth: analysis.strokeWidth).symbols(checkpoint: checkpoint)
            let groups = symbols.map(\.members)
            let boxes = groups.map { group in Box.union(group.map { members.components[$0].box }) }
            let positions = boxes.map { finder.rotatedX(Double($0.x) + Double($0.width) / 2, Double($0.y) + Double($0.height) / 2) }
            let glyphs = groups.indices.sorted { positions[$0] < positions[$1] }.map { index -> Glyph in
                let box = boxes[index]
                let crop = GlyphNormalizer.crop(isolated(groups[index], in: members, box: box, plane: analysis.plane),
                                                box: Box(x: 0, y: 0, width: box.width, height: box.height))
                return Glyph(box: scaled(box, by: scale, within: image), line: lines.count, crop: crop,
                             isDivisionSign: symbols[index].isDivisionSign)
            }
            lines.append(TextLine(box: Box.union(glyphs.map(\.box)), glyphs: glyphs))
        }
        return Segmentation(imageWidth: image.width, imageHeight: image.height, strokeWidth: analysis.strokeWidth * Double(scale),
                            workScale: scale, skewDegrees: finder.skew * 180 / .pi, lines: lines)
    }

    /// The decode scale (1, 2, 4 or 8) at which a photo keeps strokes about
    /// `targetStrokeWidth` pixels wide, judged from a small `probe` decoded at 1/`probeScale`.
    public static func preferredDecodeScale(probe: GrayImage, probeScale: Int, options: SegmenterOptions = .init()) -> Int {
        guard probe.width > 0, probe.height > 0 else { return 1 }
        return preferredDecodeScale(probe: Self.probe(probe, options: options), probeScale: probeScale)
    }

    /// The same, from a probe analysed once with `probe(_:options:)`.
    public static func preferredDecodeScale(probe: InkProbe, probeScale: Int) -> Int {
        guard let analysis = probe.analysis else { return 1 }
        let byStrokes = preferredScale(analysis, probeScale: probeScale, options: probe.options)
        // Strokes are not all: the marks must stay large enough to classify. In a probe where
        // small marks are faint (a page of small writing under a bold printed heading), the
        // strokes measured are the print's, and the writing would be lost at their scale.
        let heights = analysis.components.filter { $0.area >= StrokeWidth.minimumArea }.map(\.box.height).sorted()
        guard !heights.isEmpty else { return byStrokes }
        let fullSizeHeight = heights[heights.count / 2] * max(1, probeScale)
        var bySize = 1
        while bySize < 8, fullSizeHeight / (bySize * 2) >= minimumMarkHeight { bySize *= 2 }
        return min(byStrokes, bySize)
    }

    /// The typical mark is decoded at least this tall (pixels): crops are 32 × 32.
    static let minimumMarkHeight = 16

    /// Analyses a small decode probe once: it chooses the decode scale, and when that scale is
    /// the probe's, `segment` reuses the analysis instead of repeating it on the same pixels.
    public static func probe(_ image: GrayImage, options: SegmenterOptions = .init()) -> InkProbe {
        InkProbe(image: image, options: options,
                 analysis: image.width > 0 && image.height > 0 ? InkAnalysis(image, options: options, checkpoint: {}) : nil)
    }

    private static func preferredScale(_ probe: InkAnalysis, probeScale: Int, options: SegmenterOptions) -> Int {
        guard probe.strokeWidth > 0 else { return 1 }
        let probeScale = max(1, probeScale)
        let wanted = scale(forStrokeWidth: probe.strokeWidth * Double(probeScale), target: options.targetStrokeWidth)
        // Strokes thinner than the target in the probe are measured coarsely (a blob of a
        // pixel or two looks wider than it is): never go as small as the probe then.
        return probe.strokeWidth < options.targetStrokeWidth ? min(wanted, max(1, probeScale / 2)) : wanted
    }

    static func scale(forStrokeWidth width: Double, target: Double) -> Int {
        var scale = 1
        while scale < 8, width / Double(scale * 2) >= target { scale *= 2 }
        return scale
    }

    /// The analysis of the image at its working scale, and that scale. Large images are first
    /// reduced to a probe of at most a megapixel to measure the strokes; then the image is
    /// analysed at the scale whose strokes stay at least the target width (the probe itself
    /// when that is its scale).
    static func workingInkAnalysis(_ image: GrayImage, options: SegmenterOptions, probe: InkProbe? = nil,
                                   checkpoint: () throws -> Void) rethrows -> (InkAnalysis, Int) {
        guard options.allowDownscale, image.width * image.height > 1_000_000 else {
            if let probe, let analysis = probe.analysis, probe.options == options, probe.image == image { return (analysis, 1) }
            return (try InkAnalysis(image, options: options, checkpoint: checkpoint), 1)
        }
        // The probe: the smallest power-of-two reduction (at most 8) below a megapixel.
        var probeFactor = 1
        while probeFactor < 8, image.width * image.height / (probeFactor * probeFactor) > 1_000_000 { probeFactor *= 2 }
        let probe = try InkAnalysis(Downsampler.reduce(image, by: probeFactor), options: options, checkpoint: checkpoint)
        let factor = min(probeFactor, preferredScale(probe, probeScale: probeFactor, options: options))
        if factor == probeFactor { return (probe, factor) }
        return (try InkAnalysis(Downsampler.reduce(image, by: factor), options: options, checkpoint: checkpoint), factor)
    }

    private static func scaled(_ box: Box, by scale: Int, within image: GrayImage) -> Box {
        let x0 = min(image.width, box.x * scale), y0 = min(image.height, box.y * scale)
        let x1 = min(image.width, box.maxX * scale), y1 = min(image.height, box.maxY * scale)
        return Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// The ink inside `box`, without the ink of components that belong to other symbols.
    private static func isolated(_ group: [Int], in members: ComponentSet, box: Box, plane: InkPlane) -> InkPlane {
        var values = [Float](repeating: 0, count: box.width * box.height)
        for y in 0..<box.height {
            let source = (box.y + y) * plane.width + box.x
            for x in 0..<box.width { values[y * box.width + x] = plane.values[source + x] }
        }
        let own = Set(group)
        for index in members.indices(overlappingColumns: box.x, box.maxX) where !own.contains(index) {
            let component = members.components[index]
            guard component.box.y < box.maxY, component.box.maxY > box.y else { continue }
            for run in component.runs where Int(run.y) >= box.y && Int(run.y) < box.maxY {
                let x0 = max(Int(run.x0), box.x), x1 = min(Int(run.x1), box.maxX)
                guard x0 < x1 else { continue }
                let row = (Int(run.y) - box.y) * box.width
                for x in x0..<x1 { values[row + x - box.x] = 0 }
            }
        }
        return InkPlane(width: box.width, height: box.height, values: values)
    }
}

/// A decode probe with its ink analysis (see `Segmenter.probe`).
public struct InkProbe: Sendable {
    /// The probe's pixels.
    public let image: GrayImage
    let options: SegmenterOptions
    /// Nil for an empty image.
    let analysis: InkAnalysis?
}
