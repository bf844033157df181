/// An 8-bit RGB image, row-major, channels interleaved (R, G, B per pixel); used for overlays.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "pixel count must be width × height × 3")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The grey image with each grey level repeated in R, G and B.
    public init(gray: GrayImage) {
        var pixels = [UInt8](repeating: 0, count: gray.pixels.count * 3)
        for (index, level) in gray.pixels.enumerated() {
            pixels[3 * index] = level
            pixels[3 * index + 1] = level
            pixels[3 * index + 2] = level
        }
        self.init(width: gray.width, height: gray.height, pixels: pixels)
    }
}
