import Foundation
import ImageDecoding
import Vocabulary

/// The lab's pictures as SVG: curves of several runs, a heat map of a grid, grouped bars and a
/// montage of images. Per-model pictures (learning curves, confusion matrices) are Training's
/// `LearningCurveChart` and `ConfusionMatrixChart`.
public enum LabChart {
    /// One named line of a chart.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]

        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// Lines over a shared x axis, with a legend. A logarithmic x axis suits wall time.
    public static func lines(title: String, xLabel: String, yLabel: String, series: [Series], logarithmicX: Bool = false) -> String {
        let width = 560.0, height = 320.0, left = 70.0, top = 50.0
        let all = series.flatMap(\.points)
        func xValue(_ x: Double) -> Double { logarithmicX ? log10(max(x, 1e-6)) : x }
        let xs = all.map { xValue($0.x) }, ys = all.map(\.y)
        let xLow = xs.min() ?? 0, xHigh = max(xs.max() ?? 1, xLow + 1e-9)
        // The data's own range (padded), so that curves near 1 are not squeezed against the top.
        let spread = max((ys.max() ?? 1) - (ys.min() ?? 0), 1e-6)
        let yLow = (ys.min() ?? 0) - 0.05 * spread, yHigh = (ys.max() ?? 1) + 0.05 * spread
        func px(_ x: Double) -> Double { left + (xValue(x) - xLow) / (xHigh - xLow) * width }
        func py(_ y: Double) -> Double { top + height - (y - yLow) / (yHigh - yLow) * height }
        var svg = header(width: Int(width + left + 190), height: Int(height + top + 60))
        svg += text(left + width / 2, 24, title, size: 15, anchor: "middle")
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#999\"/>\n"
        for step in 0...4 {
            let y = yLow + (yHigh - yLow) * Double(step) / 4
            svg += text(left - 6, py(y) + 4, format(y), anchor: "end")
            let x = xLow + (xHigh - xLow) * Double(step) / 4
            svg += text(left + (x - xLow) / (xHigh - xLow) * width, top + height + 16, format(logarithmicX ? pow(10, x) : x), anchor: "middle")
        }
        svg += text(left + width / 2, top + height + 38, xLabel + (logarithmicX ? " (log scale)" : ""), anchor: "middle")
        svg += "<text x=\"18\" y=\"\(top + height / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(top + height / 2))\">\(escape(yLabel))</text>\n"
        for (index, line) in series.enumerated() {
            let color = palette[index % palette.count]
            let points = line.points.map { "\(format(px($0.x))),\(format(py($0.y)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            if line.points.count <= 60 {
                for point in line.points {
                    svg += "<circle cx=\"\(format(px(point.x)))\" cy=\"\(format(py(point.y)))\" r=\"2.5\" fill=\"\(color)\"/>"
                }
                svg += "\n"
            }
            svg += "<rect x=\"\(left + width + 16)\" y=\"\(top + Double(index) * 18)\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += text(left + width + 34, top + Double(index) * 18 + 10, line.name)
        }
        return svg + "</svg>\n"
    }

    /// A grid of values in [0, 1] (nil: not run), shaded white → blue and labelled.
    public static func heatmap(title: String, rowTitle: String, columnTitle: String, rows: [String], columns: [String],
                               values: [[Double?]]) -> String {
        let cellWidth = 52.0, cellHeight = 28.0, left = 110.0, top = 70.0
        let width = Double(columns.count) * cellWidth, height = Double(rows.count) * cellHeight
        let known = values.flatMap { $0.compactMap { $0 } }
        let low = known.min() ?? 0, high = max(known.max() ?? 1, low + 1e-9)
        var svg = header(width: Int(left + width + 30), height: Int(top + height + 40))
        svg += text(left + width / 2, 22, title, size: 15, anchor: "middle")
        svg += text(left + width / 2, 44, columnTitle, anchor: "middle")
        svg += "<text x=\"16\" y=\"\(top + height / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(top + height / 2))\">\(escape(rowTitle))</text>\n"
        for (column, name) in columns.enumerated() {
            svg += text(left + (Double(column) + 0.5) * cellWidth, top - 8, name, anchor: "middle")
        }
        for (row, name) in rows.enumerated() {
            let y = top + Double(row) * cellHeight
            svg += text(left - 8, y + cellHeight / 2 + 4, name, anchor: "end")
            for column in columns.indices {
                let x = left + Double(column) * cellWidth
                guard row < values.count, column < values[row].count, let value = values[row][column] else {
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"#eee\" stroke=\"#ddd\"/>\n"
                    continue
                }
                // White → mid blue: light enough for black labels everywhere.
                let share = (value - low) / (high - low)
                let (r, g) = (Int((255 - 160 * share).rounded()), Int((255 - 110 * share).rounded()))
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"rgb(\(r),\(g),255)\" stroke=\"#ddd\"/>"
                svg += text(x + cellWidth / 2, y + cellHeight / 2 + 4, String(format: "%.3f", value), anchor: "middle")
            }
        }
        return svg + "</svg>\n"
    }

