import Foundation

/// Softmax followed by the cross-entropy loss, averaged over the batch.
public enum SoftmaxCrossEntropy {
    /// Row-wise softmax of logits `(N, K)`, computed stably.
    public static func probabilities(_ logits: Tensor) -> Tensor {
        let classes = logits.sampleSize
        var output = logits.data
        output.withUnsafeMutableBufferPointer { p in
            for s in 0..<logits.batchSize {
                let base = s * classes
                var largest = -Float.infinity
                for k in 0..<classes { largest = max(largest, p[base + k]) }
                var sum: Float = 0
                for k in 0..<classes { p[base + k] = expf(p[base + k] - largest); sum += p[base + k] }
                for k in 0..<classes { p[base + k] /= sum }
            }
        }
        return Tensor(shape: logits.shape, data: output)
    }

    /// Mean loss over the batch, its gradient with respect to the logits `(N, K)`, and how many
    /// samples have their label as the top logit.
    public static func loss(logits: Tensor, labels: [Int]) -> (loss: Float, gradient: Tensor, correct: Int) {
        let n = logits.batchSize, classes = logits.sampleSize
        precondition(labels.count == n, "one label per sample")
        var gradient = probabilities(logits)
        var total: Float = 0
        var correct = 0
        gradient.data.withUnsafeMutableBufferPointer { p in
            for s in 0..<n {
                let base = s * classes
                let label = labels[s]
                total -= logf(max(p[base + label], 1e-12))
                var best = 0
                for k in 1..<classes where p[base + k] > p[base + best] { best = k }
                if best == label { correct += 1 }
                p[base + label] -= 1
                for k in 0..<classes { p[base + k] /= Float(n) }
            }
        }
        return (total / Float(n), gradient, correct)
    }
}
