import Classification
import NeuralNetwork

/// Chooses the crops of each epoch: every class between a floor and a cap, so rare symbols
/// (÷, ×, decimal point) are seen as often as common ones and common ones do not dominate.
struct BalancedSampler {
    let indicesByClass: [[Int]]
    let minimum: Int, maximum: Int

    init(labels: [Int], classCount: Int, minimum: Int, maximum: Int) {
        var byClass = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() { byClass[label].append(index) }
        indicesByClass = byClass
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
    }

    /// Number of crops one epoch draws.
    var epochSize: Int {
        indicesByClass.reduce(0) { $0 + ($1.isEmpty ? 0 : min(max($1.count, minimum), maximum)) }
    }

    /// A shuffled epoch: classes under the floor repeat (each crop as evenly as possible),
    /// classes over the cap contribute a random subset.
    func epoch(rng: inout SeededGenerator) -> [Int] {
        var chosen: [Int] = []
        chosen.reserveCapacity(epochSize)
        for indices in indicesByClass where !indices.isEmpty {
            let quota = min(max(indices.count, minimum), maximum)
            for _ in 0..<(quota / indices.count) { chosen += indices }
            var rest = indices
            rest.shuffle(using: &rng)
            chosen += rest.prefix(quota % indices.count)
        }
        chosen.shuffle(using: &rng)
        return chosen
    }
}
