import ImageDecoding
/// A horizontal run of ink pixels `x0..<x1` on row `y`.
struct InkRun: Sendable, Equatable {
    var y: Int32
    var x0: Int32
    var x1: Int32
}

/// One 8-connected blob of ink, with the runs that make it up.
struct Component: Sendable {
    var box: Box
    var area: Int
    var runs: [InkRun]

    /// A component made of runs in row order.
    init(runs: [InkRun]) {
        var (x0, y0, x1, y1, area) = (Int.max, Int.max, Int.min, Int.min, 0)
        for run in runs {
            x0 = min(x0, Int(run.x0)); x1 = max(x1, Int(run.x1))
            y0 = min(y0, Int(run.y)); y1 = max(y1, Int(run.y) + 1)
            area += Int(run.x1 - run.x0)
        }
        self.init(box: Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0), area: area, runs: runs)
    }

    init(box: Box, area: Int, runs: [InkRun]) {
        self.box = box; self.area = area; self.runs = runs
    }

    var centreX: Double { Double(box.x) + Double(box.width) / 2 }
    var centreY: Double { Double(box.y) + Double(box.height) / 2 }

    /// The ink left of column `cut` and the ink from it on; nil when either side is empty.
    func cut(atColumn cut: Int) -> (left: Component, right: Component)? {
        let column = Int32(cut)
        var left: [InkRun] = [], right: [InkRun] = []
        for run in runs {
            if run.x0 < column { left.append(InkRun(y: run.y, x0: run.x0, x1: min(run.x1, column))) }
            if run.x1 > column { right.append(InkRun(y: run.y, x0: max(run.x0, column), x1: run.x1)) }
        }
        guard !left.isEmpty, !right.isEmpty else { return nil }
        return (Component(runs: left), Component(runs: right))
    }
}
