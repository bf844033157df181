import ImageDecoding

/// Halves images by averaging 2×2 blocks (a box filter, like libjpeg's scaled decoding).
enum Downsampler {
    static func half(_ image: GrayImage) -> GrayImage {
        let width = image.width / 2, height = image.height / 2
        guard width > 0, height > 0 else { return image }
        var pixels = [UInt8](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let top = 2 * y * image.width, bottom = top + image.width
                    for x in 0..<width {
                        let sum = Int(source[top + 2 * x]) + Int(source[top + 2 * x + 1]) + Int(source[bottom + 2 * x]) + Int(source[bottom + 2 * x + 1])
                        target[y * width + x] = UInt8((sum + 2) >> 2)
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}
