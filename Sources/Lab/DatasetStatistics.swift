import Classification
import Foundation
import Preprocessing
import Training

/// Notebook 3's look at the data: class counts per source and split, the mean image of each
/// class, how much of a crop is ink, and the size of the ink in the crop.
public struct DatasetStatistics: Sendable, Codable, Equatable {
    public struct SourceCounts: Sendable, Codable, Equatable {
        public var source: String
        /// Crops per class, in `classNames` order.
        public var training: [Int], selection: [Int], heldOut: [Int]
        /// Share of crops whose ink covers each bin of `coverageBins` (training split).
        public var inkCoverage: [Double]
        /// PNG files per size ("W×H"), the most common first (none for InkML sources).
        public var imageSizes: [SizeCount]
    }

    public struct SizeCount: Sendable, Codable, Equatable {
        public var size: String
        public var files: Int
    }

    public struct ClassShape: Sendable, Codable, Equatable {
        public var label: String
        /// Mean width and height (pixels of the 32×32 crop) of the box around the ink.
        public var meanInkWidth: Double, meanInkHeight: Double
        public var meanInkCoverage: Double
    }

    public var classNames: [String]
    /// Every crop is `cropSide`² pixels: the loader scales each symbol into that square.
    public var cropSide: Int
    /// Upper bounds of the ink-coverage bins (share of pixels with ink ≥ 0.5).
    public var coverageBins: [Double]
    public var sources: [SourceCounts]
    public var classes: [ClassShape]

    static let binCount = 20, binWidth = 0.025

    public init(data: LabData) {
        classNames = data.classNames
        cropSide = Glyph.cropSide
        coverageBins = (1...Self.binCount).map { Double($0) * Self.binWidth }
        sources = data.sources.map { source in
            var histogram = [Double](repeating: 0, count: Self.binCount)
            for index in 0..<source.training.count {
                let bin = min(Self.binCount - 1, Int(Self.coverage(source.training, index) / Self.binWidth))
                histogram[bin] += 1
            }
            let total = max(Double(source.training.count), 1)
            return SourceCounts(source: source.name, training: source.training.classCounts, selection: source.selection.classCounts,
                                heldOut: source.heldOut.classCounts, inkCoverage: histogram.map { $0 / total },
                                imageSizes: source.imageSizes.map { SizeCount(size: $0.key, files: $0.value) }
                                    .sorted { ($0.files, $1.size) > ($1.files, $0.size) })
        }
        let all = data.training
        var sums = [(width: Double, height: Double, coverage: Double, count: Int)](repeating: (0, 0, 0, 0), count: classNames.count)
        for index in 0..<all.count {
            let (width, height) = Self.inkBox(all, index)
            let label = all.labels[index]
            sums[label].width += Double(width); sums[label].height += Double(height)
            sums[label].coverage += Self.coverage(all, index); sums[label].count += 1
        }
        classes = zip(classNames, sums).map { name, sum in
            let n = Double(max(sum.count, 1))
            return ClassShape(label: name, meanInkWidth: sum.width / n, meanInkHeight: sum.height / n, meanInkCoverage: sum.coverage / n)
        }
    }

    /// Share of the crop's pixels that are ink (≥ 0.5).
    static func coverage(_ crops: LabeledCrops, _ index: Int) -> Double {
        let base = index * LabeledCrops.cropSize
        var ink = 0
        for i in base..<(base + LabeledCrops.cropSize) where crops.values[i] >= 0.5 { ink += 1 }
        return Double(ink) / Double(LabeledCrops.cropSize)
    }

