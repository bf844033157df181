import Foundation
import ImageDecoding
import Worksheets

/// One self-contained HTML page for a class: each student's sheet with its items boxed and
/// marked, a table of each sheet's items, and a table of problems with how many got each one
/// right. Pictures are embedded PNGs; maths is MathML, which browsers render without scripts.
public enum HTMLReport {
    public static func render(_ pages: [GradedPage], title: String, minimumConfidence: Double) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1.5em}
            td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}
            th{background:#eee}
            .right{color:#1a7f37}.wrong{color:#c62828}.uncertain{color:#b26a00}.blank{color:#666}.ungraded{color:#1565c0}
            .mark{font-weight:bold;font-size:1.2em}
            .sheet{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start;border-top:2px solid #ccc;padding-top:1em}
            svg{border:1px solid #ccc;max-width:100%;height:auto}
            </style></head><body>
            <h1>\(escape(title))</h1>
            <p>✓ right · ✗ wrong · ? uncertain (reading confidence below \(minimumConfidence), for you to check) · blank: no answer · · nothing to mark</p>

            """
        html += problemTable(pages)
        for page in pages {
            html += "<section class=\"sheet\"><div><h2>\(escape(page.file)) — page \(page.page)</h2>\n"
            if let error = page.error {
                html += "<p class=\"wrong\">Could not be read: \(escape(error))</p></div></section>\n"
                continue
            }
            html += itemTable(page)
            let printed = page.nonMath.filter { $0.kind == .printedText }.count
            if printed > 0 { html += "<p class=\"blank\">\(printed) region\(printed == 1 ? "" : "s") of printed text (headings, instructions) set aside, not graded.</p>\n" }
            html += "</div>\n"
            if let picture = picture(page) { html += "<div>\(picture)</div>\n" }
            html += "</section>\n"
        }
        return html + "</body></html>\n"
    }

    /// Per problem number: how many sheets got it right, wrong, uncertain, blank.
    static func problemTable(_ pages: [GradedPage]) -> String {
        var counts: [String: [ItemVerdict: Int]] = [:]
        for page in pages where page.error == nil {
            for row in page.rows { counts[row.item, default: [:]][row.verdict, default: 0] += 1 }
        }
        let numbers = counts.keys.sorted { a, b in
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a < b
            }
        }
        var html = "<h2>Problems</h2>\n<table><tr><th>item</th><th>right</th><th>wrong</th><th>uncertain</th><th>blank</th><th>sheets</th></tr>\n"
        for number in numbers {
            let c = counts[number] ?? [:]
            let total = c.values.reduce(0, +)
            html += "<tr><td>\(escape(number))</td><td class=\"right\">\(c[.right] ?? 0)</td><td class=\"wrong\">\(c[.wrong] ?? 0)</td>"
                + "<td class=\"uncertain\">\(c[.uncertain] ?? 0)</td><td class=\"blank\">\(c[.blank] ?? 0)</td><td>\(total)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    static func itemTable(_ page: GradedPage) -> String {
        var html = "<table><tr><th>item</th><th>written</th><th>value</th><th>expected</th><th>mark</th><th>confidence</th></tr>\n"
        for row in page.rows {
            let written = row.mathML ?? (row.written.isEmpty ? "—" : "<code>\(escape(row.written))</code>")
            let confidence = row.confidence.map { String(format: "%.3f", $0) } ?? ""
            html += "<tr><td>\(escape(row.item))</td><td>\(written)</td><td>\(escape(row.value ?? ""))</td><td>\(escape(row.expected ?? ""))</td>"
                + "<td class=\"mark \(row.verdict.rawValue)\">\(escape(row.verdict.mark))</td><td>\(confidence)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// The sheet as an SVG: the embedded picture with each item boxed and marked. The report
    /// shows it inline; the command also saves it beside the page's CSV. nil without a picture.
    public static func picture(_ page: GradedPage) -> String? {
        guard let thumbnail = page.thumbnail, page.pageWidth > 0, page.pageHeight > 0,
              let png = try? ImageEncoder.png(thumbnail) else { return nil }
        let (w, h) = (thumbnail.width, thumbnail.height)
        let sx = Double(w) / Double(page.pageWidth), sy = Double(h) / Double(page.pageHeight)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">"
        svg += "<image width=\"\(w)\" height=\"\(h)\" href=\"data:image/png;base64,\(Data(png).base64EncodedString())\"/>"
        // Printed text set aside: a dashed grey box, so the teacher sees it was not read as maths.
        for region in page.nonMath where region.kind == .printedText {
            let (x, y) = (Double(region.box.x) * sx - 3, Double(region.box.y) * sy - 3)
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888888\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                          x, y, Double(region.box.width) * sx + 6, Double(region.box.height) * sy + 6)
        }
        for row in page.rows {
            guard let box = row.box else { continue }
            let color = colors[row.verdict] ?? "#1565c0"
            let (x, y) = (Double(box.x) * sx - 3, Double(box.y) * sy - 3)
            let (bw, bh) = (Double(box.width) * sx + 6, Double(box.height) * sy + 6)
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"%@\" stroke-width=\"2\"/>", x, y, bw, bh, color)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" fill=\"%@\" font-size=\"16\" font-weight=\"bold\" font-family=\"sans-serif\">%@ %@</text>",
                          x, max(14, y - 2), color, escape(row.item), escape(row.verdict.mark))
        }
        return svg + "</svg>"
    }

    static let colors: [ItemVerdict: String] = [.right: "#1a7f37", .wrong: "#c62828", .uncertain: "#b26a00", .blank: "#666666", .ungraded: "#1565c0"]

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
