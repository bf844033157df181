/// One node of a 2-D layout tree; a row is an array of nodes read left to right.
public indirect enum LayoutNode: Sendable, Equatable {
    /// One symbol by its LaTeX label: `x`, `+`, `\alpha`.
    case symbol(String)
    /// A run of digits (with decimal points) on one row: `16`, `0.5`.
    case number(String)
    /// A base with a subscript, a superscript or both (nil when absent).
    case scripts(base: LayoutNode, subscript: [LayoutNode]?, superscript: [LayoutNode]?)
    case fraction(numerator: [LayoutNode], denominator: [LayoutNode])
    /// A root; `index` is written over its hook (`\sqrt [ 3 ] { x }`), nil for a square root.
    case root([LayoutNode], index: [LayoutNode]?)
    /// An operator with limits written below and above it: `\sum`, `\lim`.
    case limits(base: String, below: [LayoutNode]?, above: [LayoutNode]?)
}

/// The most probable tree of a set of placed symbols, with its LaTeX and MathML.
public struct LayoutReading: Sendable, Equatable {
    public var row: [LayoutNode]
    /// Tokens separated by single spaces, CROHME style: `x ^ { 2 } + 3 x = 10`, `\frac { 3 } { 4 }`.
    public var latex: String
    /// Presentation MathML, without the surrounding `<math>`.
    public var mathML: String
    /// Log of the tree's score: the chosen labels' probabilities times the relations' densities.
    public var logScore: Double
    /// Every symbol laid out, in input order, with the label the tree gives it.
    public var symbols: [LaidOutSymbol] = []
}

/// One input symbol of a 2-D reading: the label chosen for it and how probable the classifier
/// found that label, beside the others it considered.
public struct LaidOutSymbol: Sendable, Equatable {
    /// Its place in the symbols given to `LayoutParser.parse`.
    public var index: Int
    public var latex: String
    public var probability: Double
    public var others: [Alternative]
    /// The places of the other input symbols read with it as one: the letters after the first of
    /// a function name (`\sin` from `s`, `i`, `n`); empty for a symbol read alone.
    public var joined: [Int] = []
}

extension LayoutGrammar {
    /// LaTeX of a row: the `right` template folded over its nodes.
    public func latex(of row: [LayoutNode]) -> String {
        let parts = row.map(latex(of:))
        guard var text = parts.first else { return "" }
        let right = relations[.right]?.latex ?? Template("$base $script")
        for part in parts.dropFirst() { text = right.render(["base": text, "script": part]) }
        return text
    }

    public func latex(of node: LayoutNode) -> String {
        switch node {
        case .symbol(let label): return label
        case .number(let literal): return numberLaTeX.render(["literal": literal])
        case .scripts(let base, let sub, let sup):
            let baseText = latex(of: base)
            if let sub, let sup {
                return scriptsLaTeX.render(["base": baseText, "subscript": latex(of: sub), "superscript": latex(of: sup)])
            }
            let (relation, script) = sub.map { (Relation.subscript, $0) } ?? (.superscript, sup ?? [])
            return relations[relation]?.latex.render(["base": baseText, "script": latex(of: script)]) ?? baseText
        case .fraction(let numerator, let denominator):
            return fractionLaTeX.render(["numerator": latex(of: numerator), "denominator": latex(of: denominator)])
        case .root(let radicand, let index):
            if let index, let template = rootIndexLaTeX {
                return template.render(["radicand": latex(of: radicand), "index": latex(of: index)])
            }
            return rootLaTeX.render(["radicand": latex(of: radicand)])
        case .limits(let base, let below, let above):
            // LaTeX writes limits as scripts: \sum _ { i = 1 } ^ { n }.
            return latex(of: .scripts(base: .symbol(base), subscript: below, superscript: above))
        }
    }

    /// MathML of a row: its nodes joined by the `right` template, in an `<mrow>` when more than one.
    public func mathML(of row: [LayoutNode]) -> String {
        let parts = row.map(mathML(of:))
        guard var text = parts.first else { return "<mrow></mrow>" }
        let right = relations[.right]?.mathML ?? Template("$base$script")
        for part in parts.dropFirst() { text = right.render(["base": text, "script": part]) }
        return parts.count > 1 ? "<mrow>\(text)</mrow>" : text
    }

    public func mathML(of node: LayoutNode) -> String {
        switch node {
        case .symbol(let label):
            if let template = symbolMathML[label] { return template.render(["literal": label]) }
            return "<mo>\(Self.escaped(label))</mo>"
        case .number(let literal): return numberMathML.render(["literal": literal])
        case .scripts(let base, let sub, let sup):
            let baseText = mathML(of: base)
            if let sub, let sup {
                return scriptsMathML.render(["base": baseText, "subscript": mathML(of: sub), "superscript": mathML(of: sup)])
            }
            let (relation, script) = sub.map { (Relation.subscript, $0) } ?? (.superscript, sup ?? [])
            return relations[relation]?.mathML.render(["base": baseText, "script": mathML(of: script)]) ?? baseText
        case .fraction(let numerator, let denominator):
            return fractionMathML.render(["numerator": mathML(of: numerator), "denominator": mathML(of: denominator)])
        case .root(let radicand, let index):
            if let index, let template = rootIndexMathML {
                return template.render(["radicand": mathML(of: radicand), "index": mathML(of: index)])
            }
            return rootMathML.render(["radicand": mathML(of: radicand)])
        case .limits(let base, let below, let above):
            let baseText = mathML(of: .symbol(base))
            switch (below, above) {
            case let (below?, above?):
                return underOverMathML.render(["base": baseText, "below": mathML(of: below), "above": mathML(of: above)])
            case let (below?, nil): return underMathML.render(["base": baseText, "below": mathML(of: below)])
            case let (nil, above?): return overMathML.render(["base": baseText, "above": mathML(of: above)])
            case (nil, nil): return baseText
            }
        }
    }

    /// A label as MathML text: the markup characters escaped.
    static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
