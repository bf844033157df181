/// Union–find over 0..<count.
struct DisjointSets {
    private var parent: [Int]

    init(count: Int = 0) {
        parent = Array(0..<count)
    }

    /// A new singleton set; returns its element, the next integer.
    mutating func add() -> Int {
        parent.append(parent.count)
        return parent.count - 1
    }

    mutating func find(_ x: Int) -> Int {
        var node = x
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// Members of each set, sets ordered by their smallest member.
    mutating func groups() -> [[Int]] {
        var byRoot: [Int: Int] = [:]
        var result: [[Int]] = []
        for index in parent.indices {
            let root = find(index)
            if let slot = byRoot[root] { result[slot].append(index) } else { byRoot[root] = result.count; result.append([index]) }
        }
        return result
    }
}
