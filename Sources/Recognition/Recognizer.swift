import Classification
import ImageDecoding
import InkInput
import MathGrammar
import Preprocessing

/// Wall-clock time spent in each stage for one input, in milliseconds.
public struct StageTimings: Sendable {
    public var decode = 0.0
    public var preprocess = 0.0
    public var classify = 0.0
    public var parse = 0.0
    public var total: Double { decode + preprocess + classify + parse }
}

/// Chains the stages — decode, segment, classify, parse — the one entry point for library users.
/// A value type with no shared mutable state: one recognizer may serve many threads.
public struct Recognizer: Sendable {
    public struct Options: Sendable {
        /// Alternatives per symbol handed to the grammar.
        public var candidatesPerSymbol = 5
        /// Images larger than this are refused before decoding.
        public var maxPixels = 100_000_000
        /// Images with a longer side than this are refused before decoding: a 100-megapixel
        /// photo is 12,000 pixels across and an A4 page scanned at 1200 dpi 14,000, while a
        /// 1 × 100,000,000 strip is within `maxPixels` but no page of writing.
        public var maxSide = 50_000
        /// JPEGs above this size are decoded at a reduced scale when the ink allows it.
        public var reducedDecodeAbovePixels = 6_000_000
        /// Images are never worked on at more pixels than this (1/2, 1/4 or 1/8 scale instead),
        /// which bounds memory: a 100-megapixel photo or scan is read at 25 megapixels at most.
        public var maxWorkingPixels = 32_000_000
        /// Progressive JPEGs up to this size that are decoded at a reduced scale are read once
        /// (`JPEGBlocks`): the probe that chooses the scale and channel and the image at that
        /// scale come from one entropy decode. Their decode holds every block anyway (later
        /// scans refine them), so this costs no memory and nearly halves the decode (12 MP
        /// real-dev photos: 89–122 → 45–59 ms). A baseline JPEG is probed by a 1/8 decode that
        /// holds no blocks and, only when a finer scale is chosen, decoded again at it: holding
        /// its blocks to read it once was measured slower when 1/8 is chosen (12 MP: 25 → 40 ms;
        /// half of the large real-dev photos) and no faster at 1/4. Larger progressive files
        /// are read twice, to bound memory.
        public var singleReadMaxPixels = 24_000_000
        /// Longest one page may take, from decoding to its last line; past it the page fails with
        /// `RecognitionError.timeBudgetExceeded`, so that a page of noise cannot hold a batch for
        /// minutes. Checked between stages and inside their loops. In a release build the slowest
        /// real photo of the development set took 0.3 s and pages of pure noise (thousands of
        /// specks, as many components as segmentation keeps) about 3 s; 10 s leaves room for
        /// slower or busy machines and debug builds. nil: no limit.
        public var timeBudget: Duration? = .seconds(10)
        public init() {}
    }

    public let classifier: SymbolClassifier
    public let reader: LineReader
    /// When set, a page is read as one 2-D expression (scripts, fractions, roots) by this parser
    /// instead of as lines of arithmetic: for models of CROHME's classes.
    public let layout: LayoutParser?
    public var options: Options

    public init(classifier: SymbolClassifier, grammar: Grammar, layout: LayoutParser? = nil, options: Options = Options()) {
        self.classifier = classifier
        self.reader = LineReader(grammar: grammar)
        self.layout = layout
        self.options = options
    }

    /// Recognises a PNG or JPEG file's bytes.
    public func recognize(imageBytes: [UInt8]) throws -> PageReading {
        try recognizeTimed(imageBytes: imageBytes).page
    }

    /// Recognises InkML pen input, rendered to an image through the same path as a scan.
    public func recognize(inkML text: String) throws -> PageReading {
        try recognizeTimed(inkML: text).page
    }

    /// Recognises a file's contents: InkML (XML text with an `<ink` element near the start) or
    /// else a PNG or JPEG, told apart by their bytes rather than by a file name.
    public func recognize(fileContents bytes: [UInt8]) throws -> PageReading {
        try recognizeTimed(fileContents: bytes).page
    }

    public func recognizeTimed(fileContents bytes: [UInt8]) throws -> Run {
        if Self.looksLikeInkML(bytes) {
            return try recognizeTimed(inkML: String(decoding: bytes, as: UTF8.self))
        }
        return try recognizeTimed(imageBytes: bytes)
    }

