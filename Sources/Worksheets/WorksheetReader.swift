import Classification
import ImageDecoding
import MathGrammar
import Preprocessing
import Recognition
import Vocabulary

/// One problem of a worksheet page as read: where it is, its label, and what it says.
public struct WorksheetItem: Sendable, Equatable {
    /// The item's number: its label's digits (`3)` → `3`), or its place in reading order counted
    /// from 1 on the page, or — where a few labels are misread — its place in the order most
    /// labels follow (see `ItemLayout.numbered`).
    public var number: String
    /// The label as written (`3)`, `2.`), nil when the item has none.
    public var label: String?
    /// The item's box in the full-size image (label and expression).
    public var box: Box
    /// The expression and the student's answer: LaTeX, value, verdict, confidence.
    public var reading: LineResult
    /// Presentation MathML of the reading (`<math>…</math>`), nil when it does not parse.
    public var mathML: String?
    /// The value of the last side of an equation — what the student answered — or of the
    /// whole expression when there is no `=`; nil when the answer is missing or not a number.
    public var answer: Rational?
    /// Whether the expression ends in `=` with nothing after it.
    public var answerMissing: Bool
}

/// A part of a page that is not handwritten mathematics, set aside rather than read.
public struct NonMathRegion: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable {
        /// Typeset text: a heading, an instruction, a name line.
        case printedText = "printed text"
        /// A ruled line of a grid or a margin.
        case ruledLine = "ruled line"
    }

    public var kind: Kind
    /// In full-size pixels.
    public var box: Box

    public init(kind: Kind, box: Box) {
        self.kind = kind
        self.box = box
    }
}

/// A worksheet page read item by item.
public struct WorksheetPage: Sendable, Equatable {
    public var items: [WorksheetItem]
    /// Regions that are not handwritten mathematics: printed text, ruled lines.
    public var nonMath: [NonMathRegion]
    public var imageWidth: Int
    public var imageHeight: Int
}

/// Reads a page as separate problems: segment, classify every symbol once, split the symbols
/// into items by the page's layout (`ItemLayout`), and read each item as a line of its own.
public struct WorksheetReader: Sendable {
    public let recognizer: Recognizer
    public var layout: ItemLayout

    public init(recognizer: Recognizer, layout: ItemLayout = ItemLayout()) {
        self.recognizer = recognizer
        self.layout = layout
    }

    /// Reads a PNG or JPEG page from its bytes.
    public func read(imageBytes: [UInt8]) throws -> WorksheetPage {
        let budget = TimeBudget(recognizer.options.timeBudget)
        let (image, scale) = try recognizer.decode(imageBytes)
        try budget.check(.decoding)
        return try read(image, scale: scale, budget: budget)
    }

    /// Reads a decoded page; `scale` is its decode scale denominator (boxes are reported in
    /// the full-size image's pixels). The recognizer's time budget runs from the call.
    public func read(_ image: GrayImage, scale: Int = 1) throws -> WorksheetPage {
        try read(image, scale: scale, budget: TimeBudget(recognizer.options.timeBudget))
    }

    private func read(_ image: GrayImage, scale: Int, budget: TimeBudget) throws -> WorksheetPage {
        let segmentation = try Segmenter.segment(image) { try budget.check(.segmentation) }
        let glyphs = segmentation.glyphs
        let candidates = try recognizer.classifier.classify(glyphs.map(\.crop), topK: recognizer.options.candidatesPerSymbol) {
            try budget.check(.classification)
        }
        let labels = candidates.map { $0.first?.label ?? "" }
        let found = layout.layout(boxes: glyphs.map(\.box), labels: labels, skewDegrees: segmentation.skewDegrees)
        var items: [WorksheetItem] = []
        for item in found.items where !item.expression.isEmpty {
            let box = Box.union(item.expression.map { glyphs[$0].box })
            guard let (result, reading) = try recognizer.readLine(item.expression.map { glyphs[$0] },
                                                                  candidates: item.expression.map { candidates[$0] },
                                                                  box: box, scale: scale, strokeWidth: segmentation.strokeWidth,
                                                                  checkpoint: { try budget.check(.grammar) })
            else { continue }
            let label = item.label.isEmpty ? nil : item.label.map { labels[$0] }.joined()
            let tokens = result.latex.split(separator: " ")
            items.append(WorksheetItem(
                number: "\(item.number)", label: label, box: Self.scaled(item.box, by: scale), reading: result,
                mathML: reading.mathML, answer: Self.answer(of: reading.statement),
                answerMissing: tokens.last.map(String.init) == MathSymbol.equals))
        }
        let printed = found.printed.map { NonMathRegion(kind: .printedText, box: Self.scaled(Box.union($0.map { glyphs[$0].box }), by: scale)) }
        let rules = found.rules.map { NonMathRegion(kind: .ruledLine, box: Self.scaled(glyphs[$0].box, by: scale)) }
        return WorksheetPage(items: items, nonMath: printed + rules,
                             imageWidth: image.width * scale, imageHeight: image.height * scale)
    }

    /// What the student answered: the last side of an equation, or the expression itself.
    static func answer(of statement: Statement?) -> Rational? {
        guard let last = statement?.sides.last else { return nil }
        return try? last.value()
    }

    static func scaled(_ box: Box, by scale: Int) -> Box {
        Box(x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale)
    }
}
