import Foundation

/// Finds the page's slight rotation and splits components into lines of writing, read along
/// that rotation.
struct LineFinder {
    let components: [Component]
    /// Rotation, radians clockwise; coordinates along the writing are `rotatedX/Y`.
    let skew: Double

    init(components: [Component], maxSkewDegrees: Double) {
        self.components = components
        skew = Self.estimateSkew(components, maxDegrees: maxSkewDegrees, bin: max(2, 0.15 * SymbolGrouper.typicalHeight(components)))
    }

    func rotatedX(_ x: Double, _ y: Double) -> Double { x * cos(skew) + y * sin(skew) }
    func rotatedY(_ x: Double, _ y: Double) -> Double { -x * sin(skew) + y * cos(skew) }

    /// Component indices per line, lines top to bottom.
    func lines() -> [[Int]] {
        guard !components.isEmpty else { return [] }
        let height = SymbolGrouper.typicalHeight(components)
        // Vertical extent of each component across the writing direction.
        let extents = components.map { c -> (top: Double, bottom: Double) in
            let corners = [(c.box.x, c.box.y), (c.box.maxX, c.box.y), (c.box.x, c.box.maxY), (c.box.maxX, c.box.maxY)]
            let ys = corners.map { rotatedY(Double($0.0), Double($0.1)) }
            let top = ys.min() ?? 0, bottom = ys.max() ?? 0
            // Rotating a box inflates it: shrink back by the inflation.
            let inflation = abs(sin(skew)) * Double(c.box.width)
            return (top + inflation / 2, bottom - inflation / 2)
        }
        let order = components.indices.sorted { extents[$0].top < extents[$1].top }
        var bands: [(indices: [Int], bottom: Double)] = []
        for index in order {
            if var last = bands.last, extents[index].top - last.bottom < 0.4 * height {
                last.indices.append(index)
                last.bottom = max(last.bottom, extents[index].bottom)
                bands[bands.count - 1] = last
            } else {
                bands.append(([index], extents[index].bottom))
            }
        }
        return mergingFractionBands(bands.map(\.indices), height: height)
    }

    /// A band lying over or under a long bar of the next band belongs with it (numerator and
    /// denominator of a fraction).
    private func mergingFractionBands(_ bands: [[Int]], height: Double) -> [[Int]] {
        var result: [[Int]] = []
        for band in bands {
            guard let previous = result.last else { result.append(band); continue }
            if spansUnderBar(band, bars: previous, height: height) || spansUnderBar(previous, bars: band, height: height) {
                result[result.count - 1].append(contentsOf: band)
            } else {
                result.append(band)
            }
        }
        return result
    }

    private func spansUnderBar(_ band: [Int], bars: [Int], height: Double) -> Bool {
        let x0 = band.map { components[$0].box.x }.min() ?? 0, x1 = band.map { components[$0].box.maxX }.max() ?? 0
        let slack = Int(0.5 * height)
        return bars.contains { index in
            let bar = components[index].box
            return bar.width >= 3 * bar.height && bar.x <= x0 + slack && bar.maxX >= x1 - slack
        }
    }

    /// The rotation (within ±maxDegrees) under which component centres pile up most sharply
    /// into rows; 0 unless another angle is clearly better.
    private static func estimateSkew(_ components: [Component], maxDegrees: Double, bin: Double) -> Double {
        guard components.count >= 3, maxDegrees > 0 else { return 0 }
        func sharpness(_ angle: Double) -> Double {
            var histogram: [Int: Double] = [:]
            let (s, c) = (sin(angle), cos(angle))
            for component in components {
                let y = -component.centreX * s + (Double(component.box.maxY) - 0.5 * Double(component.box.height)) * c
                histogram[Int((y / bin).rounded(.down)), default: 0] += Double(component.area).squareRoot()
            }
            return histogram.values.reduce(0) { $0 + $1 * $1 }
        }
        var best = 0.0, bestScore = sharpness(0) * 1.05
        let step = 0.25
        var degrees = -maxDegrees
        while degrees <= maxDegrees {
            let score = sharpness(degrees * .pi / 180)
            if score > bestScore { best = degrees; bestScore = score }
            degrees += step
        }
        return best * .pi / 180
    }
}
