import Foundation
import ImageDecoding
import Recognition
import Worksheets

/// One page of one student's file with every item marked: what the reports are made from.
public struct GradedPage: Sendable {
    public struct Row: Sendable, Equatable, Codable {
        public var item: String
        /// What the student wrote (LaTeX), empty for a key item missing from the page.
        public var written: String
        public var mathML: String?
        public var value: String?
        public var expected: String?
        public var verdict: ItemVerdict
        public var confidence: Double?
        /// Full-size pixels; nil for a key item missing from the page.
        public var box: Box?
    }

    /// The file as the user named it.
    public var file: String
    /// 1-based page number within the file (a PDF page or TIFF frame; 1 for an image).
    public var page: Int
    public var rows: [Row]
    /// A small copy of the page for the report's picture; nil when the file could not be read.
    public var thumbnail: GrayImage?
    /// Printed text and ruled lines set aside, not graded (full-size pixels).
    public var nonMath: [NonMathRegion]
    /// The full page's size, to place the boxes on the thumbnail.
    public var pageWidth: Int
    public var pageHeight: Int
    /// Why the page could not be read.
    public var error: String?

    public init(file: String, page: Int, rows: [Row], nonMath: [NonMathRegion] = [], thumbnail: GrayImage?,
                pageWidth: Int, pageHeight: Int, error: String? = nil) {
        self.file = file
        self.page = page
        self.rows = rows
        self.nonMath = nonMath
        self.thumbnail = thumbnail
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.error = error
    }

    /// Marks every item of a read page with `grader`, and adds the key's items not found.
    public init(file: String, page: Int, reading: WorksheetPage, grader: Grader, thumbnail: GrayImage?) {
        var rows = reading.items.map { item -> Row in
            let (verdict, expected) = grader.grade(item)
            // Without a key, an equation's expected answer is what its left side comes to.
            let shownExpected = expected ?? (item.reading.verdict != nil ? item.reading.value : nil)
            return Row(item: item.number, written: item.reading.latex, mathML: item.mathML, value: item.reading.value,
                       expected: shownExpected, verdict: verdict, confidence: item.reading.confidence, box: item.box)
        }
        for number in grader.missing(from: reading) {
            rows.append(Row(item: number, written: "", mathML: nil, value: nil,
                            expected: grader.key?.expected(number)?.text, verdict: .blank, confidence: nil, box: nil))
        }
        self.init(file: file, page: page, rows: rows, nonMath: reading.nonMath, thumbnail: thumbnail,
                  pageWidth: reading.imageWidth, pageHeight: reading.imageHeight)
    }

    /// A copy at most `maxSide` pixels on its longer side (box-filter reduction), for pictures.
    public static func thumbnail(_ image: GrayImage, maxSide: Int = 900) -> GrayImage {
        let factor = max(1, (max(image.width, image.height) + maxSide - 1) / maxSide)
        guard factor > 1 else { return image }
        let width = image.width / factor, height = image.height / factor
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0
                for dy in 0..<factor {
                    let row = (y * factor + dy) * image.width + x * factor
                    for dx in 0..<factor { sum += Int(image.pixels[row + dx]) }
                }
                pixels[y * width + x] = UInt8(sum / (factor * factor))
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}

/// Saved as JSON, so that a batch that was stopped resumes without reading a page twice; the
/// thumbnail is kept as PNG bytes.
extension GradedPage: Codable {
    enum CodingKeys: String, CodingKey {
        case file, page, rows, nonMath, thumbnailPNG, pageWidth, pageHeight, error
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let png = try container.decodeIfPresent(Data.self, forKey: .thumbnailPNG)
        self.init(file: try container.decode(String.self, forKey: .file),
                  page: try container.decode(Int.self, forKey: .page),
                  rows: try container.decode([Row].self, forKey: .rows),
                  nonMath: try container.decode([NonMathRegion].self, forKey: .nonMath),
                  thumbnail: try png.map { try ImageDecoder.decode(Array($0)) },
                  pageWidth: try container.decode(Int.self, forKey: .pageWidth),
                  pageHeight: try container.decode(Int.self, forKey: .pageHeight),
                  error: try container.decodeIfPresent(String.self, forKey: .error))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(page, forKey: .page)
        try container.encode(rows, forKey: .rows)
        try container.encode(nonMath, forKey: .nonMath)
        try container.encodeIfPresent(try thumbnail.map { Data(try ImageEncoder.png($0)) }, forKey: .thumbnailPNG)
        try container.encode(pageWidth, forKey: .pageWidth)
        try container.encode(pageHeight, forKey: .pageHeight)
        try container.encodeIfPresent(error, forKey: .error)
    }
}
