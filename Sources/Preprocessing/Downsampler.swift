import ImageDecoding

/// Shrinks images by an integer factor, averaging each factor × factor block (a box filter,
/// like libjpeg's scaled decoding), in one pass over the source.
enum Downsampler {
    static func reduce(_ image: GrayImage, by factor: Int) -> GrayImage {
        guard factor > 1 else { return image }
        let width = image.width / factor, height = image.height / factor
        guard width > 0, height > 0 else { return image }
        var pixels = [UInt8](repeating: 0, count: width * height)
        // Column sums of `factor` rows first (a simple loop the compiler vectorises), then
        // sums of `factor` columns.
        var columnSums = [UInt16](repeating: 0, count: image.width)
        let area = UInt32(factor * factor), half = area / 2
        image.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                columnSums.withUnsafeMutableBufferPointer { sums in
                    for y in 0..<height {
                        let first = source.baseAddress! + y * factor * image.width
                        for x in 0..<image.width { sums[x] = UInt16(first[x]) }
                        for row in 1..<factor {
                            let line = first + row * image.width
                            for x in 0..<image.width { sums[x] &+= UInt16(line[x]) }
                        }
                        let out = target.baseAddress! + y * width
                        for x in 0..<width {
                            var sum: UInt32 = 0
                            for k in 0..<factor { sum += UInt32(sums[x * factor + k]) }
                            out[x] = UInt8((sum + half) / area)
                        }
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Mean over each pixel's 3 × 3 neighbourhood, edges clamped.
    static func smooth3x3(_ image: GrayImage) -> GrayImage {
        let (width, height) = (image.width, image.height)
        guard width > 2, height > 2 else { return image }
        var rows = [UInt16](repeating: 0, count: width * height)
        var pixels = [UInt8](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { rows in
                for y in 0..<height {
                    let line = source.baseAddress! + y * width, out = rows.baseAddress! + y * width
                    out[0] = UInt16(line[0]) * 2 + UInt16(line[1])
                    for x in 1..<(width - 1) { out[x] = UInt16(line[x - 1]) + UInt16(line[x]) + UInt16(line[x + 1]) }
                    out[width - 1] = UInt16(line[width - 2]) + UInt16(line[width - 1]) * 2
                }
                pixels.withUnsafeMutableBufferPointer { target in
                    for y in 0..<height {
                        let above = rows.baseAddress! + max(0, y - 1) * width, middle = rows.baseAddress! + y * width
                        let below = rows.baseAddress! + min(height - 1, y + 1) * width, out = target.baseAddress! + y * width
                        for x in 0..<width { out[x] = UInt8((UInt32(above[x]) + UInt32(middle[x]) + UInt32(below[x]) + 4) / 9) }
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}
