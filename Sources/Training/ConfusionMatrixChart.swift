import Classification
import Foundation
import Vocabulary

/// The confusion matrix as an SVG heat map: rows are true classes, columns predictions,
/// each cell shaded by the share of its row and labelled with its count.
public enum ConfusionMatrixChart {
    public static func svg(_ report: ClassificationReport) -> String {
        let k = report.labels.count, cell = 34.0, margin = 70.0
        let side = Double(k) * cell
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(side + 2 * margin))" height="\(Int(side + 2 * margin))" font-family="sans-serif" font-size="11">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(margin + side / 2)" y="20" text-anchor="middle" font-size="14">predicted</text>
        <text x="16" y="\(margin + side / 2)" text-anchor="middle" font-size="14" transform="rotate(-90 16 \(margin + side / 2))">true</text>

        """
        for (index, label) in report.labels.enumerated() {
            let name = escape(label)
            let center = margin + (Double(index) + 0.5) * cell
            svg += "<text x=\"\(center)\" y=\"\(margin - 8)\" text-anchor=\"middle\">\(name)</text>\n"
            svg += "<text x=\"\(margin - 8)\" y=\"\(center + 4)\" text-anchor=\"end\">\(name)</text>\n"
        }
        for (row, counts) in report.confusion.enumerated() {
            let total = max(counts.reduce(0, +), 1)
            for (column, count) in counts.enumerated() {
                let share = Double(count) / Double(total)
                // White → blue for the diagonal, white → red for errors.
                let fade = Int((255 * (1 - share)).rounded())
                let color = row == column ? "rgb(\(fade),\(fade),255)" : "rgb(255,\(fade),\(fade))"
                let x = margin + Double(column) * cell, y = margin + Double(row) * cell
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(color)\" stroke=\"#ddd\"/>"
                if count > 0 {
                    let ink = share > 0.6 ? "white" : "black"
                    svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" fill=\"\(ink)\">\(count)</text>"
                }
                svg += "\n"
            }
        }
        svg += "<text x=\"\(margin)\" y=\"\(margin + side + 24)\">accuracy \(String(format: "%.2f", report.accuracy * 100)) %, top-3 \(String(format: "%.2f", report.top3Accuracy * 100)) %, \(report.count) crops</text>\n"
        return svg + "</svg>\n"
    }

    private static func escape(_ text: String) -> String {
        MathSymbol.display(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
