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
        var bands: [(indices: [Int], top: Double, bottom: Double)] = []
        for index in order {
            if var last = bands.last, extents[index].top - last.bottom < 0.4 * height {
                last.indices.append(index)
                last.bottom = max(last.bottom, extents[index].bottom)
                bands[bands.count - 1] = last
            } else {
                bands.append(([index], extents[index].top, extents[index].bottom))
            }
        }
        // A band of small writing close to another, or one beside it rather than under it, is
        // its scripts (exponents, indices), not a line of its own: lines of a page are written
        // under each other.
        var merged: [(indices: [Int], top: Double, bottom: Double)] = []
        let isSmall = { (band: [Int]) in band.allSatisfy { Double(self.components[$0].box.height) <= 0.7 * height } }
        let columns = { (band: [Int]) in (band.map { self.components[$0].box.x }.min() ?? 0, band.map { self.components[$0].box.maxX }.max() ?? 0) }
        let beside = { (a: [Int], b: [Int]) -> Bool in
            let (a0, a1) = columns(a), (b0, b1) = columns(b)
            return Double(min(a1, b1) - max(a0, b0)) < 0.5 * Double(min(a1 - a0, b1 - b0))
        }
        for band in bands {
            if var last = merged.last, band.top - last.bottom < 0.8 * height,
               isSmall(band.indices) || isSmall(last.indices) || beside(band.indices, last.indices) {
                last.indices += band.indices
                last.bottom = max(last.bottom, band.bottom)
                merged[merged.count - 1] = last
            } else {
                merged.append(band)
            }
        }
        return mergingFractionBands(merged.map(\.indices), height: height)
    }

    /// A band lying right over or under a long bar belongs with the bar's band (numerator and
    /// denominator of a fraction). The bar must face the other band: the base stroke under a
    /// `1` is no fraction bar for the line above.
    private func mergingFractionBands(_ bands: [[Int]], height: Double) -> [[Int]] {
        var result: [[Int]] = []
        for band in bands {
            guard let previous = result.last else { result.append(band); continue }
            if spans(previous, barsOf: band, facingUp: true, height: height) || spans(band, barsOf: previous, facingUp: false, height: height) {
                result[result.count - 1].append(contentsOf: band)
            } else {
                result.append(band)
            }
        }
        return result
    }

    private func spans(_ band: [Int], barsOf other: [Int], facingUp: Bool, height: Double) -> Bool {
        let x0 = band.map { components[$0].box.x }.min() ?? 0, x1 = band.map { components[$0].box.maxX }.max() ?? 0
        let slack = Int(0.5 * height)
        return other.contains { index in
            let bar = components[index].box
            guard bar.width >= 3 * bar.height, bar.x <= x0 + slack, bar.maxX >= x1 - slack else { return false }
            // Nothing of its own band between the bar and the other band, over the bar.
            return !other.contains { j in
                let c = components[j].box
                guard j != index, c.x < bar.maxX, c.maxX > bar.x else { return false }
                return facingUp ? c.maxY <= bar.y : c.y >= bar.maxY
            }
        }
    }

    /// The rotation (within ±maxDegrees) under which component centres pile up most sharply
    /// into rows; 0 unless another angle is clearly better.
    private static func estimateSkew(_ components: [Component], maxDegrees: Double, bin: Double) -> Double {
        // A handful of symbols can line up along almost any angle: too few to judge.
        // A handful of symbols line up along almost any angle: too few to judge.
        guard components.count >= 6, maxDegrees > 0 else { return 0 }
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
