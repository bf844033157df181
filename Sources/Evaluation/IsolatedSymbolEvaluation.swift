import Foundation
import Synchronization
import ImageDecoding
import InkInput
import Preprocessing
import Recognition

/// Issue #10's check that the pipeline keeps what the classifier sees: every symbol of InkML
/// files, rendered alone to an image, is classified from its crop (the classifier alone) and read
/// from the image's PNG bytes by `Recognizer.recognize(imageBytes:)` (segmentation, layout,
/// grammar); both are compared with the truth.
public struct IsolatedSymbolEvaluation: Sendable {
    /// One symbol: its true label, the classifier's top label, and the page's reading.
    public struct Outcome: Sendable {
        public var truth: String
        public var classified: String?
        public var recognized: String?
    }

    let recognizer: Recognizer

    public init(recognizer: Recognizer) { self.recognizer = recognizer }

    /// The symbols of `files` whose truth the classifier knows, in file order.
    public func run(files: [String]) -> [Outcome] {
        let labels = Set(recognizer.classifier.labels)
        let results = Mutex([[Outcome]](repeating: [], count: files.count))
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: files.count, by: workers) {
                // An unreadable or broken file contributes no symbols.
                let found = FileManager.default.contents(atPath: files[index])
                    .flatMap { try? outcomes(of: String(decoding: $0, as: UTF8.self), labels: labels) } ?? []
                results.withLock { $0[index] = found }
            }
        }
        return results.withLock { $0 }.flatMap { $0 }
    }

    private func outcomes(of inkML: String, labels: Set<String>) throws -> [Outcome] {
        let document = try InkDocument.parse(inkML)
        return document.symbols.compactMap { symbol in
            let truth = symbol.label.trimmingCharacters(in: .whitespaces)
            guard labels.contains(truth), !symbol.traceIDs.isEmpty else { return nil }
            // As `evaluate` renders symbols (pen width 3, at the whole expression's scale), with
            // paper around the ink as on a page.
            let image = InkRenderer.render(document, traceIDs: Set(symbol.traceIDs), options: InkRenderOptions(penWidth: 3)).image
            let plane = InkPlane(gray: image)
            guard let box = plane.inkBounds() else { return nil }
            let classified = recognizer.classifier.classify([GlyphNormalizer.crop(plane, box: box)], topK: 1).first?.first?.label
            let page = (try? ImageEncoder.png(image)).flatMap { try? recognizer.recognize(imageBytes: $0) }
            return Outcome(truth: truth, classified: classified, recognized: page?.latex)
        }
    }

    /// Both accuracies, per class, and the commonest disagreements of the whole pipeline.
    public static func text(_ outcomes: [Outcome]) -> String {
        func percent(_ part: Int, _ whole: Int) -> String { String(format: "%6.2f %%", 100 * Double(part) / Double(max(whole, 1))) }
        let alone = outcomes.filter { $0.classified == $0.truth }.count
        let through = outcomes.filter { $0.recognized == $0.truth }.count
        var lines = [
            "isolated symbols \(outcomes.count)",
            "classifier alone             \(percent(alone, outcomes.count))",
            "through recognize(imageBytes:) \(percent(through, outcomes.count))   "
                + String(format: "(%+.2f points)", 100 * Double(through - alone) / Double(max(outcomes.count, 1))),
            "",
            "class    support   alone  through",
        ]
        for label in Set(outcomes.map(\.truth)).sorted() {
            let ofClass = outcomes.filter { $0.truth == label }
            lines.append(label.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: " %7d", ofClass.count)
                + "  " + percent(ofClass.filter { $0.classified == label }.count, ofClass.count)
                + "  " + percent(ofClass.filter { $0.recognized == label }.count, ofClass.count))
        }
        // Where the pipeline differs from a right classifier: what it made of the symbol.
        var lost: [String: Int] = [:]
        for outcome in outcomes where outcome.classified == outcome.truth && outcome.recognized != outcome.truth {
            lost["\(outcome.truth) → \(outcome.recognized ?? "nothing")", default: 0] += 1
        }
        if !lost.isEmpty {
            lines += ["", "classified right, read otherwise (truth → page):"]
            for (what, count) in lost.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(15) {
                lines.append("  \(count)\t\(what)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
