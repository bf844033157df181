import NeuralNetwork
import InkInput
import Foundation
import ImageDecoding

/// Turns a clean rendering (white paper, dark ink) into something that looks like a phone
/// photo of paper. JPEG compression is left to the caller (ImageEncoder.jpeg).
public enum PhotoSimulator {
    /// Renders `document` as a photo-like image with a random style drawn from `seed`.
    public static func photograph(_ document: InkDocument, seed: UInt64, options: InkRenderOptions = .init(), maxRotation: Double = 3) -> InkRendering {
        var generator = SeededGenerator(seed: seed)
        let style = PhotoStyle.random(using: &generator, maxRotation: maxRotation)
        var rotated = options
        rotated.rotationDegrees += style.rotationDegrees
        var rendering = InkRenderer.render(document, options: rotated)
        rendering.image = apply(style, to: rendering.image, generator: &generator)
        return rendering
    }

    /// Applies lighting, ink colour, blur and noise of `style` (not its rotation) to a clean
    /// image whose darkness is ink coverage.
    public static func apply(_ style: PhotoStyle, to clean: GrayImage, generator: inout SeededGenerator) -> GrayImage {
        let (width, height) = (clean.width, clean.height)
        guard width > 0, height > 0 else { return clean }
        var coverage = clean.pixels.map { Float(255 - $0) / 255 }
        if style.blurSigma > 0.05 { coverage = gaussianBlur(coverage, width: width, height: height, sigma: style.blurSigma) }

        let diagonal = (Double(width * width + height * height)).squareRoot()
        let (centreX, centreY) = (Double(width) / 2, Double(height) / 2)
        let (gradientX, gradientY) = (cos(style.gradientAngle), sin(style.gradientAngle))
        let (shadowX, shadowY) = (cos(style.shadowAngle), sin(style.shadowAngle))
        let softness = max(style.shadowSoftness * diagonal, 1)
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            let dy = Double(y) - centreY
            for x in 0..<width {
                let dx = Double(x) - centreX
                let light = style.paper + style.gradient * (dx * gradientX + dy * gradientY) / diagonal
                // Smooth step across the shadow edge: 0 outside, 1 fully inside.
                let signed = (dx * shadowX + dy * shadowY) / diagonal - style.shadowOffset
                let inside = 1 / (1 + exp(-signed * diagonal / softness * 4))
                let shade = 1 - (1 - style.shadowFactor) * inside
                let ink = Double(coverage[y * width + x])
                var value = (light * (1 - ink) + style.ink * ink) * shade
                if style.noiseSigma > 0 { value += style.noiseSigma * Double(generator.nextNormal()) }
                pixels[y * width + x] = UInt8(min(255, max(0, value.rounded())))
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Separable Gaussian blur with clamped edges.
    static func gaussianBlur(_ values: [Float], width: Int, height: Int, sigma: Double) -> [Float] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var horizontal = [Float](repeating: 0, count: values.count)
        for y in 0..<height {
            let row = y * width
            for x in 0..<width {
                var sum: Float = 0
                for k in -radius...radius { sum += kernel[k + radius] * values[row + min(width - 1, max(0, x + k))] }
                horizontal[row + x] = sum
            }
        }
        var result = [Float](repeating: 0, count: values.count)
        for y in 0..<height {
            for x in 0..<width {
                var sum: Float = 0
                for k in -radius...radius { sum += kernel[k + radius] * horizontal[min(height - 1, max(0, y + k)) * width + x] }
                result[y * width + x] = sum
            }
        }
        return result
    }
}
