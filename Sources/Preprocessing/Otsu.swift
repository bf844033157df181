/// Otsu's threshold: the split of a histogram that maximises the between-class variance.
enum Otsu {
    /// The last bin of the lower class (values ≤ threshold are background).
    static func threshold(histogram: [Int]) -> Int {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 0 }
        let sum = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var (weightBelow, sumBelow, best, bestVariance) = (0, 0.0, 0, -1.0)
        for level in 0..<histogram.count {
            weightBelow += histogram[level]
            guard weightBelow > 0 else { continue }
            let weightAbove = total - weightBelow
            guard weightAbove > 0 else { break }
            sumBelow += Double(level * histogram[level])
            let meanBelow = sumBelow / Double(weightBelow)
            let meanAbove = (sum - sumBelow) / Double(weightAbove)
            let variance = Double(weightBelow) * Double(weightAbove) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if variance > bestVariance { bestVariance = variance; best = level }
        }
        return best
    }
}
