import Classification
import Preprocessing

/// Labelled symbol crops (each `Glyph.cropSide`² values, 0 paper … 1 ink), stored flat.
public struct LabeledCrops: Sendable, Equatable {
    public static let cropSize = SymbolClassifier.cropSize
    /// Cache format: magic, version.
    static let cacheMagic: [UInt8] = Array("MSCROPS2".utf8)

    /// Class names; `labels` index into it.
    public var classNames: [String]
    /// `count × cropSize` values.
    public var values: [Float] = []
    public var labels: [Int] = []

    public init(classNames: [String]) { self.classNames = classNames }

    public var count: Int { labels.count }

    public mutating func append(crop: [Float], label: String) {
        guard crop.count == Self.cropSize, let index = classNames.firstIndex(of: label) else { return }
        values.append(contentsOf: crop)
        labels.append(index)
    }

    /// Appends `other`'s crops of the classes this set has, relabelled by name (in bulk: a
    /// crop at a time took most of a second for a training set).
    public mutating func append(contentsOf other: LabeledCrops) {
        if other.classNames == classNames {
            values.append(contentsOf: other.values)
            labels.append(contentsOf: other.labels)
            return
        }
        let ownIndex = other.classNames.map { classNames.firstIndex(of: $0) }
        for (i, label) in other.labels.enumerated() {
            guard let own = ownIndex[label] else { continue }
            values.append(contentsOf: other.values[(i * Self.cropSize)..<((i + 1) * Self.cropSize)])
            labels.append(own)
        }
    }

    public func crop(at index: Int) -> [Float] {
        Array(values[(index * Self.cropSize)..<((index + 1) * Self.cropSize)])
    }

    /// How many crops each class has, in `classNames` order.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// Compact bytes for a cache file: magic, class names, count, labels (UInt16), then the
    /// values quantised to 8 bits (what a crop holds anyway).
    public func encoded() -> [UInt8] {
        var bytes = Self.cacheMagic
        func append32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) } }
        append32(classNames.count)
        for name in classNames {
            append32(name.utf8.count)
            bytes.append(contentsOf: name.utf8)
        }
        append32(count)
        for label in labels { withUnsafeBytes(of: UInt16(label).littleEndian) { bytes.append(contentsOf: $0) } }
        bytes.reserveCapacity(bytes.count + values.count)
        for value in values { bytes.append(Self.quantize(value)) }
        return bytes
    }

    /// The crops with their values as the cache stores them (8 bits), so that crops read from a
    /// cache and freshly extracted ones are the same numbers.
    public func quantized() -> LabeledCrops {
        var copy = self
        copy.values = values.map { Float(Self.quantize($0)) / 255 }
        return copy
    }

    static func quantize(_ value: Float) -> UInt8 { UInt8((min(1, max(0, value)) * 255).rounded()) }

    /// Reads bytes written by `encoded()`.
    public init(cacheBytes bytes: [UInt8]) throws {
        guard bytes.count >= Self.cacheMagic.count + 8, Array(bytes.prefix(Self.cacheMagic.count)) == Self.cacheMagic else {
            throw ClassificationError.staleCache
        }
        var position = Self.cacheMagic.count
        func read32() throws -> Int {
            guard position + 4 <= bytes.count else { throw ClassificationError.staleCache }
            defer { position += 4 }
            return (0..<4).reduce(0) { $0 | Int(bytes[position + $1]) << (8 * $1) }
        }
        let nameCount = try read32()
        var names: [String] = []
        for _ in 0..<nameCount {
            let length = try read32()
            guard position + length <= bytes.count else { throw ClassificationError.staleCache }
            names.append(String(decoding: bytes[position..<(position + length)], as: UTF8.self))
            position += length
        }
        let count = try read32()
        guard bytes.count - position == count * (2 + Self.cropSize) else { throw ClassificationError.staleCache }
        self.init(classNames: names)
        labels = (0..<count).map { Int(bytes[position + 2 * $0]) | Int(bytes[position + 2 * $0 + 1]) << 8 }
        guard labels.allSatisfy({ $0 < names.count }) else { throw ClassificationError.staleCache }
        position += 2 * count
        values = bytes[position...].map { Float($0) / 255 }
    }
}
