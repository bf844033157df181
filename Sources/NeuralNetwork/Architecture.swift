/// Network architectures, by the name stored in model files.
public enum Architecture {
    /// Seed 000's MyCNN, the baseline: conv 3×3×16 (pad 1) → max-pool 2 → ReLU → dense 64 → ReLU → dense K.
    public static let seed000 = "seed000"
    /// The default: three conv blocks (conv 3×3 → max-pool 2 → batch norm → ReLU) with 16, 32, 64
    /// channels, then dropout → dense 128 → ReLU → dropout → dense K.
    public static let mscnn = "mscnn"
    /// `mscnn` twice as wide (issue 10: does a larger classifier read unseen writers better?):
    /// 32, 64, 128 channels and dense 256.
    public static let mscnnWide = "mscnn-wide"
    /// `mscnn` twice as deep: each block is conv 3×3 → batch norm → ReLU → conv 3×3 → max-pool 2 →
    /// batch norm → ReLU, with 16, 32, 64 channels and dense 128.
    public static let mscnnDeep = "mscnn-deep"
    /// Multinomial logistic regression (notebooks 1 and 5): flatten → dense K, softmax in the loss.
    public static let logistic = "logistic"
    /// The notebooks' from-scratch MLP: flatten → dense 128 → sigmoid → dense K. `mlp(hidden:dropout:)`
    /// names other widths and a dropout before the output layer.
    public static let mlp = "mlp"
    /// The default for new models.
    public static let defaultName = mscnn
    public static let names = [mscnn, mscnnWide, mscnnDeep, seed000, logistic, mlp]

    /// The MLP with `hidden` sigmoid units and dropout `dropout` (0 ..< 1) after them, as
    /// `mlp-<hidden>-d<percent>`: the name alone rebuilds the network from a model file.
    public static func mlp(hidden: Int, dropout: Float = 0) -> String {
        "\(mlp)-\(hidden)-d\(Int((dropout * 100).rounded()))"
    }

    /// Hidden width and dropout of an MLP name: `mlp` is 128 units without dropout.
    static func mlpShape(_ name: String) -> (hidden: Int, dropout: Float)? {
        if name == mlp { return (128, 0) }
        let parts = name.split(separator: "-")
        guard parts.count == 3, parts[0] == mlp, let hidden = Int(parts[1]), hidden > 0, parts[2].hasPrefix("d"),
              let percent = Int(parts[2].dropFirst()), (0..<100).contains(percent) else { return nil }
        return (hidden, Float(percent) / 100)
    }

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
            builder.convBlocks(channels: [16, 32, 64], convsPerBlock: 1, dense: 128, classCount: classCount, seed: seed)
        case mscnnWide:
            builder.convBlocks(channels: [32, 64, 128], convsPerBlock: 1, dense: 256, classCount: classCount, seed: seed)
        case mscnnDeep:
            builder.convBlocks(channels: [16, 32, 64], convsPerBlock: 2, dense: 128, classCount: classCount, seed: seed)
        case logistic:
            builder.append { Flatten(inputShape: $0) }
            builder.dense(classCount)
        default:
            guard let (hidden, dropout) = mlpShape(name) else { throw WeightsError.unknownArchitecture(name) }
            builder.append { Flatten(inputShape: $0) }
            builder.dense(hidden)
            builder.append { Sigmoid(inputShape: $0) }
            if dropout > 0 { builder.append { Dropout(inputShape: $0, rate: dropout, seed: seed &+ 1) } }
            builder.dense(classCount)
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

    /// The mscnn family: per block, `convsPerBlock - 1` times conv → batch norm → ReLU, then conv →
    /// max-pool 2 → batch norm → ReLU; then dropout → dense `dense` → ReLU → dropout → dense K.
    mutating func convBlocks(channels: [Int], convsPerBlock: Int, dense hidden: Int, classCount: Int, seed: UInt64) {
        for width in channels {
            for _ in 1..<convsPerBlock {
                conv(width)
                append { BatchNorm(inputShape: $0) }
                append { ReLU(inputShape: $0) }
            }
            conv(width)
            append { MaxPool2D(inputShape: $0, size: 2) }
            append { BatchNorm(inputShape: $0) }
            append { ReLU(inputShape: $0) }
        }
        append { Flatten(inputShape: $0) }
        append { Dropout(inputShape: $0, rate: 0.25, seed: seed &+ 1) }
        dense(hidden)
        append { ReLU(inputShape: $0) }
        append { Dropout(inputShape: $0, rate: 0.25, seed: seed &+ 2) }
        dense(classCount)
    }
}
