/// A trained model as bytes: what the network is, what its outputs mean, how its input is
/// normalised, and every parameter — checked on load.
///
/// Layout (little-endian): magic `MSCNNMDL`, version (UInt32), architecture (string), input shape
/// (3 × UInt32), input mean and standard deviation (Float32), label count (UInt32) and labels
/// (strings), parameter count (UInt64) and parameters (Float32), then an FNV-1a 64-bit checksum of
/// everything before it. A string is a UInt32 byte count followed by UTF-8.
public struct ModelFile: Sendable, Equatable {
    public static let magic: [UInt8] = Array("MSCNNMDL".utf8)
    public static let version: UInt32 = 1

    public var architecture: String
    /// Per-sample input shape `(C, H, W)`.
    public var inputShape: [Int]
    /// The network sees `(pixel − inputMean) / inputStd`.
    public var inputMean: Float
    public var inputStd: Float
    /// Class names, in output order.
    public var labels: [String]
    /// Trainable parameters then buffers, as in `ParameterStore.values`.
    public var parameters: [Float]

    public init(architecture: String, inputShape: [Int], inputMean: Float, inputStd: Float, labels: [String], parameters: [Float]) {
        self.architecture = architecture
        self.inputShape = inputShape
        self.inputMean = inputMean
        self.inputStd = inputStd
        self.labels = labels
        self.parameters = parameters
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: Self.magic)
        writer.write(Self.version)
        writer.write(architecture)
        for side in inputShape { writer.write(UInt32(side)) }
        writer.write(inputMean.bitPattern)
        writer.write(inputStd.bitPattern)
        writer.write(UInt32(labels.count))
        for label in labels { writer.write(label) }
        writer.write(UInt64(parameters.count))
        writer.bytes.reserveCapacity(writer.bytes.count + 4 * parameters.count + 8)
        for value in parameters { writer.write(value.bitPattern) }
        writer.write(FNV1a.hash(writer.bytes[...]))
        return writer.bytes
    }

    /// Decodes and checks a model file.
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw WeightsError.notAModelFile
        }
        var reader = ByteReader(bytes: bytes, position: Self.magic.count)
        let version: UInt32 = try reader.read()
        guard version == Self.version else { throw WeightsError.versionMismatch(found: version, expected: Self.version) }
        guard bytes.count >= Self.magic.count + 4 + 8 else { throw WeightsError.truncated }
        // Verify the checksum first, so that any altered byte reads as corruption.
        let body = bytes[0..<(bytes.count - 8)]
        var tail = ByteReader(bytes: bytes, position: bytes.count - 8)
        let storedChecksum: UInt64 = try tail.read()

        let architecture = try reader.readString()
        let shape = try (0..<3).map { _ in Int(try reader.read() as UInt32) }
        let mean = Float(bitPattern: try reader.read())
        let std = Float(bitPattern: try reader.read())
        let labelCount = Int(try reader.read() as UInt32)
        guard labelCount <= bytes.count else { throw WeightsError.truncated }
        let labels = try (0..<labelCount).map { _ in try reader.readString() }
        let parameterCount: UInt64 = try reader.read()
        guard parameterCount <= UInt64(bytes.count / 4) else { throw WeightsError.truncated }
        guard reader.remaining == Int(parameterCount) * 4 + 8 else {
            throw reader.remaining < Int(parameterCount) * 4 + 8 ? WeightsError.truncated : WeightsError.checksumMismatch
        }
        guard FNV1a.hash(body) == storedChecksum else { throw WeightsError.checksumMismatch }
        let parameters = try reader.readFloats(Int(parameterCount))

        guard labelCount > 1 else { throw WeightsError.invalidField("fewer than two labels") }
        guard shape.allSatisfy({ $0 > 0 && $0 <= 4096 }) else { throw WeightsError.invalidField("input shape \(shape)") }
        guard std > 0, std.isFinite, mean.isFinite else { throw WeightsError.invalidField("input normalisation") }
        self.init(architecture: architecture, inputShape: shape, inputMean: mean, inputStd: std, labels: labels, parameters: parameters)
    }

    /// Builds the network this file describes and loads its parameters.
    public func makeNetwork() throws -> Network {
        let layers = try Architecture.layers(named: architecture, inputShape: inputShape, classCount: labels.count, seed: 0)
        return try Network(layers: layers, parameters: parameters)
    }
}


private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ string: String) {
        let utf8 = Array(string.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var position: Int

    var remaining: Int { bytes.count - position }

    mutating func read<T: FixedWidthInteger>() throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw WeightsError.truncated }
        var value: T = 0
        for i in 0..<size { value |= T(bytes[position + i]) << (8 * i) }
        position += size
        return value
    }

    /// `count` little-endian Float32 values in one pass (the bulk of a model file).
    mutating func readFloats(_ count: Int) throws -> [Float] {
        guard count >= 0, remaining / 4 >= count else { throw WeightsError.truncated }
        let start = position
        position += count * 4
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * $0, as: UInt32.self))) }
        }
    }

    mutating func readString() throws -> String {
        let count = Int(try read() as UInt32)
        guard remaining >= count else { throw WeightsError.truncated }
        guard let string = String(validating: bytes[position..<(position + count)], as: UTF8.self) else {
            throw WeightsError.invalidField("text is not UTF-8")
        }
        position += count
        return string
    }
}
