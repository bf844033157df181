import Foundation
@testable import MathGrammar

/// The repository's grammars/arithmetic.grammar, read relative to this file.
func arithmeticGrammar() throws -> Grammar {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("grammars/arithmetic.grammar")
    return try Grammar(source: String(contentsOf: url, encoding: .utf8), name: "arithmetic.grammar")
}

/// The folder of malformed grammar fixtures.
let grammarFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/grammars")

/// Classifier labels of a space-separated token line: numbers split into one label per
/// character, as the classifier sees them. `"12.5 \\times 2"` → `1 2 . 5 \times 2`.
func labels(_ tokens: String) -> [String] {
    tokens.split(separator: " ").flatMap { token -> [String] in
        let isNumber = token.first?.isNumber == true
        return isNumber ? token.map(String.init) : [String(token)]
    }
}

/// Whether every opening XML tag has its closing tag, in order.
func isBalancedXML(_ text: String) -> Bool {
    var stack: [String] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else { return false }
        let tag = rest[rest.index(after: open)..<close]
        let name = String(tag.split(separator: " ").first ?? "")
        if name.hasPrefix("/") {
            guard stack.popLast() == String(name.dropFirst()) else { return false }
        } else if !tag.hasSuffix("/") {
            stack.append(name)
        }
        rest = rest[rest.index(after: close)...]
    }
    return stack.isEmpty
}

/// Lays out handwritten-looking symbols left to right: digits 40 px tall standing on a
/// baseline at y = 100, operators centred on the middle of the line (y = 80).
struct LineSketch {
    enum Shape {
        case digit, operatorSign, bar, dot, midDot, raisedDot, speck, bracket
        /// A decimal comma: a short stroke half the digit height, hanging below the baseline.
        case comma
        /// Two bars of an `=` the segmenter did not join: adds two symbols.
        case splitEquals
        /// A `÷` in three pieces, dot, bar, dot: adds three symbols, each with `alternatives`.
        case splitDivision
    }

    private(set) var symbols: [PlacedSymbol] = []
    private var x = 10.0

    /// Adds a symbol whose classifier alternatives are `alternatives`, best first.
    mutating func add(_ shape: Shape, _ alternatives: [(String, Double)]) {
        let readings = alternatives.map { Alternative(latex: $0.0, probability: $0.1) }
        var right = x
        func place(_ width: Double, _ top: Double, _ height: Double, shift: Double = 0) {
            symbols.append(PlacedSymbol(x: x + shift, y: top, width: width, height: height, alternatives: readings))
            right = max(right, x + shift + width)
        }
        switch shape {
        case .digit: place(24, 60, 40)
        case .operatorSign: place(24, 69, 22)
        case .bar: place(24, 78, 4)
        case .dot: place(5, 95, 5)
        case .midDot: place(5, 77.5, 5)
        case .raisedDot: place(5, 50, 5)
        case .speck: place(1, 98, 1)
        case .bracket: place(12, 55, 50)
        case .comma: place(8, 94, 20)
        case .splitEquals:
            place(26, 72, 4)
            place(25, 84, 4, shift: 1) // hand-drawn bars never line up exactly
        case .splitDivision:
            place(5, 69, 5, shift: 10)
            place(24, 78, 4)
            place(5, 87, 5, shift: 9)
        }
        x = right + 10
    }

    /// Adds one symbol per token, each read for sure (probability 0.9) by the classifier.
    mutating func add(_ tokens: String) {
        for label in labels(tokens) {
            let shape: Shape
            switch label {
            case "(", ")": shape = .bracket
            case "-": shape = .bar
            case ".": shape = .dot
            case "=": shape = .splitEquals
            default: shape = label.first?.isNumber == true ? .digit : .operatorSign
            }
            add(shape, shape == .splitEquals ? [("-", 0.9)] : [(label, 0.9)])
        }
    }
}
