import ImageDecoding

/// Estimates the paper brightness at every pixel: a bright percentile per block (ink covers
/// only part of a block), a max over neighbouring blocks (a block may be all ink), smoothing,
/// and bilinear interpolation back to full size.
struct BackgroundEstimator {
    /// Whether the page is light ink on dark paper (then brightness is inverted throughout).
    let inverted: Bool
    /// Paper brightness per block, row-major `columns × rows`.
    let grid: [Float]
    let columns: Int
    let rows: Int
    let block: Int

    /// An evenly lit page: paper brightness varies by a few grey levels at most.
    var isEven: Bool {
        guard let low = grid.min(), let high = grid.max() else { return true }
        return high - low <= 12
    }

    /// Samples the paper of `gray` in blocks of about an eighth of its shorter side.
    init(_ gray: GrayImage) {
        inverted = InkPlane.isLightOnDark(gray)
        block = max(8, min(gray.width, gray.height) / 8)
        columns = max(1, (gray.width + block - 1) / block)
        rows = max(1, (gray.height + block - 1) / block)
        grid = Self.sample(gray, inverted: inverted, block: block, columns: columns, rows: rows)
    }

    /// Paper brightness at every pixel, row-major.
    func paper(width: Int, height: Int) -> [Float] {
        Self.interpolate(grid, columns: columns, rows: rows, block: block, width: width, height: height)
    }

    /// Paper brightness per pixel as the closing of the (inverted when light-on-dark) image.
    /// Unlike blocks, it keeps the sharp edge of a shadow sharp.
    static func closing(_ gray: GrayImage, inverted: Bool, radius: Int) -> [Float] {
        let source = inverted ? gray.pixels.map { 255 - $0 } : gray.pixels
        return Morphology.closing(source, width: gray.width, height: gray.height, radius: radius).map(Float.init)
    }

    private static func sample(_ gray: GrayImage, inverted: Bool, block: Int, columns: Int, rows: Int) -> [Float] {
        let (width, height) = (gray.width, gray.height)
        var grid = [Float](repeating: 255, count: columns * rows)
        var histogram = [Int](repeating: 0, count: 256)
        gray.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<rows {
                for column in 0..<columns {
                    for level in 0..<256 { histogram[level] = 0 }
                    let x0 = column * block, x1 = min(width, x0 + block)
                    let y0 = row * block, y1 = min(height, y0 + block)
                    for y in y0..<y1 {
                        let base = y * width
                        for x in x0..<x1 {
                            let value = Int(pixels[base + x])
                            histogram[inverted ? 255 - value : value] += 1
                        }
                    }
                    // 80th percentile: above the ink, below bright noise.
                    let target = (x1 - x0) * (y1 - y0) * 4 / 5
                    var seen = 0
                    for level in 0..<256 {
                        seen += histogram[level]
                        if seen > target { grid[row * columns + column] = Float(level); break }
                    }
                }
            }
        }
        grid = neighbourhood(grid, columns: columns, rows: rows, combine: brightest)
        return neighbourhood(grid, columns: columns, rows: rows) { values in values.reduce(0, +) / Float(values.count) }
    }

    private static func neighbourhood(_ grid: [Float], columns: Int, rows: Int, combine: ([Float]) -> Float) -> [Float] {
        var result = grid
        var around: [Float] = []
        around.reserveCapacity(9)
        for row in 0..<rows {
            for column in 0..<columns {
                around.removeAll(keepingCapacity: true)
                for r in max(0, row - 1)...min(rows - 1, row + 1) {
                    for c in max(0, column - 1)...min(columns - 1, column + 1) { around.append(grid[r * columns + c]) }
                }
                result[row * columns + column] = combine(around)
            }
        }
        return result
    }

    private static func brightest(_ values: [Float]) -> Float { values.max() ?? 255 }

    /// Bilinear interpolation between block centres, clamped at the borders.
    private static func interpolate(_ grid: [Float], columns: Int, rows: Int, block: Int, width: Int, height: Int) -> [Float] {
        var result = [Float](repeating: 0, count: width * height)
        var rowValues = [Float](repeating: 0, count: columns)
        let half = Float(block) / 2
        func position(_ index: Int, _ count: Int) -> (Int, Int, Float) {
            let g = min(max((Float(index) + 0.5 - half) / Float(block), 0), Float(count - 1))
            let lower = Int(g)
            return (lower, min(lower + 1, count - 1), g - Float(lower))
        }
        let across = (0..<width).map { position($0, columns) }
        result.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let (r0, r1, fy) = position(y, rows)
                for c in 0..<columns { rowValues[c] = grid[r0 * columns + c] * (1 - fy) + grid[r1 * columns + c] * fy }
                rowValues.withUnsafeBufferPointer { values in
                    for x in 0..<width {
                        let (c0, c1, fx) = across[x]
                        out[y * width + x] = values[c0] * (1 - fx) + values[c1] * fx
                    }
                }
            }
        }
        return result
    }
}
