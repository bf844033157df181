import ImageDecoding

/// How much ink each pixel holds, 0 = paper, 1 = full ink, whatever the polarity, paper
/// colour or lighting of the source image. Both the segmenter and the classifier's training
/// crops start from this plane, so what the classifier learns matches what it is shown.
public struct InkPlane: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major ink values in 0…1.
    public var values: [Float]

    public init(width: Int, height: Int, values: [Float]) {
        precondition(width >= 0 && height >= 0 && values.count == width * height, "value count must be width × height")
        self.width = width; self.height = height; self.values = values
    }

    /// Reads ink from a greyscale image: dark ink on light paper or light on dark (see
    /// `isLightOnDark`), with the paper brightness estimated locally so that gradients
    /// and shadows of photos become flat background. Ink is measured relative to the local
    /// paper, so a shadow darkens paper and ink alike and leaves the ink value unchanged.
    public init(gray: GrayImage) {
        self = Self.read(gray).plane
    }

    /// The plane and how the paper was lit. Evenly lit pages take the paper brightness from
    /// blocks; elsewhere a closing wider than the strokes (measured on a first, block-based
    /// reading) follows shadow edges that blocks would smear into false ink.
    static func read(_ gray: GrayImage) -> (plane: InkPlane, paper: BackgroundEstimator) {
        let blocks = BackgroundEstimator(gray)
        let first = InkPlane(gray: gray, paper: blocks.paper(width: gray.width, height: gray.height), inverted: blocks.inverted)
        guard !blocks.isEven else { return (first, blocks) }
        let components = ConnectedComponents.find(in: first.values.map { $0 >= 0.5 }, width: gray.width, height: gray.height,
                                                  minimumArea: StrokeWidth.minimumArea)
        let strokeWidth = StrokeWidth.estimate(components) ?? 2
        // Just wider than the strokes: a closing also fills in shadows narrower than its window.
        let radius = min(Int((1.5 * strokeWidth).rounded(.up)) + 1, max(2, min(gray.width, gray.height) / 10))
        // A 3×3 mean first: photo noise would otherwise bias the closing and speckle the ink.
        let smooth = Downsampler.smooth3x3(gray)
        let paper = BackgroundEstimator.closing(smooth, inverted: blocks.inverted, radius: radius)
        return (InkPlane(gray: smooth, paper: paper, inverted: blocks.inverted), blocks)
    }

    /// Ink as darkness relative to `paper` (per pixel, after inversion), scaled so that typical
    /// ink is 1.
    init(gray: GrayImage, paper background: [Float], inverted: Bool) {
        width = gray.width
        height = gray.height
        guard width > 0, height > 0 else { values = []; return }
        // Relative darkness against the local paper: 0 on paper, (paper − ink)/paper on ink.
        var darkness = [Float](repeating: 0, count: width * height)
        gray.pixels.withUnsafeBufferPointer { pixels in
            background.withUnsafeBufferPointer { paper in
                darkness.withUnsafeMutableBufferPointer { out in
                    for index in 0..<out.count {
                        let value = inverted ? 255 - Float(pixels[index]) : Float(pixels[index])
                        let local = max(paper[index], 1)
                        out[index] = max(0, (local - value) / local)
                    }
                }
            }
        }
        let level = Self.typicalInkDarkness(darkness)
        let scale = 1 / level
        for index in darkness.indices { darkness[index] = min(1, darkness[index] * scale) }
        values = darkness
    }

    /// Smallest box holding every value ≥ `threshold`; nil when there is none.
    public func inkBounds(threshold: Float = 0.5) -> Box? {
        var (minX, minY, maxX, maxY) = (width, height, -1, -1)
        values.withUnsafeBufferPointer { buffer in
            for y in 0..<height {
                let row = y * width
                var first = -1, last = -1
                for x in 0..<width where buffer[row + x] >= threshold {
                    if first < 0 { first = x }
                    last = x
                }
                guard first >= 0 else { continue }
                minX = min(minX, first); maxX = max(maxX, last)
                minY = min(minY, y); maxY = y
            }
        }
        guard maxX >= 0 else { return nil }
        return Box(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    @inlinable public subscript(x: Int, y: Int) -> Float {
        get { values[y * width + x] }
        set { values[y * width + x] = newValue }
    }

    /// Light ink on dark paper? Ink is the minority in every patch of a page, so within each
    /// patch the median is paper and the ink lies far out on one side of it: far below for
    /// dark ink, far above for light ink. Brightness alone misleads (paper in a dim photo is
    /// darker than mid-grey), and so does the skew alone on a blank page with a shadow edge:
    /// a page counts as light-on-dark when it is both dark overall and skewed that way.
    static func isLightOnDark(_ gray: GrayImage) -> Bool {
        let patch = max(8, min(gray.width, gray.height) / 12)
        var histogram = [Int](repeating: 0, count: 256)
        var vote = 0
        var overall = [Int](repeating: 0, count: 256)
        gray.pixels.withUnsafeBufferPointer { pixels in
            histogram.withUnsafeMutableBufferPointer { histogram in
                for top in stride(from: 0, to: gray.height, by: patch) {
                    for left in stride(from: 0, to: gray.width, by: patch) {
                        let bottom = min(gray.height, top + patch), right = min(gray.width, left + patch)
                        // Only the levels the patch uses are scanned and cleared: on paper that
                        // is a few of the 256, and small images have patches of ~100 pixels.
                        var (lowest, highest) = (255, 0)
                        for y in top..<bottom {
                            for x in left..<right {
                                let level = Int(pixels[y * gray.width + x])
                                histogram[level] += 1
                                lowest = min(lowest, level)
                                highest = max(highest, level)
                            }
                        }
                        let count = (bottom - top) * (right - left)
                        var (low, middle, high, seen) = (-1, -1, -1, 0)
                        for level in lowest...highest {
                            seen += histogram[level]
                            histogram[level] = 0
                            if low < 0, seen * 50 > count { low = level }
                            if middle < 0, seen * 2 > count { middle = level }
                            if high < 0, seen * 50 > count * 49 { high = level }
                        }
                        vote += (middle - low) - (high - middle)
                        overall[middle] += count
                    }
                }
            }
        }
        var seen = 0
        // Median of the patch medians, each weighted by its pixels.
        let median = overall.firstIndex { pixels in
            seen += pixels
            return seen * 2 > gray.width * gray.height
        } ?? 255
        return vote < 0 && median < 128
    }

    /// Relative darkness that counts as full ink: the median darkness of the pixels Otsu puts
    /// on the ink side, but never below the contrast of faint ink, so that on a blank page
    /// paper texture stays well below 0.5.
    static func typicalInkDarkness(_ darkness: [Float]) -> Float {
        let minimumContrast: Float = 0.22
        var histogram = [Int](repeating: 0, count: 256)
        for value in darkness { histogram[min(255, Int(value * 255))] += 1 }
        let threshold = Otsu.threshold(histogram: histogram)
        let inkCount = histogram[(threshold + 1)...].reduce(0, +)
        guard inkCount > 0 else { return minimumContrast }
        var seen = 0
        for level in (threshold + 1)..<256 {
            seen += histogram[level]
            if seen * 2 >= inkCount { return max(minimumContrast, Float(level) / 255) }
        }
        return minimumContrast
    }
}
