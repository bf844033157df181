import ImageDecoding

/// Estimates the paper brightness at every pixel: a bright percentile per block (ink covers
/// only part of a block), a max over neighbouring blocks (a block may be all ink), smoothing,
/// and bilinear interpolation back to full size.
enum BackgroundEstimator {
    /// Blocks of about an eighth of the shorter side, at least 8 pixels.
    static func defaultBlock(width: Int, height: Int) -> Int {
        max(8, min(width, height) / 8)
    }

    /// Paper brightness per pixel (after inversion when `inverted`), row-major.
    static func estimate(_ gray: GrayImage, inverted: Bool, block requested: Int) -> [Float] {
        let (width, height) = (gray.width, gray.height)
        let block = max(4, requested)
        let columns = (width + block - 1) / block, rows = (height + block - 1) / block
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
        grid = neighbourhood(grid, columns: columns, rows: rows) { values in values.reduce(0, +) / Float(values.count) }
        return interpolate(grid, columns: columns, rows: rows, block: block, width: width, height: height)
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
        result.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let gy = min(max((Float(y) + 0.5 - half) / Float(block), 0), Float(rows - 1))
                let r0 = Int(gy), r1 = min(r0 + 1, rows - 1), fy = gy - Float(r0)
                for c in 0..<columns { rowValues[c] = grid[r0 * columns + c] * (1 - fy) + grid[r1 * columns + c] * fy }
                for x in 0..<width {
                    let gx = min(max((Float(x) + 0.5 - half) / Float(block), 0), Float(columns - 1))
                    let c0 = Int(gx), c1 = min(c0 + 1, columns - 1), fx = gx - Float(c0)
                    out[y * width + x] = rowValues[c0] * (1 - fx) + rowValues[c1] * fx
                }
            }
        }
        return result
    }
}
