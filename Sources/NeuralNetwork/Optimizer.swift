import Foundation

/// Updates a store's trainable parameters from its gradients: one loop over one array.
public protocol Optimizer {
    var learningRate: Float { get set }
    mutating func step(_ store: ParameterStore)
}

/// Stochastic gradient descent with momentum: v ← μ·v − λ·g; w ← w + v. With μ = 0 it is plain
/// gradient descent, w ← w − λ·g.
public struct SGD: Optimizer {
    public var learningRate: Float
    public var momentum: Float
    private var velocity: [Float] = []

    public init(learningRate: Float, momentum: Float = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func step(_ store: ParameterStore) {
        let count = store.trainableCount
        if velocity.count != count { velocity = [Float](repeating: 0, count: count) }
        let lr = learningRate, mu = momentum
        store.values.withUnsafeMutableBufferPointer { w in
            store.gradients.withUnsafeBufferPointer { g in
                velocity.withUnsafeMutableBufferPointer { v in
                    // Each weight on its own: ranges of weights update concurrently, same values.
                    Parallel.forEachChunk(of: count) { _, range in
                        for i in range {
                            v[i] = mu * v[i] - lr * g[i]
                            w[i] += v[i]
                        }
                    }
                }
            }
        }
    }
}

/// The running first and second moments of each weight's gradient, which Adam and Nadam keep.
struct GradientMoments {
    private var m: [Float] = [], v: [Float] = []
    private var t = 0

    /// Counts a step (from 1 again when the store's size changed) and returns its number.
    mutating func nextStep(for store: ParameterStore) -> Int {
        let count = store.trainableCount
        if m.count != count { m = [Float](repeating: 0, count: count); v = m; t = 0 }
        t += 1
        return t
    }

    /// Moves both moments of every weight towards its gradient, m ← β₁·m + (1 − β₁)·g and
    /// v ← β₂·v + (1 − β₂)·g², then takes `delta(g, m, v)` from the weight. Each weight on its
    /// own: ranges of weights update concurrently, with the same values.
    mutating func update(_ store: ParameterStore, beta1 b1: Float, beta2 b2: Float, delta: (Float, Float, Float) -> Float) {
        let count = store.trainableCount
        store.values.withUnsafeMutableBufferPointer { w in
            store.gradients.withUnsafeBufferPointer { g in
                m.withUnsafeMutableBufferPointer { m in
                    v.withUnsafeMutableBufferPointer { v in
                        Parallel.forEachChunk(of: count) { _, range in
                            for i in range {
                                m[i] = b1 * m[i] + (1 - b1) * g[i]
                                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                                w[i] -= delta(g[i], m[i], v[i])
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Adam (Kingma & Ba 2015) with bias correction.
public struct Adam: Optimizer {
    public var learningRate: Float
    public var beta1: Float, beta2: Float, epsilon: Float
    private var moments = GradientMoments()

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    }

    public mutating func step(_ store: ParameterStore) {
        let t = Float(moments.nextStep(for: store))
        let eps = epsilon
        let stepSize = learningRate * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
        moments.update(store, beta1: beta1, beta2: beta2) { _, m, v in stepSize * m / (v.squareRoot() + eps) }
    }
}

/// Nadam (Dozat 2016): Adam with Nesterov momentum, which looks one step ahead by mixing the
/// next step's momentum with the current gradient:
///
///     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
///     m̂ = β₁·m / (1 − β₁^(t+1)) + (1 − β₁)·g / (1 − β₁^t);   v̂ = v / (1 − β₂^t)
///     w ← w − λ·m̂ / (√v̂ + ε)
public struct Nadam: Optimizer {
    public var learningRate: Float
    public var beta1: Float, beta2: Float, epsilon: Float
    private var moments = GradientMoments()

    public init(learningRate: Float = 2e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    }

    public mutating func step(_ store: ParameterStore) {
        let t = Float(moments.nextStep(for: store))
        let b1 = beta1, eps = epsilon, lr = learningRate
        let momentumScale = b1 / (1 - powf(b1, t + 1)), gradientScale = (1 - b1) / (1 - powf(b1, t))
        let varianceScale = 1 / (1 - powf(beta2, t))
        moments.update(store, beta1: beta1, beta2: beta2) { g, m, v in
            lr * (momentumScale * m + gradientScale * g) / ((v * varianceScale).squareRoot() + eps)
        }
    }
}

/// WAME — weight-wise adaptive learning rates with moving-average estimator (Mosca & Magoulas
/// 2017), as adjusted in the seeds. Per weight:
///
///     ζ ← clip(ζ·η₊, ζmin, ζmax) if g·g_prev > 0;  clip(ζ·η₋, …) if g·g_prev < 0
///     Z ← α·Z + (1 − α)·ζ;   θ ← α·θ + (1 − α)·g²
///     w ← w − λ·Z·g / (√θ + ε)
///
/// with ζ starting at 1 and Z, θ at 0.
public struct WAME: Optimizer {
    public var learningRate: Float
    public var alpha: Float, etaPlus: Float, etaMinus: Float
    public var zetaMin: Float, zetaMax: Float, epsilon: Float
    private var zeta: [Float] = [], z: [Float] = [], theta: [Float] = [], previousGradient: [Float] = []

    public init(learningRate: Float = 1e-3, alpha: Float = 0.9, etaPlus: Float = 1.2, etaMinus: Float = 0.1,
                zetaMin: Float = 0.01, zetaMax: Float = 100, epsilon: Float = 1e-12) {
        self.learningRate = learningRate
        self.alpha = alpha; self.etaPlus = etaPlus; self.etaMinus = etaMinus
        self.zetaMin = zetaMin; self.zetaMax = zetaMax; self.epsilon = epsilon
    }

    public mutating func step(_ store: ParameterStore) {
        let count = store.trainableCount
        if zeta.count != count {
            zeta = [Float](repeating: 1, count: count)
            z = [Float](repeating: 0, count: count); theta = z; previousGradient = z
        }
        let lr = learningRate, a = alpha, up = etaPlus, down = etaMinus
        let low = zetaMin, high = zetaMax, eps = epsilon
        store.values.withUnsafeMutableBufferPointer { w in
            store.gradients.withUnsafeBufferPointer { g in
                zeta.withUnsafeMutableBufferPointer { zeta in
                    z.withUnsafeMutableBufferPointer { z in
                        theta.withUnsafeMutableBufferPointer { theta in
                            previousGradient.withUnsafeMutableBufferPointer { previous in
                                // Each weight on its own: ranges of weights update concurrently, same values.
                                Parallel.forEachChunk(of: count) { _, range in
                                    for i in range {
                                        let agreement = g[i] * previous[i]
                                        if agreement > 0 {
                                            zeta[i] = min(zeta[i] * up, high)
                                        } else if agreement < 0 {
                                            zeta[i] = max(zeta[i] * down, low)
                                        }
                                        z[i] = a * z[i] + (1 - a) * zeta[i]
                                        theta[i] = a * theta[i] + (1 - a) * g[i] * g[i]
                                        w[i] -= lr * z[i] * g[i] / (theta[i].squareRoot() + eps)
                                        previous[i] = g[i]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
