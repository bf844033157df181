import ImageDecoding
import InkInput
import Preprocessing
import Recognition

/// Counts matches and sorts misses by the first stage that went wrong, comparing the true
/// symbol boxes of the rendering with the symbols that were read.
public struct MissTally {
    public enum Category: String, CaseIterable, Sendable {
        case lines = "lines", segmentation = "segmentation", classification = "classification", assembly = "assembly"
    }

    public struct Miss {
        public var category: Category
        public var detail: String
        /// For classification misses, "truth→read" per wrong symbol; for segmentation misses,
        /// the true labels whose box was not found.
        public var keys: [String]
    }

    public private(set) var considered = 0
    public private(set) var matched = 0
    private var categories: [Category: Int] = [:]
    private var confusions: [String: Int] = [:]
    private var lostSymbols: [String: Int] = [:]

    public init() {}

    public mutating func count(_ miss: Miss?) {
        considered += 1
        guard let miss else { matched += 1; return }
        categories[miss.category, default: 0] += 1
        for key in miss.keys {
            if miss.category == .classification { confusions[key, default: 0] += 1 } else { lostSymbols[key, default: 0] += 1 }
        }
    }

    /// The misses by stage and the commonest wrong and lost symbols, a line each; none without misses.
    public var summary: [String] {
        guard considered > matched else { return [] }
        var lines = ["misses: " + Category.allCases.map { "\($0.rawValue) \(categories[$0] ?? 0)" }.joined(separator: ", ")]
        let top = { (counts: [String: Int]) in
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(12)
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if !confusions.isEmpty { lines.append("wrong symbols (truth→read): " + top(confusions)) }
        if !lostSymbols.isEmpty { lines.append("true symbols merged, lost or split: " + top(lostSymbols)) }
        return lines
    }

    /// Why a reading differs from the truth: more or fewer than one line, true symbols without
    /// a matching box (merged, split or lost), wrong labels on the right boxes, or right labels
    /// that the grammar still assembled differently.
    public static func diagnose(_ rendering: InkRendering, page: PageReading?) -> Miss {
        guard let page, page.lines.count == 1 else {
            return Miss(category: .lines, detail: "\(page?.lines.count ?? 0) lines found", keys: [])
        }
        let truth = rendering.symbols.sorted { $0.box.x < $1.box.x }
        let read = page.lines[0].symbols
        let boxes = truth.map { Box(x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height) }
        let matching = BoxMatcher.match(truth: boxes, found: read.map(\.box), minimumOverlap: 0.3)
        guard matching.isExact else {
            // A true symbol is merged or lost when its box found no match, split when extra
            // pieces lie on it.
            let lost = matching.unmatchedTruth.map { truth[$0].symbol.label }
            let split = matching.unmatchedFound.compactMap { found -> String? in
                let overlaps = truth.indices.map { intersection(boxes[$0], read[found].box) }
                guard let best = overlaps.indices.max(by: { overlaps[$0] < overlaps[$1] }), overlaps[best] > 0 else { return nil }
                return truth[best].symbol.label
            }
            var detail = "\(truth.count) symbols, \(read.count) found"
            if !lost.isEmpty { detail += ", merged or lost: " + lost.joined(separator: " ") }
            if !split.isEmpty { detail += ", split: " + split.joined(separator: " ") }
            return Miss(category: .segmentation, detail: detail, keys: lost + split)
        }
        let wrong = matching.pairs.compactMap { pair -> String? in
            let (expected, found) = (truth[pair.truth].symbol.label, read[pair.found].latex)
            return expected == found ? nil : "\(expected)→\(found)"
        }
        guard wrong.isEmpty else { return Miss(category: .classification, detail: wrong.joined(separator: " "), keys: wrong) }
        return Miss(category: .assembly, detail: page.lines[0].problem ?? page.lines[0].note ?? "symbols right, LaTeX differs", keys: [])
    }

    private static func intersection(_ a: Box, _ b: Box) -> Int {
        max(0, min(a.maxX, b.maxX) - max(a.x, b.x)) * max(0, min(a.maxY, b.maxY) - max(a.y, b.y))
    }
}
