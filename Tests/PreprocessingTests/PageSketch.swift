import ImageDecoding

/// A white page with dark pen strokes drawn on it, for tests that need a precise arrangement
/// of ink (a rule across the page, a ÷ written slanted) rather than a real writer's.
struct PageSketch {
    var image: GrayImage
    /// Pen width, pixels.
    var pen: Double

    init(width: Int, height: Int, pen: Double = 4) {
        image = GrayImage(width: width, height: height)
        self.pen = pen
    }

    /// A straight stroke with round ends.
    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        let radius = pen / 2
        let (dx, dy) = (x1 - x0, y1 - y0)
        let lengthSquared = max(dx * dx + dy * dy, 1e-9)
        let left = max(0, Int(min(x0, x1) - radius)), right = min(image.width - 1, Int(max(x0, x1) + radius) + 1)
        let top = max(0, Int(min(y0, y1) - radius)), bottom = min(image.height - 1, Int(max(y0, y1) + radius) + 1)
        guard left <= right, top <= bottom else { return }
        for y in top...bottom {
            for x in left...right {
                let (px, py) = (Double(x) + 0.5, Double(y) + 0.5)
                let t = min(1, max(0, ((px - x0) * dx + (py - y0) * dy) / lengthSquared))
                let (ex, ey) = (px - x0 - t * dx, py - y0 - t * dy)
                if ex * ex + ey * ey <= radius * radius { image.pixels[y * image.width + x] = 20 }
            }
        }
    }

    /// Strokes through the points in order.
    mutating func polyline(_ points: [(Double, Double)]) {
        for (a, b) in zip(points, points.dropFirst()) { line(a.0, a.1, b.0, b.1) }
    }

    /// A pen tap: a disc of the given diameter.
    mutating func dot(_ x: Double, _ y: Double, diameter: Double) {
        let saved = pen
        pen = diameter
        line(x, y, x, y)
        pen = saved
    }

    /// A digit-sized closed loop (a 0) in the box.
    mutating func zero(x: Double, y: Double, width: Double, height: Double) {
        polyline([(x, y), (x + width, y), (x + width, y + height), (x, y + height), (x, y)])
    }

    /// A 1: one upright stroke.
    mutating func one(x: Double, y: Double, height: Double) {
        line(x, y, x, y + height)
    }
}
