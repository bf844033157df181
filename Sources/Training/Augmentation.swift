import Classification
import Foundation
import NeuralNetwork
import Preprocessing

/// Random changes to a normalised crop, so that the network sees a new variant of every symbol
/// each epoch: rotation, zoom and shift (seed 004's ±10°, ±10 %, ±10 %), elastic distortion, and
/// thicker or thinner strokes.
public struct Augmentation: Sendable {
    public var maxRotationDegrees: Float = 10
    public var maxZoom: Float = 0.10
    /// Fraction of the crop side.
    public var maxShift: Float = 0.10
    /// Chance of an elastic distortion, and its typical displacement in pixels.
    public var elasticProbability: Float = 0.5
    public var elasticAmplitude: Float = 1.2
    /// Chance of changing the stroke width (half thicker, half thinner).
    public var strokeProbability: Float = 0.4

    public init() {}

    /// A new variant of `crop` (`side × side` values).
    public func apply(_ crop: [Float], side: Int = Glyph.cropSide, rng: inout SeededGenerator) -> [Float] {
        let angle = rng.uniform(-maxRotationDegrees, maxRotationDegrees) * .pi / 180
        let zoom = 1 + rng.uniform(-maxZoom, maxZoom)
        let shiftX = rng.uniform(-maxShift, maxShift) * Float(side)
        let shiftY = rng.uniform(-maxShift, maxShift) * Float(side)
        let field = rng.nextUniform() < elasticProbability ? ElasticField(side: side, amplitude: elasticAmplitude, rng: &rng) : nil

        // Inverse mapping: for each output pixel, where it comes from in the source.
        let center = Float(side - 1) / 2
        let cosine = cosf(angle) / zoom, sine = sinf(angle) / zoom
        var output = [Float](repeating: 0, count: side * side)
        crop.withUnsafeBufferPointer { source in
            for y in 0..<side {
                for x in 0..<side {
                    let dx = Float(x) - center - shiftX, dy = Float(y) - center - shiftY
                    var sx = cosine * dx + sine * dy + center
                    var sy = -sine * dx + cosine * dy + center
                    if let field {
                        let (ex, ey) = field.displacement(x: x, y: y)
                        sx += ex; sy += ey
                    }
                    output[y * side + x] = Self.bilinear(source, side: side, x: sx, y: sy)
                }
            }
        }
        if rng.nextUniform() < strokeProbability {
            let thicker = rng.nextUniform() < 0.5
            output = Self.changeStroke(output, side: side, thicker: thicker, amount: rng.uniform(0.3, thicker ? 1 : 0.6))
        }
        return output
    }

    private static func bilinear(_ source: UnsafeBufferPointer<Float>, side: Int, x: Float, y: Float) -> Float {
        let x0 = Int(floorf(x)), y0 = Int(floorf(y))
        let fx = x - Float(x0), fy = y - Float(y0)
        func at(_ px: Int, _ py: Int) -> Float {
            px >= 0 && py >= 0 && px < side && py < side ? source[py * side + px] : 0
        }
        let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
        let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }

    /// Blends towards a 3×3 cross-shaped dilation (thicker) or erosion (thinner).
    private static func changeStroke(_ crop: [Float], side: Int, thicker: Bool, amount: Float) -> [Float] {
        var output = crop
        for y in 0..<side {
            for x in 0..<side {
                var extreme = crop[y * side + x]
                for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] {
                    let value = nx >= 0 && ny >= 0 && nx < side && ny < side ? crop[ny * side + nx] : 0
                    extreme = thicker ? max(extreme, value) : min(extreme, value)
                }
                output[y * side + x] += amount * (extreme - crop[y * side + x])
            }
        }
        return output
    }
}

/// A smooth random displacement field: random offsets on a coarse grid, bilinearly interpolated.
private struct ElasticField {
    static let cells = 4
    let side: Int
    var offsetsX: [Float], offsetsY: [Float]

    init(side: Int, amplitude: Float, rng: inout SeededGenerator) {
        self.side = side
        let nodes = (Self.cells + 1) * (Self.cells + 1)
        offsetsX = (0..<nodes).map { _ in rng.nextNormal() * amplitude }
        offsetsY = (0..<nodes).map { _ in rng.nextNormal() * amplitude }
    }

    func displacement(x: Int, y: Int) -> (Float, Float) {
        let gx = Float(x) / Float(side - 1) * Float(Self.cells), gy = Float(y) / Float(side - 1) * Float(Self.cells)
        let cx = min(Int(gx), Self.cells - 1), cy = min(Int(gy), Self.cells - 1)
        let fx = gx - Float(cx), fy = gy - Float(cy)
        func blend(_ grid: [Float]) -> Float {
            let row = Self.cells + 1
            let top = grid[cy * row + cx] * (1 - fx) + grid[cy * row + cx + 1] * fx
            let bottom = grid[(cy + 1) * row + cx] * (1 - fx) + grid[(cy + 1) * row + cx + 1] * fx
            return top * (1 - fy) + bottom * fy
        }
        return (blend(offsetsX), blend(offsetsY))
    }
}