    /// Width and height of the box around the crop's ink (0 × 0 for an empty crop).
    static func inkBox(_ crops: LabeledCrops, _ index: Int) -> (Int, Int) {
        let side = Glyph.cropSide, base = index * LabeledCrops.cropSize
        var minX = side, minY = side, maxX = -1, maxY = -1
        for y in 0..<side {
            for x in 0..<side where crops.values[base + y * side + x] >= 0.5 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        return maxX < 0 ? (0, 0) : (maxX - minX + 1, maxY - minY + 1)
    }

    /// The mean crop of each class over `crops` (empty classes stay blank).
    static func meanImages(_ crops: LabeledCrops) -> [[Float]] {
        let size = LabeledCrops.cropSize
        var sums = [[Float]](repeating: [Float](repeating: 0, count: size), count: crops.classNames.count)
        let counts = crops.classCounts
        for index in 0..<crops.count {
            let label = crops.labels[index], base = index * size
            for i in 0..<size { sums[label][i] += crops.values[base + i] }
        }
        return zip(sums, counts).map { sum, count in sum.map { $0 / Float(max(count, 1)) } }
    }
}

extension Lab {
    func datasetStatistics() throws -> [String] {
        log("dataset: statistics of \(data.sources.count) sources")
        let statistics = DatasetStatistics(data: data)
        var files: [String] = []
        let counts = LabChart.bars(title: "Crops per class and source (all splits)", yLabel: "crops", categories: statistics.classNames,
                                   groups: statistics.sources.map { source in
                                       LabChart.Series(name: source.source, points: statistics.classNames.indices.map {
                                           (Double($0), Double(source.training[$0] + source.selection[$0] + source.heldOut[$0]))
                                       })
                                   })
        files.append(try write(counts, to: "dataset-class-counts.svg"))
        files.append(try write(try LabChart.montage(title: "Mean training crop per class", labels: statistics.classNames,
                                                   images: DatasetStatistics.meanImages(data.training), side: Glyph.cropSide),
                               to: "dataset-mean-images.svg"))
        let coverage = LabChart.lines(title: "Ink coverage of training crops", xLabel: "share of the crop that is ink",
                                      yLabel: "share of crops", series: statistics.sources.map { source in
                                          LabChart.Series(name: source.source, points: zip(statistics.coverageBins, source.inkCoverage).map {
                                              ($0 - DatasetStatistics.binWidth / 2, $1)
                                          })
                                      })
        files.append(try write(coverage, to: "dataset-ink-coverage.svg"))

        var markdown = "# Dataset statistics\n\n"
        markdown += "Every crop is \(statistics.cropSide)×\(statistics.cropSide) pixels (the loader scales each symbol into that square, "
            + "as the recognizer does); training crops are rendered as `mathscan train` renders them, the selection and held-out splits "
            + "with one middle pen width and no photos.\n\n"
        markdown += Markdown.table(["source", "training", "selection", "held-out writers"], statistics.sources.map {
            [$0.source, "\($0.training.reduce(0, +))", "\($0.selection.reduce(0, +))", "\($0.heldOut.reduce(0, +))"]
        })
        markdown += "\n## Image sizes of the sources\n\nPNG files per size before cropping (InkML is ink without pixels):\n\n"
        markdown += Markdown.table(["source", "PNG files", "distinct sizes", "most common sizes"], statistics.sources.map { source in
            [source.source, "\(source.imageSizes.reduce(0) { $0 + $1.files })", "\(source.imageSizes.count)",
             source.imageSizes.prefix(5).map { "\($0.size) (\($0.files))" }.joined(separator: ", ")]
        })
        markdown += "\n## Crops per class (training / selection / held-out)\n\n"
        markdown += Markdown.table(["class"] + statistics.sources.map(\.source), statistics.classNames.indices.map { c in
            [statistics.classNames[c]] + statistics.sources.map { "\($0.training[c]) / \($0.selection[c]) / \($0.heldOut[c])" }
        })
        markdown += "\n" + Markdown.image("dataset-class-counts.svg", "class counts per source")
        markdown += "\n## Mean image per class\n\n" + Markdown.image("dataset-mean-images.svg", "mean crop per class")
        markdown += "\n## Ink\n\n" + Markdown.image("dataset-ink-coverage.svg", "ink coverage histogram")
        markdown += "\n" + Markdown.table(["class", "mean ink box (w × h px)", "mean ink coverage"], statistics.classes.map {
            [$0.label, String(format: "%.1f × %.1f", $0.meanInkWidth, $0.meanInkHeight), Markdown.percent($0.meanInkCoverage)]
        })
        files += try writeResult(statistics, markdown: markdown, experiment: .dataset)
        return files
    }
}
