import Classification
import Foundation

/// Seed 000's figure 5 as SVG: loss (left) and accuracy (right) per epoch, training vs validation.
public enum LearningCurveChart {
    public static func svg(_ history: [EpochRecord]) -> String {
        let panelWidth = 420.0, panelHeight = 300.0, margin = 50.0
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(2 * panelWidth + 3 * margin))" height="\(Int(panelHeight + 2 * margin))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """
        let epochs = history.map { Double($0.epoch) }
        let panels: [(String, [Double], [Double?])] = [
            ("Loss", history.map { Double($0.trainingLoss) }, history.map { $0.validationLoss.map(Double.init) }),
            ("Accuracy", history.map { Double($0.trainingAccuracy) }, history.map { $0.validationAccuracy.map(Double.init) }),
        ]
        for (index, (title, train, valid)) in panels.enumerated() {
            let left = margin + Double(index) * (panelWidth + margin), top = margin
            let all = train + valid.compactMap { $0 }
            let low = min(all.min() ?? 0, title == "Loss" ? 0 : 1), high = max(all.max() ?? 1, low + 1e-6)
            let maxEpoch = max(epochs.max() ?? 1, 2)
            func x(_ epoch: Double) -> Double { left + (epoch - 1) / (maxEpoch - 1) * panelWidth }
            func y(_ value: Double) -> Double { top + panelHeight - (value - low) / (high - low) * panelHeight }
            svg += """
            <rect x="\(left)" y="\(top)" width="\(panelWidth)" height="\(panelHeight)" fill="none" stroke="#999"/>
            <text x="\(left + panelWidth / 2)" y="\(top - 18)" text-anchor="middle" font-size="14">\(title)</text>
            <text x="\(left + panelWidth / 2)" y="\(top + panelHeight + 36)" text-anchor="middle">epoch</text>
            <text x="\(left - 6)" y="\(top + 4)" text-anchor="end">\(format(high))</text>
            <text x="\(left - 6)" y="\(top + panelHeight)" text-anchor="end">\(format(low))</text>

            """
            for epoch in Set(epochs).sorted() {
                svg += "<text x=\"\(x(epoch))\" y=\"\(top + panelHeight + 16)\" text-anchor=\"middle\">\(Int(epoch))</text>\n"
            }
            svg += polyline(zip(epochs, train).map { (x($0), y($1)) }, color: "#1f77b4")
            svg += polyline(zip(epochs, valid).compactMap { e, v in v.map { (x(e), y($0)) } }, color: "#ff7f0e")
            svg += """
            <text x="\(left + 10)" y="\(top + 18)" fill="#1f77b4">training</text>
            <text x="\(left + 10)" y="\(top + 34)" fill="#ff7f0e">validation</text>

            """
        }
        return svg + "</svg>\n"
    }

    private static func polyline(_ points: [(Double, Double)], color: String) -> String {
        guard !points.isEmpty else { return "" }
        let list = points.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " ")
        let dots = points.map { "<circle cx=\"\(format($0.0))\" cy=\"\(format($0.1))\" r=\"3\" fill=\"\(color)\"/>" }.joined()
        return "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\(dots)\n"
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
