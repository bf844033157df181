/// Pen stroke width from the shape of the ink: a stroke of length L and width w has area
/// L·w and about 2·L of boundary, so w ≈ 2·area / boundary. Only blobs big enough to be
/// strokes count, so noise does not drag the estimate down.
enum StrokeWidth {
    /// Components smaller than this are too small to measure a stroke on.
    static let minimumArea = 12

    /// Median over components of at least `minimumArea` pixels of each one's stroke width, so
    /// that a few large blobs (a shadow taken for ink) do not count more than the writing;
    /// nil without any.
    static func estimate(_ components: [Component], minimumArea: Int = minimumArea) -> Double? {
        var widths: [Double] = []
        for component in components where component.area >= minimumArea {
            let boundary = boundaryLength(component.runs)
            // Diagonal strokes have a staircase boundary (up to √2 too long): correct on average.
            if boundary > 0 { widths.append(2 * Double(component.area) / Double(boundary) * 1.15) }
        }
        guard !widths.isEmpty else { return nil }
        widths.sort()
        return widths[widths.count / 2]
    }

    /// 4-connected boundary edges of a component given as runs in row order.
    private static func boundaryLength(_ runs: [InkRun]) -> Int {
        var edges = 2 * runs.count // left and right end of every run
        var rowStart = 0
        var previousRow: ArraySlice<InkRun> = []
        while rowStart < runs.count {
            var rowEnd = rowStart
            while rowEnd < runs.count, runs[rowEnd].y == runs[rowStart].y { rowEnd += 1 }
            let row = runs[rowStart..<rowEnd]
            let adjacent = previousRow.first.map { $0.y + 1 == runs[rowStart].y } ?? false
            let above = adjacent ? previousRow : []
            // Vertical edges between this row and the one above: the symmetric difference.
            let overlap = Self.overlap(row, above)
            edges += length(row) + length(above) - 2 * overlap
            if !adjacent { edges += length(previousRow) } // bottom of the previous row is open
            previousRow = row
            rowStart = rowEnd
        }
        return edges + length(previousRow)
    }

    private static func length(_ runs: ArraySlice<InkRun>) -> Int {
        runs.reduce(0) { $0 + Int($1.x1 - $1.x0) }
    }

    private static func overlap(_ a: ArraySlice<InkRun>, _ b: ArraySlice<InkRun>) -> Int {
        var total = 0
        var j = b.startIndex
        for run in a {
            while j < b.endIndex, b[j].x1 <= run.x0 { j += 1 }
            var k = j
            while k < b.endIndex, b[k].x0 < run.x1 {
                total += Int(min(run.x1, b[k].x1) - max(run.x0, b[k].x0))
                k += 1
            }
        }
        return total
    }
}
