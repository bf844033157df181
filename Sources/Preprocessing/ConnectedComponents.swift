import ImageDecoding
/// 8-connected component labelling on run lengths: one pass over the mask, union–find over
/// runs, no per-pixel label image.
enum ConnectedComponents {
    /// Components of fewer than `minimumArea` pixels are left out, for callers that would drop
    /// them anyway: on a page of grain or noise they are most of millions of components, and
    /// each would hold its own array of runs.
    static func find(in mask: [Bool], width: Int, height: Int, minimumArea: Int = 1) -> [Component] {
        var runs: [InkRun] = []
        var sets = DisjointSets() // over runs
        var previousStart = 0, previousEnd = 0 // runs of the previous row: runs[previousStart..<previousEnd]

        mask.withUnsafeBufferPointer { pixels in
            for y in 0..<height {
                let row = y * width
                let currentStart = runs.count
                var x = 0
                var scan = previousStart // first previous run that may still touch
                while x < width {
                    guard pixels[row + x] else { x += 1; continue }
                    let start = x
                    while x < width, pixels[row + x] { x += 1 }
                    let index = sets.add()
                    runs.append(InkRun(y: Int32(y), x0: Int32(start), x1: Int32(x)))
                    // Previous-row runs touching [start − 1, x + 1) are 8-connected to this one.
                    while scan < previousEnd, Int(runs[scan].x1) < start { scan += 1 }
                    var other = scan
                    while other < previousEnd, Int(runs[other].x0) <= x {
                        sets.union(index, other)
                        other += 1
                    }
                }
                previousStart = currentStart
                previousEnd = runs.count
            }
        }

        var areaOfRoot = [Int](repeating: 0, count: minimumArea > 1 ? runs.count : 0)
        if minimumArea > 1 {
            for index in runs.indices { areaOfRoot[sets.find(index)] += Int(runs[index].x1 - runs[index].x0) }
        }
        var componentOfRoot = [Int](repeating: -1, count: runs.count)
        var components: [Component] = []
        for index in runs.indices {
            let run = runs[index]
            let top = sets.find(index)
            if minimumArea > 1, areaOfRoot[top] < minimumArea { continue }
            let existing = componentOfRoot[top]
            if existing >= 0 {
                let box = components[existing].box
                let x0 = min(box.x, Int(run.x0)), x1 = max(box.maxX, Int(run.x1))
                let y1 = max(box.maxY, Int(run.y) + 1)
                // In place: copying the component out would copy its runs on every append.
                components[existing].box = Box(x: x0, y: box.y, width: x1 - x0, height: y1 - box.y)
                components[existing].area += Int(run.x1 - run.x0)
                components[existing].runs.append(run)
            } else {
                componentOfRoot[top] = components.count
                components.append(Component(box: Box(x: Int(run.x0), y: Int(run.y), width: Int(run.x1 - run.x0), height: 1),
                                            area: Int(run.x1 - run.x0), runs: [run]))
            }
        }
        return components
    }
}