    /// Bars per category, one colour per group (e.g. classes × sources), with a legend.
    public static func bars(title: String, yLabel: String, categories: [String], groups: [Series]) -> String {
        let groupCount = max(groups.count, 1)
        let barWidth = max(4.0, min(18.0, 520.0 / Double(max(categories.count * groupCount, 1))))
        let slot = barWidth * Double(groupCount) + 8
        let left = 70.0, top = 50.0, height = 300.0, width = slot * Double(categories.count)
        let high = max(groups.flatMap { $0.points.map(\.y) }.max() ?? 1, 1e-9)
        var svg = header(width: Int(left + width + 190), height: Int(top + height + 60))
        svg += text(left + width / 2, 24, title, size: 15, anchor: "middle")
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#999\"/>\n"
        svg += text(left - 6, top + 4, format(high), anchor: "end") + text(left - 6, top + height, "0", anchor: "end")
        svg += "<text x=\"18\" y=\"\(top + height / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(top + height / 2))\">\(escape(yLabel))</text>\n"
        for (index, category) in categories.enumerated() {
            let x = left + Double(index) * slot + 4
            svg += text(x + slot / 2 - 4, top + height + 16, MathSymbol.display(category), anchor: "middle")
            for (groupIndex, group) in groups.enumerated() where index < group.points.count {
                let value = group.points[index].y
                let barHeight = value / high * height
                svg += "<rect x=\"\(format(x + Double(groupIndex) * barWidth))\" y=\"\(format(top + height - barHeight))\" width=\"\(format(barWidth))\" height=\"\(format(barHeight))\" fill=\"\(palette[groupIndex % palette.count])\"/>"
            }
            svg += "\n"
        }
        for (index, group) in groups.enumerated() {
            svg += "<rect x=\"\(left + width + 16)\" y=\"\(top + Double(index) * 18)\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
            svg += text(left + width + 34, top + Double(index) * 18 + 10, group.name)
        }
        return svg + "</svg>\n"
    }

    /// Square grey images (`side`² values, 0 paper … 1 ink) side by side as one PNG, each
    /// enlarged `scale` times, with a gap between them: ink is drawn dark.
    public static func montagePNG(_ images: [[Float]], side: Int, scale: Int = 3, perRow: Int = 9) throws -> [UInt8] {
        let tile = side * scale, gap = 6
        let columns = max(1, min(perRow, images.count)), rowCount = max(1, (images.count + columns - 1) / columns)
        var montage = GrayImage(width: columns * (tile + gap) + gap, height: rowCount * (tile + gap) + gap)
        for (index, image) in images.enumerated() where image.count == side * side {
            let originX = gap + (index % columns) * (tile + gap), originY = gap + (index / columns) * (tile + gap)
            for y in 0..<tile {
                for x in 0..<tile {
                    let ink = min(1, max(0, image[(y / scale) * side + x / scale]))
                    montage[originX + x, originY + y] = UInt8((255 * (1 - ink)).rounded())
                }
            }
        }
        return try ImageEncoder.png(montage)
    }

    /// The montage as an SVG with each image's label under it (the PNG embedded, so the
    /// picture is one file).
    public static func montage(title: String, labels: [String], images: [[Float]], side: Int) throws -> String {
        let scale = 3, perRow = 9, tile = side * scale, gap = 6
        let png = try montagePNG(images, side: side, scale: scale, perRow: perRow)
        let columns = max(1, min(perRow, images.count)), rowCount = max(1, (images.count + columns - 1) / columns)
        let width = columns * (tile + gap) + gap, height = rowCount * (tile + gap) + gap
        var svg = header(width: width, height: height + 34)
        svg += text(Double(width) / 2, 22, title, size: 15, anchor: "middle")
        svg += "<image x=\"0\" y=\"34\" width=\"\(width)\" height=\"\(height)\" href=\"data:image/png;base64,\(Data(png).base64EncodedString())\"/>\n"
        // Each label in the top-left corner of its image.
        for (index, label) in labels.enumerated() {
            let x = gap + (index % columns) * (tile + gap) + 3, y = 34 + gap + (index / columns) * (tile + gap) + 12
            svg += text(Double(x), Double(y), MathSymbol.display(label), size: 12, color: "#c00")
        }
        return svg + "</svg>\n"
    }

    static func header(width: Int, height: Int) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """
    }

    static func text(_ x: Double, _ y: Double, _ content: String, size: Int = 12, anchor: String = "start", color: String = "black") -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" fill=\"\(color)\">\(escape(content))</text>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func format(_ value: Double) -> String {
        if value != 0 && abs(value) < 0.01 { return String(format: "%.2g", value) }
        return String(format: abs(value) >= 100 ? "%.0f" : "%.3g", value)
    }
}
