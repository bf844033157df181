import Synthesis
import ArgumentParser
import ImageDecoding
import InkInput

/// How InkML pen input becomes an image, for the commands that render it: clean, or a simulated
/// phone photo saved as JPEG.
struct RenderingOptions: ParsableArguments {
    @Flag(help: "Simulate a phone photo of paper (lighting, shadow, ink colour, blur, noise, rotation), JPEG included.")
    var photo = false

    @Option(help: "Seed of the photo simulation (the same seed gives the same image).")
    var seed: UInt64 = 1

    @Option(help: "Pixel size of the expression's median symbol.")
    var symbolSize: Double = 48

    @Option(help: "Pen width in pixels.")
    var penWidth: Double = 3

    @Option(help: "Paper size WxH in pixels around the writing, e.g. 4000x3000 for a 12-megapixel photo.")
    var canvas: String?

    func validate() throws {
        guard symbolSize >= 4, symbolSize <= 1000 else { throw ValidationError("--symbol-size must be between 4 and 1000 pixels") }
        guard penWidth > 0, penWidth <= 100 else { throw ValidationError("--pen-width must be between 0 and 100 pixels") }
        if canvas != nil, paper == nil { throw ValidationError("--canvas must look like 4000x3000 (at most 20000 a side)") }
    }

    var inkOptions: InkRenderOptions {
        var options = InkRenderOptions(symbolSize: symbolSize, penWidth: penWidth)
        if let paper { (options.minimumWidth, options.minimumHeight) = paper }
        return options
    }

    /// Draws the `index`-th input: clean, or (with --photo) photographed with seed + index and
    /// compressed as JPEG at a quality that varies with the seed; `jpeg` holds those bytes.
    func draw(_ document: InkDocument, index: Int) throws -> (rendering: InkRendering, jpeg: [UInt8]?) {
        guard photo else { return (InkRenderer.render(document, options: inkOptions), nil) }
        let fileSeed = seed &+ UInt64(index)
        let rendering = PhotoSimulator.photograph(document, seed: fileSeed, options: inkOptions)
        return (rendering, try ImageEncoder.jpeg(rendering.image, quality: 70 + Int(fileSeed % 23)))
    }

    /// "4000x3000" → (4000, 3000); nil unless both sides are 1…20000.
    private var paper: (width: Int, height: Int)? {
        guard let parts = canvas?.lowercased().split(separator: "x").compactMap({ Int($0) }),
              parts.count == 2, parts.allSatisfy({ $0 > 0 && $0 <= 20_000 }) else { return nil }
        return (parts[0], parts[1])
    }
}
