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
}
