/// Mean over a (2·radius + 1)² window with running sums (constant time per pixel), edges
/// clamped.
enum BoxBlur {
    static func blur(_ values: [UInt8], width: Int, height: Int, radius: Int) -> [Float] {
        var rows = [Float](repeating: 0, count: width * height)
        let window = Float(2 * radius + 1)
        values.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let base = y * width
                    var sum: Float = 0
                    for k in -radius...radius { sum += Float(source[base + min(width - 1, max(0, k))]) }
                    for x in 0..<width {
                        target[base + x] = sum / window
                        sum += Float(source[base + min(width - 1, x + radius + 1)]) - Float(source[base + max(0, x - radius)])
                    }
                }
            }
        }
        var result = [Float](repeating: 0, count: width * height)
        var sums = [Float](repeating: 0, count: width)
        for k in -radius...radius {
            let row = min(height - 1, max(0, k)) * width
            for x in 0..<width { sums[x] += rows[row + x] }
        }
        for y in 0..<height {
            let base = y * width
            let add = min(height - 1, y + radius + 1) * width, remove = max(0, y - radius) * width
            for x in 0..<width {
                result[base + x] = sums[x] / window
                sums[x] += rows[add + x] - rows[remove + x]
            }
        }
        return result
    }
}
