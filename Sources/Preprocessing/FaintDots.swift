/// Decimal points and the dots of `÷` in photos. A pen tap is a disc about one stroke wide;
/// defocus spreads it thinner than any stroke, so it falls below the ink threshold or under
/// the speck size. A compact blob of about stroke size, clearly darker than paper noise,
/// apart from every kept stroke and off the image border, is kept as a dot.
enum FaintDots {
    /// Ink level that outlines a faint dot (full ink is 1).
    static let outlineLevel: Float = 0.3
    /// Darkest value a faint dot must reach: paper noise stays well below it.
    static let peakLevel: Float = 0.45

    /// The dots of `plane` that `kept` (the components found so far) lacks.
    static func find(in plane: InkPlane, kept: [Component], strokeWidth: Double) -> [Component] {
        guard strokeWidth > 0, plane.width > 0, plane.height > 0 else { return [] }
        var keptInk = [Bool](repeating: false, count: plane.values.count)
        for component in kept {
            for run in component.runs {
                let row = Int(run.y) * plane.width
                for x in Int(run.x0)..<Int(run.x1) { keptInk[row + x] = true }
            }
        }
        // A single pixel is never a dot (its short side must be 2 or more).
        let outlines = ConnectedComponents.find(in: plane.values.map { $0 >= outlineLevel }, width: plane.width, height: plane.height, minimumArea: 2)
        return outlines.filter { blob in
            let (long, short) = (Double(max(blob.box.width, blob.box.height)), Double(min(blob.box.width, blob.box.height)))
            // Blobs on the image border are the edge of a shadow or of the paper.
            let touchesBorder = blob.box.x == 0 || blob.box.y == 0 || blob.box.maxX == plane.width || blob.box.maxY == plane.height
            guard !touchesBorder, long <= 3 * strokeWidth + 2, short >= max(2, 0.6 * strokeWidth), long <= 2 * short + 1,
                  Double(blob.area) >= 0.5 * strokeWidth * strokeWidth else { return false }
            var peak: Float = 0
            for run in blob.runs {
                let row = Int(run.y) * plane.width
                for x in Int(run.x0)..<Int(run.x1) {
                    if keptInk[row + x] { return false }
                    peak = max(peak, plane.values[row + x])
                }
            }
            return peak >= peakLevel
        }
    }
}
