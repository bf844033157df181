import FuzzDriver
import MathscanKit

// PNG and JPEG (with EXIF) bytes: decoding must fail cleanly or give an image of the declared size.
runFuzzer { data, size in
    let bytes = fuzzInput(data, size)
    var options = DecodeOptions()
    options.maxPixels = 4_000_000  // keep each run small; the limit itself is what is exercised
    // Colour JPEGs also through the path that decodes their colour planes.
    options.channel = size % 2 == 0 ? .luminance : .darkestForColoredInk
    if let image = try? ImageDecoder.decode(bytes, options: options) {
        precondition(image.width > 0 && image.height > 0 && image.width * image.height <= options.maxPixels)
    }
    _ = try? ImageDecoder.header(of: bytes)
    return 0
}
