import Classification
import Foundation
import NeuralNetwork
import Training

/// The crops of one data source, split by `DataSplit`.
public struct LabSource: Sendable {
    public var name: String
    /// Rendered as `mathscan train` renders training crops (its pen widths, its photo share).
    public var training: LabeledCrops
    /// One middle pen width, no photos: what models are chosen on.
    public var selection: LabeledCrops
    /// The held-out writers' symbols, rendered like the selection split: never trained or chosen on.
    public var heldOut: LabeledCrops
    /// How many of the source's PNG files have each size, as "W×H" (empty for InkML, which is
    /// ink without pixels).
    public var imageSizes: [String: Int]

    public init(name: String, training: LabeledCrops, selection: LabeledCrops, heldOut: LabeledCrops, imageSizes: [String: Int] = [:]) {
        self.name = name
        self.training = training
        self.selection = selection
        self.heldOut = heldOut
        self.imageSizes = imageSizes
    }
}

/// Everything the lab measures on: each source's crops, and (for the augmentation ablation) the
/// training crops without the simulated photos.
public struct LabData: Sendable {
    public var classNames: [String]
    public var sources: [LabSource]
    /// The training crops with no symbol cut from a simulated photo; nil: not loaded.
    public var trainingWithoutPhotos: LabeledCrops?

    public init(classNames: [String], sources: [LabSource], trainingWithoutPhotos: LabeledCrops?) {
        self.classNames = classNames
        self.sources = sources
        self.trainingWithoutPhotos = trainingWithoutPhotos
    }

    public var training: LabeledCrops { Self.joined(sources.map(\.training), classNames: classNames) }
    public var selection: LabeledCrops { Self.joined(sources.map(\.selection), classNames: classNames) }
    public var heldOut: LabeledCrops { Self.joined(sources.map(\.heldOut), classNames: classNames) }

    /// Loads `sources` with `loader`'s settings (use `mathscan train`'s, so its crop cache is
    /// reused): training and selection parts through `TrainingData.load`, the held-out writers
    /// with the selection split's rendering. `withoutPhotos` also loads the training part
    /// again with no photo crops.
    public static func load(sources: [String], loader: LabeledDataLoader, withoutPhotos: Bool) throws -> LabData {
        var heldOutLoader = loader
        heldOutLoader.penWidths = [3]
        heldOutLoader.photoShare = 0
        heldOutLoader.parts = [.heldOut]
        var photoFreeLoader = loader
        photoFreeLoader.photoShare = 0
        photoFreeLoader.parts = [.training]
        var loaded: [LabSource] = []
        var photoFree = LabeledCrops(classNames: loader.classNames)
        for source in sources {
            let parts = try TrainingData.load(sources: [source], reportSources: [], loader: loader)
            let heldOut = try heldOutLoader.load(source)
            let name = URL(fileURLWithPath: source).standardizedFileURL.lastPathComponent
            loaded.append(LabSource(name: name, training: parts.training, selection: parts.selection, heldOut: heldOut,
                                    imageSizes: pngSizes(under: source)))
            if withoutPhotos {
                // Only InkML sources have photo crops; image sources are the same either way.
                photoFree.append(contentsOf: loader.photoShare > 0 && containsInkML(source) ? try photoFreeLoader.load(source) : parts.training)
            }
        }
        return LabData(classNames: loader.classNames, sources: loaded, trainingWithoutPhotos: withoutPhotos ? photoFree : nil)
    }

    /// The sizes of the PNG files under `folder`, read from their headers (IHDR).
    static func pngSizes(under folder: String) -> [String: Int] {
        var sizes: [String: Int] = [:]
        let root = URL(fileURLWithPath: folder)
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            guard path.lowercased().hasSuffix(".png"), let handle = FileHandle(forReadingAtPath: root.appendingPathComponent(path).path) else { continue }
            defer { try? handle.close() }
            guard let header = try? handle.read(upToCount: 24), header.count == 24 else { continue }
            let bytes = [UInt8](header)
            func bigEndian(_ offset: Int) -> Int { bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
            guard bytes[12..<16].elementsEqual("IHDR".utf8) else { continue }
            sizes["\(bigEndian(16))×\(bigEndian(20))", default: 0] += 1
        }
        return sizes
    }

    static func containsInkML(_ folder: String) -> Bool {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            if path.lowercased().hasSuffix(".inkml") { return true }
        }
        return false
    }

    static func joined(_ parts: [LabeledCrops], classNames: [String]) -> LabeledCrops {
        var all = LabeledCrops(classNames: classNames)
        for part in parts {
            all.values += part.values
            all.labels += part.labels
        }
        return all
    }
}

extension LabeledCrops {
    /// At most `perClass` crops of each class, chosen at random by `rng` (order kept).
    func subsampled(perClass: Int?, rng: inout SeededGenerator) -> LabeledCrops {
        guard let perClass else { return self }
        var byClass = [[Int]](repeating: [], count: classNames.count)
        for (index, label) in labels.enumerated() { byClass[label].append(index) }
        var keep: [Int] = []
        for var indices in byClass {
            indices.shuffle(using: &rng)
            keep += indices.prefix(perClass)
        }
        var result = LabeledCrops(classNames: classNames)
        for index in keep.sorted() {
            result.values += values[(index * Self.cropSize)..<((index + 1) * Self.cropSize)]
            result.labels.append(labels[index])
        }
        return result
    }
}
