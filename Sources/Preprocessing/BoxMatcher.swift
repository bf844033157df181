import ImageDecoding
/// Compares found symbol boxes with true ones: a one-to-one matching by overlap, the way a
/// segmentation is scored against ground truth.
public enum BoxMatcher {
    public struct Result: Sendable, Equatable {
        /// Pairs (truth index, found index), each index used at most once.
        public var pairs: [(truth: Int, found: Int)]
        public var unmatchedTruth: [Int]
        public var unmatchedFound: [Int]

        /// Every true box matched and nothing extra found.
        public var isExact: Bool { unmatchedTruth.isEmpty && unmatchedFound.isEmpty }

        public static func == (a: Result, b: Result) -> Bool {
            a.pairs.map(\.truth) == b.pairs.map(\.truth) && a.pairs.map(\.found) == b.pairs.map(\.found)
                && a.unmatchedTruth == b.unmatchedTruth && a.unmatchedFound == b.unmatchedFound
        }
    }

    /// Greedy matching by intersection over union, best pairs first; pairs below
    /// `minimumOverlap` do not match.
    public static func match(truth: [Box], found: [Box], minimumOverlap: Double = 0.5) -> Result {
        var candidates: [(overlap: Double, truth: Int, found: Int)] = []
        for (t, a) in truth.enumerated() {
            for (f, b) in found.enumerated() {
                let overlap = intersectionOverUnion(a, b)
                if overlap >= minimumOverlap { candidates.append((overlap, t, f)) }
            }
        }
        candidates.sort { $0.overlap > $1.overlap }
        var usedTruth = Set<Int>(), usedFound = Set<Int>()
        var pairs: [(truth: Int, found: Int)] = []
        for candidate in candidates where !usedTruth.contains(candidate.truth) && !usedFound.contains(candidate.found) {
            usedTruth.insert(candidate.truth)
            usedFound.insert(candidate.found)
            pairs.append((candidate.truth, candidate.found))
        }
        pairs.sort { $0.truth < $1.truth }
        return Result(pairs: pairs,
                      unmatchedTruth: truth.indices.filter { !usedTruth.contains($0) },
                      unmatchedFound: found.indices.filter { !usedFound.contains($0) })
    }

    public static func intersectionOverUnion(_ a: Box, _ b: Box) -> Double {
        let width = max(0, min(a.maxX, b.maxX) - max(a.x, b.x))
        let height = max(0, min(a.maxY, b.maxY) - max(a.y, b.y))
        let intersection = width * height
        let union = a.width * a.height + b.width * b.height - intersection
        return union > 0 ? Double(intersection) / Double(union) : 0
    }
}
