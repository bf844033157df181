/// Components sorted by their left edge, to find those over a range of columns without
/// looking at every one (a page of noise has thousands).
struct ComponentSet {
    let components: [Component]
    private let leftEdges: [Int]
    private let widest: Int

    init(_ components: [Component]) {
        self.components = components.sorted { $0.box.x < $1.box.x }
        leftEdges = self.components.map(\.box.x)
        widest = components.map(\.box.width).max() ?? 0
    }

    /// Indices of the components reaching into columns `x0..<x1`.
    func indices(overlappingColumns x0: Int, _ x1: Int) -> [Int] {
        var result: [Int] = []
        forEach(overlappingColumns: x0, x1) { index in result.append(index); return false }
        return result
    }

    /// Whether a component reaching into columns `x0..<x1` satisfies `predicate`.
    func contains(overlappingColumns x0: Int, _ x1: Int, where predicate: (Component) -> Bool) -> Bool {
        var found = false
        forEach(overlappingColumns: x0, x1) { index in
            found = predicate(components[index])
            return found
        }
        return found
    }

    /// Calls `body` with each component index over the columns until it returns true.
    private func forEach(overlappingColumns x0: Int, _ x1: Int, _ body: (Int) -> Bool) {
        // First component whose left edge could still reach x0.
        var low = 0, high = leftEdges.count
        while low < high {
            let middle = (low + high) / 2
            if leftEdges[middle] < x0 - widest { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < components.count, leftEdges[index] < x1 {
            if components[index].box.maxX > x0, body(index) { return }
            index += 1
        }
    }
}
