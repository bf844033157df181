import NeuralNetwork
import InkInput
/// The look of one simulated phone photo of paper. All brightness values are 0–255 grey.
public struct PhotoStyle: Sendable, Equatable {
    /// Page rotation, degrees clockwise (applied by the renderer, so boxes stay exact).
    public var rotationDegrees: Double
    /// Paper brightness at the image centre.
    public var paper: Double
    /// Change of paper brightness across the image (a lamp on one side), and its direction.
    public var gradient: Double
    public var gradientAngle: Double
    /// Brightness of full ink: black ink is dark, blue ink reads as mid grey.
    public var ink: Double
    /// Factor on brightness inside the shadow (1 = no shadow), the shadow edge as a line
    /// through the image (angle, offset from the centre as a fraction of the diagonal), and
    /// how soft the edge is, as a fraction of the diagonal.
    public var shadowFactor: Double
    public var shadowAngle: Double
    public var shadowOffset: Double
    public var shadowSoftness: Double
    /// Gaussian blur (defocus), in pixels.
    public var blurSigma: Double
    /// Sensor noise, standard deviation in grey levels.
    public var noiseSigma: Double

    public init(rotationDegrees: Double = 0, paper: Double = 215, gradient: Double = 0, gradientAngle: Double = 0,
                ink: Double = 40, shadowFactor: Double = 1, shadowAngle: Double = 0, shadowOffset: Double = 0,
                shadowSoftness: Double = 0.1, blurSigma: Double = 0, noiseSigma: Double = 0) {
        self.rotationDegrees = rotationDegrees
        self.paper = paper
        self.gradient = gradient
        self.gradientAngle = gradientAngle
        self.ink = ink
        self.shadowFactor = shadowFactor
        self.shadowAngle = shadowAngle
        self.shadowOffset = shadowOffset
        self.shadowSoftness = shadowSoftness
        self.blurSigma = blurSigma
        self.noiseSigma = noiseSigma
    }

    /// A plausible random photo: tinted, unevenly lit paper, black or blue ink, often a
    /// shadow, some defocus and noise, up to ±`maxRotation` degrees of rotation.
    public static func random(using generator: inout SeededGenerator, maxRotation: Double = 3) -> PhotoStyle {
        let blueInk = Bool.random(using: &generator)
        let hasShadow = Double.random(in: 0..<1, using: &generator) < 0.6
        return PhotoStyle(
            rotationDegrees: Double.random(in: -maxRotation...maxRotation, using: &generator),
            paper: Double.random(in: 170...235, using: &generator),
            gradient: Double.random(in: 0...45, using: &generator),
            gradientAngle: Double.random(in: 0..<(2 * .pi), using: &generator),
            ink: blueInk ? Double.random(in: 70...115, using: &generator) : Double.random(in: 15...60, using: &generator),
            shadowFactor: hasShadow ? Double.random(in: 0.6...0.85, using: &generator) : 1,
            shadowAngle: Double.random(in: 0..<(2 * .pi), using: &generator),
            shadowOffset: Double.random(in: -0.3...0.3, using: &generator),
            shadowSoftness: Double.random(in: 0.03...0.15, using: &generator),
            blurSigma: Double.random(in: 0.3...1.2, using: &generator),
            noiseSigma: Double.random(in: 1.5...6, using: &generator)
        )
    }
}
