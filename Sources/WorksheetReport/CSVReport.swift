/// The class's items as CSV (RFC 4180: comma-separated, fields with commas, quotes or line
/// breaks quoted), one row per item, with a header. Opens as a table in any spreadsheet.
public enum CSVReport {
    public static let header = ["student file", "page", "item", "written", "value", "expected", "verdict", "confidence"]

    public static func render(_ pages: [GradedPage]) -> String {
        var lines = [header.map(field).joined(separator: ",")]
        for page in pages {
            if let error = page.error {
                lines.append([page.file, "\(page.page)", "", "", "", "", "error: \(error)", ""].map(field).joined(separator: ","))
                continue
            }
            for row in page.rows {
                let confidence = row.confidence.map { String(format: "%.3f", $0) } ?? ""
                lines.append([page.file, "\(page.page)", row.item, row.written, row.value ?? "", row.expected ?? "",
                              row.verdict.rawValue, confidence].map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