    static func looksLikeInkML(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes.prefix(512), as: UTF8.self).contains("<ink")
    }

    public func recognizeTimed(imageBytes: [UInt8]) throws -> Run {
        var timings = StageTimings()
        let clock = ContinuousClock()
        let start = clock.now
        let budget = TimeBudget(options.timeBudget, start: start)
        let (image, scale, probe) = try Self.decodeProbed(imageBytes, options: options)
        timings.decode = milliseconds(clock.now - start)
        try budget.check(.decoding)
        let page = try read(image, scale: scale, probe: probe, budget: budget, timings: &timings)
        return Run(page: page, image: image, scale: scale, timings: timings)
    }

    public func recognizeTimed(inkML text: String) throws -> Run {
        var timings = StageTimings()
        let clock = ContinuousClock()
        let start = clock.now
        let budget = TimeBudget(options.timeBudget, start: start)
        let image = try InkRenderer.render(InkDocument.parse(text)).image
        timings.decode = milliseconds(clock.now - start)
        try budget.check(.decoding)
        let page = try read(image, scale: 1, budget: budget, timings: &timings)
        return Run(page: page, image: image, scale: 1, timings: timings)
    }

    /// The result of one recognition with what it was read from, for overlays and benchmarks.
    public struct Run: Sendable {
        public var page: PageReading
        /// The decoded image, at `scale` (1/scale of the file's full size).
        public var image: GrayImage
        public var scale: Int
        public var timings: StageTimings

        /// The overlay picture, drawn on the decoded image.
        public func overlay() -> RGBImage { OverlayRenderer.render(image, page: page, scale: scale) }
    }

    /// Reads an already decoded image. `scale` is the decode scale denominator: boxes are
    /// reported in the full-size image's pixels. The time budget runs from the call.
    public func read(_ image: GrayImage, scale: Int = 1) throws -> PageReading {
        var timings = StageTimings()
        return try read(image, scale: scale, budget: TimeBudget(options.timeBudget), timings: &timings)
    }

    /// Decodes large JPEG photos at the smallest scale at which the ink stays legible, so work
    /// grows with the writing rather than with the camera's megapixels.
    public func decode(_ bytes: [UInt8]) throws -> (GrayImage, scale: Int) {
        try Self.decode(bytes, options: options)
    }

    static func decode(_ bytes: [UInt8], options: Options) throws -> (GrayImage, scale: Int) {
        let decoded = try decodeProbed(bytes, options: options)
        return (decoded.image, decoded.scale)
    }

    /// The decoded image at its scale, with the probe's ink analysis when the probe is the
    /// image (its scale was chosen), so that segmentation does not analyse the same pixels twice.
    static func decodeProbed(_ bytes: [UInt8], options: Options) throws -> (image: GrayImage, scale: Int, probe: InkProbe?) {
        // Coloured ink on neutral paper is read in its darkest channel (see `ColoredInk`).
        var decodeOptions = DecodeOptions(channel: .darkestForColoredInk)
        decodeOptions.maxPixels = options.maxPixels
        let header = try ImageDecoder.header(of: bytes)
        guard max(header.width, header.height) <= options.maxSide else {
            throw ImageDecodingError.sideTooLong(width: header.width, height: header.height, limit: options.maxSide)
        }
        var scale = 1
        var probe: InkProbe?
        // A progressive file is read once (see `singleReadMaxPixels`): the probe and the image
        // come from the same blocks, each pixel for pixel (and channel for channel) libjpeg's
        // decode at its scale. Otherwise, or when that fails, each is decoded from the file.
        var blocks: JPEGBlocks?
        if header.format == .jpeg, header.width * header.height > options.reducedDecodeAbovePixels {
            if header.isProgressive, header.width * header.height <= options.singleReadMaxPixels {
                blocks = JPEGBlocks(bytes, maxPixels: options.maxPixels)
            }
            var probeOptions = decodeOptions
            probeOptions.scaleDenominator = 8
            let (probeImage, channel) = try blocks?.decodeReportingChannel(bytes, options: probeOptions)
                ?? ImageDecoder.decodeReportingChannel(bytes, options: probeOptions)
            let analysed = Segmenter.probe(probeImage)
            probe = analysed
            scale = Segmenter.preferredDecodeScale(probe: analysed, probeScale: 8)
            // The probe decided the channel: the image is decoded in it, without the colour
            // planes when it is luminance (the fast, Y-only decode).
            decodeOptions.channel = channel
        }
        // Both decoders reduce while reading, so the full-size image is never held.
        while scale < 8, header.width * header.height / (scale * scale) > options.maxWorkingPixels { scale *= 2 }
        decodeOptions.scaleDenominator = scale
        /// The image at `scale`, from the blocks already read when they can give it.
        func decoded(appliesOrientation: Bool) throws -> GrayImage {
            var options = decodeOptions
            options.appliesOrientation = appliesOrientation
            return try blocks?.decodeReportingChannel(bytes, options: options)?.image ?? ImageDecoder.decode(bytes, options: options)
        }
        guard ImageDecoder.orientationTurnsSideways(bytes) else {
            // When the probe's scale is the one chosen, it is the image.
            if let probe, scale == 8 { return (probe.image, scale, probe) }
            return (try decoded(appliesOrientation: true), scale, nil)
        }
        return (Self.upright(stored: try decoded(appliesOrientation: false), taggedAs: bytes), scale, nil)
    }

    /// Share of sideways nearest neighbours (see `WritingDirection`) at or above which the
    /// stored pixels already read as lines across the image: then an EXIF tag that turns them
    /// a quarter is wrong (an app re-saved the pixels upright and kept the camera's tag) and
    /// is ignored. Below it the tag is trusted, so ambiguous pages keep the camera's word.
    static let uprightShare = 0.65

    /// The stored pixels of a JPEG whose EXIF tag turns them sideways, turned as the tag says
    /// unless the writing already runs across them.
    static func upright(stored: GrayImage, taggedAs bytes: [UInt8]) -> GrayImage {
        if let share = WritingDirection.sidewaysNeighbourShare(stored), share >= uprightShare { return stored }
        return ImageDecoder.applyingOrientation(of: bytes, to: stored)
    }

    private func read(_ image: GrayImage, scale: Int, probe: InkProbe? = nil, budget: TimeBudget,
                      timings: inout StageTimings) throws -> PageReading {
        let clock = ContinuousClock()
        var start = clock.now
        let segmentation = try Segmenter.segment(image, probe: probe) { try budget.check(.segmentation) }
        timings.preprocess = milliseconds(clock.now - start)

        start = clock.now
        // Read in 2-D, a fraction bar joined to its numerator or denominator is split off before
        // the glyphs are classified (see `FractionBars`); lines keep the segmenter's glyphs.
        let glyphs = layout == nil ? segmentation.glyphs : FractionBars.separated(segmentation.glyphs)
        // And pairs of marks that may be one `x` written as two arcs are classified as one too (see `ArcPairs`).
        let pairs = layout == nil ? [] : ArcPairs.pairs(glyphs)
        let crops = glyphs.map(\.crop) + pairs.map { ArcPairs.crop(glyphs[$0.left], glyphs[$0.right]) }
        let classified = try classifier.classify(crops, topK: options.candidatesPerSymbol) {
            try budget.check(.classification)
        }
        var candidates = classified.prefix(glyphs.count)
        timings.classify = milliseconds(clock.now - start)

        start = clock.now
        if let layout {
            let joined = ArcPairs.joined(glyphs, candidates: Array(candidates), pairs: pairs,
                                         pairCandidates: Array(classified.dropFirst(glyphs.count)))
            let expression = try readExpression(joined.glyphs, candidates: joined.candidates, parser: layout, scale: scale) {
                try budget.check(.grammar)
            }
            timings.parse = milliseconds(clock.now - start)
            return PageReading(lines: expression.map { [$0] } ?? [])
        }
        var lines: [LineResult] = []
        for line in segmentation.lines {
            let lineCandidates = Array(candidates.prefix(line.glyphs.count))
            candidates = candidates.dropFirst(line.glyphs.count)
            let read = try readLine(line.glyphs, candidates: lineCandidates, box: line.box, scale: scale,
                                    strokeWidth: segmentation.strokeWidth) { try budget.check(.grammar) }
            if let result = read?.result { lines.append(result) }
        }
        timings.parse = milliseconds(clock.now - start)
        return PageReading(lines: lines)
    }

    /// Reads glyphs with their classifier candidates as one line of writing (a text line, or
    /// one item of a worksheet), `box` being its box at the decode scale. The result with the
    /// grammar's reading it came from (for its MathML); nil when the grammar set every mark
    /// aside as noise: a line of specks is not writing. `strokeWidth` is the pen's (see
    /// `Segmentation.strokeWidth`), in the glyph boxes' pixels; nil or 0 when unknown.
    public func readLine(_ glyphs: [Glyph], candidates: [[Candidate]], box: Box, scale: Int,
                         strokeWidth: Double? = nil) -> (result: LineResult, reading: LineReading)? {
        readLine(glyphs, candidates: candidates, box: box, scale: scale, strokeWidth: strokeWidth, checkpoint: {})
    }

    /// `checkpoint` is called per symbol of the grammar's search and may throw to stop (see `TimeBudget`).
    public func readLine(_ glyphs: [Glyph], candidates: [[Candidate]], box: Box, scale: Int, strokeWidth: Double? = nil,
                         checkpoint: () throws -> Void) rethrows -> (result: LineResult, reading: LineReading)? {
        let reading = try reader.read(Self.placed(glyphs, candidates: candidates), strokeWidth: strokeWidth, checkpoint: checkpoint)
        guard let latex = reading.latex else { return nil }
        let symbols = reading.symbols.map { chosen in
            SymbolReading(
                latex: chosen.latex,
                box: scaled(Box(x: Int(chosen.x), y: Int(chosen.y), width: Int(chosen.width), height: Int(chosen.height)), by: scale),
                confidence: chosen.probability,
                alternatives: Self.reported(chosen.others))
        }
        let result = LineResult(
            latex: latex, value: reading.value, verdict: reading.verdict,
            note: reading.verdictNote, problem: reading.problem, confidence: reading.confidence,
            box: scaled(box, by: scale), symbols: symbols, mathML: reading.mathML)
        return (result, reading)
    }

    /// Reads glyphs with their classifier candidates as one 2-D expression; nil when there is
    /// nothing to lay out. An arithmetic expression gets its value and, for a relation, its
    /// verdict, by the line grammar's meanings (`Grammar.evaluation(of:layout:)`); one with
    /// letters, functions, big operators or subscripts is printed only, the note saying why.
    /// `checkpoint` is called per symbol of the layout's search; only its error is thrown.
    public func readExpression(_ glyphs: [Glyph], candidates: [[Candidate]], parser: LayoutParser, scale: Int,
                               checkpoint: () throws -> Void = {}) throws -> LineResult? {
        guard !glyphs.isEmpty else { return nil }
        let reading: LayoutReading
        do {
            reading = try parser.parse(Self.placed(glyphs, candidates: candidates), checkpoint: checkpoint)
        } catch GrammarError.ungrammatical {
            return nil
        }
        let box = Box.union(glyphs.map(\.box))
        let symbols = reading.symbols.map { chosen in
            SymbolReading(latex: chosen.latex, box: scaled(Box.union(([chosen.index] + chosen.joined).map { glyphs[$0].box }), by: scale),
                          confidence: chosen.probability,
                          alternatives: Self.reported(chosen.others))
        }
        // As for a line: the chance that every symbol is what the reading says it is.
        let confidence = symbols.reduce(1.0) { $0 * $1.confidence }
        let evaluation = reader.grammar.evaluation(of: reading.row, layout: parser.grammar)
        return LineResult(latex: reading.latex, value: evaluation.value, verdict: evaluation.verdict, note: evaluation.note,
                          confidence: confidence, box: scaled(box, by: scale), symbols: symbols, mathML: reading.mathML)
    }

    /// A symbol's other candidates as reported: those that round to p = 0 are noise to a reader.
    static func reported(_ alternatives: [Alternative]) -> [Alternative] {
        alternatives.filter { $0.probability >= 0.00005 }
    }

    /// The grammar's view of glyphs: boxes and label candidates.
    static func placed(_ glyphs: [Glyph], candidates: [[Candidate]]) -> [PlacedSymbol] {
        zip(glyphs, candidates).map { glyph, candidates in
            PlacedSymbol(
                x: Double(glyph.box.x), y: Double(glyph.box.y),
                width: Double(glyph.box.width), height: Double(glyph.box.height),
                alternatives: candidates.map { Alternative(latex: $0.label, probability: Double($0.probability)) },
                isDivisionShaped: glyph.isDivisionSign)
        }
    }

    private func scaled(_ box: Box, by scale: Int) -> Box {
        Box(x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale)
    }

    private func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
