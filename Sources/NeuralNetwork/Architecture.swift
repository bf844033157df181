/// Network architectures, by the name stored in model files.
public enum Architecture {
    /// Seed 000's MyCNN, the baseline: conv 3×3×16 (pad 1) → max-pool 2 → ReLU → dense 64 → ReLU → dense K.
    public static let seed000 = "seed000"
    /// The default: three conv blocks (conv 3×3 → max-pool 2 → batch norm → ReLU) with 16, 32, 64
    /// channels, then dropout → dense 128 → ReLU → dropout → dense K.
    public static let mscnn = "mscnn"
    /// The default for new models.
    public static let defaultName = mscnn
    public static let names = [mscnn, seed000]

    /// The layers of architecture `name` for inputs `(C, H, W)` and `classCount` outputs.
    /// `seed` drives dropout.
    public static func layers(named name: String, inputShape: [Int], classCount: Int, seed: UInt64) throws -> [Layer] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }), classCount > 1 else {
            throw WeightsError.invalidField("input shape \(inputShape) with \(classCount) classes")
        }
        var builder = LayerStack(inputShape: inputShape)
        switch name {
        case seed000:
            builder.conv(16)
            builder.append { MaxPool2D(inputShape: $0, size: 2) }
            builder.append { ReLU(inputShape: $0) }
            builder.append { Flatten(inputShape: $0) }
            builder.dense(64)
            builder.append { ReLU(inputShape: $0) }
            builder.dense(classCount)
        case mscnn:
            for channels in [16, 32, 64] {
                builder.conv(channels)
                builder.append { MaxPool2D(inputShape: $0, size: 2) }
                builder.append { BatchNorm(inputShape: $0) }
                builder.append { ReLU(inputShape: $0) }
            }
            builder.append { Flatten(inputShape: $0) }
            builder.append { Dropout(inputShape: $0, rate: 0.25, seed: seed &+ 1) }
            builder.dense(128)
            builder.append { ReLU(inputShape: $0) }
            builder.append { Dropout(inputShape: $0, rate: 0.25, seed: seed &+ 2) }
            builder.dense(classCount)
        default:
            throw WeightsError.unknownArchitecture(name)
        }
        if let first = builder.layers.first as? Conv2D { first.propagatesGradient = false }
        return builder.layers
    }
}

/// Chains layers, each built from the previous output shape.
private struct LayerStack {
    var layers: [Layer] = []
    var shape: [Int]

    init(inputShape: [Int]) { shape = inputShape }

    mutating func append(_ make: ([Int]) -> Layer) {
        let layer = make(shape)
        layers.append(layer)
        shape = layer.outputShape
    }

    mutating func conv(_ channels: Int) {
        append { Conv2D(inputShape: $0, outChannels: channels, kernel: 3, padding: 1) }
    }

    mutating func dense(_ outputs: Int) {
        append { Dense(inputCount: $0.reduce(1, *), outputCount: outputs) }
    }
}
