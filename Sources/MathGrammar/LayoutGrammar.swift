import Foundation

/// The 2-D layout rules (`grammars/layout.grammar`): how symbols placed on a page form a tree —
/// rows, superscripts, subscripts, fractions, roots — with each rule's LaTeX and MathML and the
/// measured geometry that scores them. Read from the file's text; the library does no file I/O.
public struct LayoutGrammar: Sendable {
    /// How a symbol sits against its base: right of it on the same line, or as a script.
    public enum Relation: String, Sendable, CaseIterable {
        case right, superscript, `subscript`
    }

    /// The geometry and templates of one relation (see the grammar file for the meaning).
    public struct RelationRule: Sendable, Equatable {
        /// Mean and deviation of the vertical offset of the symbol's line middle from its base's, in base line heights.
        public var offset: Double
        public var spread: Double
        /// Mean and deviation of log(line height / base line height).
        public var ratio: Double
        public var ratioSpread: Double
        /// The relation's share among all relations (0 < prior ≤ 1).
        public var prior: Double
        /// Placeholders `$base`, `$script`.
        public var latex: Template
        public var mathML: Template
    }

    /// Where a symbol's box lies on its line, in line heights: a digit spans 0...1.
    public struct Band: Sendable, Equatable {
        public var top: Double
        public var bottom: Double
        /// A band thinner than this (a `-`, `=`, `.`) tells where the line's middle is, not its height.
        public static let flatLimit = 0.3
        public var isFlat: Bool { bottom - top < Band.flatLimit }
        public var middle: Double { (top + bottom) / 2 }
        /// The band of a symbol the grammar does not list: the whole line.
        public static let full = Band(top: 0, bottom: 1)
    }

    public let name: String
    public private(set) var digits: Set<String> = []
    public private(set) var point: String?
    public private(set) var numberLaTeX = Template("$literal")
    public private(set) var numberMathML = Template("<mn>$literal</mn>")
    public private(set) var relations: [Relation: RelationRule] = [:]
    /// `$base`, `$subscript`, `$superscript`.
    public private(set) var scriptsLaTeX = Template("")
    public private(set) var scriptsMathML = Template("")
    public private(set) var fractionBar = ""
    /// `$numerator`, `$denominator`.
    public private(set) var fractionLaTeX = Template("")
    public private(set) var fractionMathML = Template("")
    public private(set) var rootSymbol = ""
    /// `$radicand`.
    public private(set) var rootLaTeX = Template("")
    public private(set) var rootMathML = Template("")
    /// A root with an index (`$radicand`, `$index`); nil when the grammar reads no indices.
    public private(set) var rootIndexLaTeX: Template?
    public private(set) var rootIndexMathML: Template?
    /// Operators whose limits are written below and above them (`\sum`, `\lim`).
    public private(set) var limitSymbols: Set<String> = []
    /// `$base`, `$below`, `$above`: MathML of limits below, above, and both.
    public private(set) var underMathML = Template("")
    public private(set) var overMathML = Template("")
    public private(set) var underOverMathML = Template("")
    public private(set) var bands: [String: Band] = [:]
    /// Symbols that never carry a superscript or a subscript (`+`, `=`, `(`; digits no subscript),
    /// and symbols that never start a script (`=`, `)`).
    public private(set) var neverBase: [Relation: Set<String>] = [:]
    public private(set) var neverScriptStart: Set<String> = []
    /// The share of all symbols written inside a script row, and of some symbols (`=`: far fewer).
    public private(set) var scriptShare: Double?
    public private(set) var scriptShares: [String: Double] = [:]
    /// How often all symbols, and some symbols, carry a superscript or a subscript (`e` often a superscript).
    public private(set) var baseShare: [Relation: Double] = [:]
    public private(set) var baseShares: [String: [Relation: Double]] = [:]
    /// MathML of single symbols, `$literal`; others are `<mo>`.
    public private(set) var symbolMathML: [String: Template] = [:]
    /// How often each symbol is written, as a share of all symbols; empty when not stated.
    public private(set) var frequencies: [String: Double] = [:]

    /// Classes of symbols for what follows a symbol (`class` rules; digits are the number rule's):
    /// symbol → class name.
    public private(set) var classes: [String: String] = [:]
    /// The class of digits, and of symbols in no class.
    public static let digitClass = "digit", otherClass = "other"

    /// How often each class follows any symbol, and some symbols, on their row: an `x` is seldom
    /// followed by a digit (`2 x 3` is `2 \times 3`), a `\times` half the time; a `1` seldom by a
    /// letter, a `|` often. Class → share; `other` takes the share the stated classes leave.
    public private(set) var followShare: [String: Double]?
    public private(set) var followShares: [String: [String: Double]] = [:]

    func symbolClass(of symbol: String) -> String {
        digits.contains(symbol) ? Self.digitClass : classes[symbol] ?? Self.otherClass
    }

    /// Log of how much likelier (or less likely) `next` is to follow `symbol` on a row than to
    /// follow symbols in general, as far as the grammar says: by `next`'s class.
    func followFactor(of symbol: String, next: String) -> Double {
        guard let all = followShare, let shares = followShares[symbol] else { return 0 }
        let kind = symbolClass(of: next)
        func share(_ stated: [String: Double]) -> Double {
            kind == Self.otherClass ? 1 - stated.values.reduce(0, +) : stated[kind] ?? 0
        }
        let (specific, general) = (share(shares), share(all))
        // A class one of the two lines does not state says nothing.
        guard specific > 0, general > 0 else { return 0 }
        return log(specific / general)
    }

    /// How often a symbol in a script row is the row's last, for all symbols and some: a `+`,
    /// `-` or `=` hardly ever (`x ^ { 2 } - 1` is not `x ^ { 2 - } 1`), a digit mostly.
    public private(set) var closeShare: Double?
    public private(set) var closeShares: [String: Double] = [:]

    /// Log of how much likelier (or less likely) a script row is to end (`closes`) or go on after
    /// `symbol` than after symbols in general, as far as the grammar says.
    func closeFactor(of symbol: String, closes: Bool) -> Double {
        guard let all = closeShare, let share = closeShares[symbol] else { return 0 }
        return closes ? log(share / all) : log((1 - share) / (1 - all))
    }

    /// Symbols written in pairs (`|`, as in `| x |`): the share of expressions holding one that
    /// hold an odd number.
    public private(set) var oddShares: [String: Double] = [:]

    /// Log of how likely the labels of a row are in their pairs: a row with an odd number of a
    /// paired symbol is as unlikely as the grammar says.
    func pairFactor(of labels: [String?]) -> Double {
        oddShares.reduce(0) { total, paired in
            let count = labels.filter { $0 == paired.key }.count
            guard count > 0 else { return total }
            return total + (count % 2 == 1 ? log(paired.value) : log(1 - paired.value))
        }
    }

    /// Function names written letter by letter (`\sin`: `s i n`), which a segmenter of connected
    /// ink finds as separate marks: name → letters.
    public private(set) var functionNames: [String: [String]] = [:]

    /// How tall a symbol is written against its expression: the log of its box height over the
    /// expression's reference size (`relativeHeights`), a Gaussian of mean and deviation.
    public struct Size: Sendable, Equatable {
        public var mean: Double
        public var spread: Double
        /// The log density of `relativeHeight`.
        func logLikelihood(of relativeHeight: Double) -> Double {
            let z = (relativeHeight - mean) / spread
            return -0.5 * z * z - log(spread)
        }
    }
    /// Each symbol's size, and all symbols' (for a symbol without its own); empty, nil when not stated.
    public private(set) var sizes: [String: Size] = [:]
    public private(set) var size: Size?
    /// The exponent of the size likelihood in a candidate's weight (0: sizes are not used).
    public private(set) var sizeWeight = 0.0
    /// Expressions of fewer symbols say nothing of how tall a symbol is against the others.
    public static let sizeMinimumSymbols = 3

    /// log(height / reference) of each box (width, height), the reference being the median of
    /// the boxes' larger sides (a bar's length, a digit's height: whatever the symbols, a robust
    /// measure of the writing's size); nil for all when there are fewer than `sizeMinimumSymbols`.
    /// `scripts/measure-layout.py` measures the `size` rules the same way.
    public static func relativeHeights(of boxes: [(width: Double, height: Double)]) -> [Double?] {
        let sides = boxes.map { max($0.width, $0.height) }.sorted()
        guard boxes.count >= sizeMinimumSymbols else { return boxes.map { _ in nil } }
        let reference = sides.count % 2 == 1 ? sides[sides.count / 2] : (sides[sides.count / 2 - 1] + sides[sides.count / 2]) / 2
        return boxes.map { $0.height > 0 && reference > 0 ? log($0.height / reference) : nil }
    }

    /// A classifier's candidates weighed by what the expression says of them, renormalised, most
    /// probable first. By how often their symbols are written: a classifier trained on balanced
    /// classes (`mathscan train`) says how a mark looks, not how common its symbol is, so a `|`
    /// that looks as much like a `1` is, in writing, nine times less likely (a symbol without a
    /// stated frequency takes the rarest one). And, given the mark's `relativeHeight`
    /// (`relativeHeights`), by the likelihood of that height for each symbol raised to
    /// `sizeWeight`: a crop scaled to 32 × 32 has lost its size, but an `x` is shorter than an
    /// `X` beside the same digits. Unchanged without frequencies and sizes.
    public func weighed(_ alternatives: [Alternative], relativeHeight: Double? = nil) -> [Alternative] {
        let rarest = frequencies.values.min()
        let logWeights = alternatives.map { alternative -> Double in
            var weight = log(alternative.probability)
            if let rarest { weight += log(frequencies[alternative.latex] ?? rarest) }
            if let relativeHeight, sizeWeight > 0, let size = sizes[alternative.latex] ?? size {
                weight += sizeWeight * size.logLikelihood(of: relativeHeight)
            }
            return weight
        }
        // In logs, scaled by the largest, so that a height far from every size does not underflow.
        guard let largest = logWeights.max(), largest.isFinite else { return alternatives }
        let weights = logWeights.map { exp($0 - largest) }
        let total = weights.reduce(0, +)
        return zip(alternatives, weights).map { Alternative(latex: $0.latex, probability: $1 / total) }
            .sorted { $0.probability > $1.probability }
    }

    public func band(of symbol: String) -> Band { bands[symbol] ?? .full }

    /// Log of how much likelier (or less likely) `symbol` is to carry a script of `relation` than symbols in general.
    func baseFactor(of symbol: String, relation: Relation) -> Double {
        guard let all = baseShare[relation], let share = baseShares[symbol]?[relation] else { return 0 }
        return log(share / all)
    }

    /// Log of how much likelier (or less likely) `symbol` is inside a script row than symbols
    /// in general; `inScript` false gives the factor for a symbol on a main row.
    func scriptFactor(of symbol: String, inScript: Bool) -> Double {
        guard let all = scriptShare, let share = scriptShares[symbol] else { return 0 }
        return inScript ? log(share / all) : log((1 - share) / (1 - all))
    }
    public func relation(_ relation: Relation) -> RelationRule? { relations[relation] }

    /// Parses a layout grammar; throws `GrammarError` naming the file, the line and the reason.
    public init(source: String, name: String) throws {
        self.name = name
        var lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        var seen: [String: Int] = [:]  // single-rule kinds → their line
        var bandLines: [String: Int] = [:]
        var symbolLines: [String: Int] = [:]
        var classLines: [String: Int] = [:]  // class name → its first line
        for (offset, text) in lines.enumerated() {
            let number = offset + 1
            let fail = { (reason: String) in GrammarError.invalidRule(file: name, line: number, reason: reason) }
            guard let rule = try RuleLine.parse(text, fail: fail) else { continue }
            let allowed: [String: Set<String>] = [
                "number": ["digits", "point", "latex", "mathml"],
                "symbol": ["mathml"],
                "band": ["top", "bottom"],
                "nobase": ["relation"],
                "nostart": [],
                "inscript": ["share"],
                "frequency": ["share"],
                "size": ["mean", "spread", "weight"],
                "function": ["letters"],
                "followed": [],  // class names, checked below
                "class": [],
                "closes": ["share"],
                "paired": ["odd"],
                "scripted": ["superscript", "subscript"],
                "relation": ["offset", "spread", "ratio", "ratio-spread", "prior", "latex", "mathml"],
                "scripts": ["latex", "mathml"],
                "fraction": ["latex", "mathml"],
                "root": ["latex", "mathml", "indexed-latex", "indexed-mathml"],
                "limits": ["under", "over", "underover"],
            ]
            guard let names = allowed[rule.kind] else {
                throw fail("unknown rule kind '\(rule.kind)'; expected one of \(allowed.keys.sorted().joined(separator: ", "))")
            }
            for attribute in rule.attributes.keys.sorted() where !names.contains(attribute) && rule.kind != "followed" {
                throw fail("unknown attribute '\(attribute)' for \(rule.kind); allowed: \(names.sorted().joined(separator: ", "))")
            }
            // One rule of each of these kinds; relations one per relation name.
            let key = rule.kind == "relation" ? "relation " + (rule.symbols.first ?? "") : rule.kind
            if ["number", "scripts", "fraction", "root", "limits"].contains(rule.kind) || rule.kind == "relation" {
                if let first = seen[key] { throw fail("a second \(key) rule; the first is on line \(first)") }
                seen[key] = number
            }
            switch rule.kind {
            case "number":
                guard rule.symbols.isEmpty else { throw fail("a number rule takes no symbol (use digits= and point=)") }
                let list = try Self.required("digits", of: rule, fail: fail).split(separator: " ").map(String.init)
                guard !list.isEmpty else { throw fail("digits= lists no digit symbols") }
                digits = Set(list)
                point = rule.attributes["point"]
                if point?.isEmpty == true { throw fail("point= is empty; give the decimal point symbol or leave point= out") }
                numberLaTeX = try Self.template("latex", of: rule, placeholders: ["literal"], fail: fail)
                numberMathML = try Self.template("mathml", of: rule, placeholders: ["literal"], fail: fail)
            case "symbol":
                guard !rule.symbols.isEmpty else { throw fail("a symbol rule lists the symbols it writes") }
                let template = try Self.template("mathml", of: rule, placeholders: ["literal"], optional: ["literal"], fail: fail)
                for symbol in rule.symbols {
                    if let first = symbolLines[symbol] { throw GrammarError.duplicateSymbol(file: name, line: number, symbol: symbol, firstLine: first) }
                    symbolLines[symbol] = number
                    symbolMathML[symbol] = template
                }
            case "nobase", "nostart":
                guard !rule.symbols.isEmpty else { throw fail("a \(rule.kind) rule lists its symbols") }
                if rule.kind == "nobase" {
                    var scripts: [Relation] = [.superscript, .subscript]
                    if let name = rule.attributes["relation"] {
                        guard let relation = Relation(rawValue: name), relation != .right else {
                            throw fail("relation= must be superscript or subscript, found '\(name)'")
                        }
                        scripts = [relation]
                    }
                    for relation in scripts { neverBase[relation, default: []].formUnion(rule.symbols) }
                } else {
                    neverScriptStart.formUnion(rule.symbols)
                }
            case "limits":
                guard !rule.symbols.isEmpty else { throw fail("a limits rule lists the operators whose limits go below and above") }
                limitSymbols = Set(rule.symbols)
                underMathML = try Self.template("under", of: rule, placeholders: ["base", "below"], fail: fail)
                overMathML = try Self.template("over", of: rule, placeholders: ["base", "above"], fail: fail)
                underOverMathML = try Self.template("underover", of: rule, placeholders: ["base", "below", "above"], fail: fail)
            case "scripted":
                var shares: [Relation: Double] = [:]
                for relation in [Relation.superscript, .subscript] {
                    shares[relation] = try Self.share(relation.rawValue, of: rule, fail: fail)
                }
                if rule.symbols.isEmpty {
                    if !baseShare.isEmpty { throw fail("a second scripted rule for all symbols") }
                    baseShare = shares
                }
                for symbol in rule.symbols { baseShares[symbol] = shares }
            case "frequency":
                guard rule.symbols.count == 1, let symbol = rule.symbols.first else { throw fail("a frequency rule names one symbol") }
                let share = try Self.share("share", of: rule, fail: fail)
                guard frequencies[symbol] == nil else { throw fail("a second frequency rule for \(symbol)") }
                frequencies[symbol] = share
            case "paired":
                guard !rule.symbols.isEmpty else { throw fail("a paired rule lists its symbols") }
                let share = try Self.share("odd", of: rule, fail: fail)
                for symbol in rule.symbols { oddShares[symbol] = share }
            case "class":
                guard rule.symbols.count >= 2, let kind = rule.symbols.first else { throw fail("a class rule names the class, then its symbols") }
                guard ![Self.digitClass, Self.otherClass].contains(kind) else { throw fail("'\(kind)' is a class of its own (digits, or symbols in no class)") }
                for symbol in rule.symbols.dropFirst() {
                    if let other = classes[symbol] { throw fail("\(symbol) is already of class \(other)") }
                    classes[symbol] = kind
                }
                classLines[kind] = classLines[kind] ?? number
            case "followed":
                var shares: [String: Double] = [:]
                for kind in rule.attributes.keys.sorted() {
                    guard kind == Self.digitClass || classLines[kind] != nil else {
                        throw fail("unknown class '\(kind)' for followed; classes are digit and those of the class rules above")
                    }
                    shares[kind] = try Self.share(kind, of: rule, fail: fail)
                }
                guard !shares.isEmpty else { throw fail("a followed rule gives the share of at least one class") }
                guard shares.values.reduce(0, +) < 1 else { throw fail("the shares of a followed rule must leave some to other symbols") }
                if rule.symbols.isEmpty {
                    if followShare != nil { throw fail("a second followed rule for all symbols") }
                    followShare = shares
                }
                for symbol in rule.symbols { followShares[symbol] = shares }
            case "closes":
                try Self.assign(try Self.share("share", of: rule, fail: fail), of: rule, all: &closeShare, each: &closeShares, fail: fail)
            case "function":
                guard rule.symbols.count == 1, let name = rule.symbols.first else { throw fail("a function rule names one symbol") }
                let letters = try Self.required("letters", of: rule, fail: fail).split(separator: " ").map(String.init)
                guard letters.count >= 2 else { throw fail("letters= lists at least two letters, found \(letters.count)") }
                guard functionNames[name] == nil else { throw fail("a second function rule for \(name)") }
                functionNames[name] = letters
            case "size":
                guard rule.symbols.count <= 1 else { throw fail("a size rule names one symbol, or none for all symbols") }
                let spread = try Self.number("spread", of: rule, fail: fail)
                guard spread > 0 else { throw fail("spread must be above 0, found \(spread)") }
                let measured = Size(mean: try Self.number("mean", of: rule, fail: fail), spread: spread)
                if let symbol = rule.symbols.first {
                    guard rule.attributes["weight"] == nil else { throw fail("weight= goes on the size rule for all symbols") }
                    guard sizes[symbol] == nil else { throw fail("a second size rule for \(symbol)") }
                    sizes[symbol] = measured
                } else {
                    if size != nil { throw fail("a second size rule for all symbols") }
                    size = measured
                    sizeWeight = try Self.number("weight", of: rule, fail: fail)
                    guard sizeWeight >= 0 else { throw fail("weight must be at least 0, found \(sizeWeight)") }
                }
            case "inscript":
                try Self.assign(try Self.share("share", of: rule, fail: fail), of: rule, all: &scriptShare, each: &scriptShares, fail: fail)
            case "band":
                guard !rule.symbols.isEmpty else { throw fail("a band rule lists the symbols it places") }
                let top = try Self.number("top", of: rule, fail: fail)
                let bottom = try Self.number("bottom", of: rule, fail: fail)
                guard bottom > top else { throw fail("bottom= (\(bottom)) must be below top= (\(top))") }
                for symbol in rule.symbols {
                    if let first = bandLines[symbol] { throw GrammarError.duplicateSymbol(file: name, line: number, symbol: symbol, firstLine: first) }
                    bandLines[symbol] = number
                    bands[symbol] = Band(top: top, bottom: bottom)
                }
            case "relation":
                guard rule.symbols.count == 1, let relation = Relation(rawValue: rule.symbols[0]) else {
                    throw fail("a relation rule names one relation: \(Relation.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let spread = try Self.number("spread", of: rule, fail: fail)
                let ratioSpread = try Self.number("ratio-spread", of: rule, fail: fail)
                guard spread > 0, ratioSpread > 0 else { throw fail("spread= and ratio-spread= must be above 0") }
                let prior = try Self.number("prior", of: rule, fail: fail)
                guard prior > 0, prior <= 1 else { throw fail("prior must be a number above 0 and at most 1, found \(prior)") }
                relations[relation] = RelationRule(
                    offset: try Self.number("offset", of: rule, fail: fail), spread: spread,
                    ratio: try Self.number("ratio", of: rule, fail: fail), ratioSpread: ratioSpread, prior: prior,
                    latex: try Self.template("latex", of: rule, placeholders: ["base", "script"], fail: fail),
                    mathML: try Self.template("mathml", of: rule, placeholders: ["base", "script"], fail: fail))
            case "scripts":
                guard rule.symbols.isEmpty else { throw fail("a scripts rule takes no symbol") }
                scriptsLaTeX = try Self.template("latex", of: rule, placeholders: ["base", "subscript", "superscript"], fail: fail)
                scriptsMathML = try Self.template("mathml", of: rule, placeholders: ["base", "subscript", "superscript"], fail: fail)
            case "fraction":
                guard rule.symbols.count == 1 else { throw fail("a fraction rule takes exactly one symbol, the bar, found \(rule.symbols.count)") }
                fractionBar = rule.symbols[0]
                fractionLaTeX = try Self.template("latex", of: rule, placeholders: ["numerator", "denominator"], fail: fail)
                fractionMathML = try Self.template("mathml", of: rule, placeholders: ["numerator", "denominator"], fail: fail)
            default: // root
                guard rule.symbols.count == 1 else { throw fail("a root rule takes exactly one symbol, the radical sign, found \(rule.symbols.count)") }
                rootSymbol = rule.symbols[0]
                rootLaTeX = try Self.template("latex", of: rule, placeholders: ["radicand"], fail: fail)
                rootMathML = try Self.template("mathml", of: rule, placeholders: ["radicand"], fail: fail)
                if rule.attributes["indexed-latex"] != nil || rule.attributes["indexed-mathml"] != nil {
                    rootIndexLaTeX = try Self.template("indexed-latex", of: rule, placeholders: ["radicand", "index"], fail: fail)
                    rootIndexMathML = try Self.template("indexed-mathml", of: rule, placeholders: ["radicand", "index"], fail: fail)
                }
            }
        }
        let end = max(lines.count, 1)
        for kind in ["number", "scripts", "fraction", "root"] where seen[kind] == nil {
            throw GrammarError.missingRule(file: name, line: end, kind: kind)
        }
        if !baseShares.isEmpty, baseShare.isEmpty {
            throw GrammarError.missingRule(file: name, line: end, kind: "scripted superscript=... subscript=... (for all symbols)")
        }
        if !followShares.isEmpty, followShare == nil {
            throw GrammarError.missingRule(file: name, line: end, kind: "followed CLASS=... (for all symbols)")
        }
        if !closeShares.isEmpty, closeShare == nil {
            throw GrammarError.missingRule(file: name, line: end, kind: "closes share=... (for all symbols)")
        }
        if !sizes.isEmpty, size == nil {
            throw GrammarError.missingRule(file: name, line: end, kind: "size mean=... spread=... weight=... (for all symbols)")
        }
        if !scriptShares.isEmpty, scriptShare == nil {
            throw GrammarError.missingRule(file: name, line: end, kind: "inscript share=... (for all symbols)")
        }
        for relation in Relation.allCases where relations[relation] == nil {
            throw GrammarError.missingRule(file: name, line: end, kind: "relation \(relation.rawValue)")
        }
    }

    /// A share attribute: a number above 0 and below 1.
    private static func share(_ name: String, of rule: RuleLine, fail: (String) -> GrammarError) throws -> Double {
        let share = try number(name, of: rule, fail: fail)
        guard share > 0, share < 1 else { throw fail("\(name) must be above 0 and below 1, found \(share)") }
        return share
    }

    /// A share stated for all symbols (by the one rule of its kind without symbols) or for each of the rule's symbols.
    private static func assign(_ share: Double, of rule: RuleLine, all: inout Double?, each: inout [String: Double],
                               fail: (String) -> GrammarError) throws {
        if rule.symbols.isEmpty {
            if all != nil { throw fail("a second \(rule.kind) rule for all symbols") }
            all = share
        }
        for symbol in rule.symbols { each[symbol] = share }
    }

    private static func required(_ name: String, of rule: RuleLine, fail: (String) -> GrammarError) throws -> String {
        guard let value = rule.attributes[name] else { throw fail("a \(rule.kind) rule needs \(name)=") }
        return value
    }

    private static func number(_ name: String, of rule: RuleLine, fail: (String) -> GrammarError) throws -> Double {
        let text = try required(name, of: rule, fail: fail)
        guard let value = Double(text), value.isFinite else { throw fail("\(name) must be a number, found '\(text)'") }
        return value
    }

    /// A template attribute that uses each of `placeholders` (except `optional` ones) and no other.
    private static func template(_ name: String, of rule: RuleLine, placeholders: [String], optional: Set<String> = [],
                                 fail: (String) -> GrammarError) throws -> Template {
        let template = Template(try required(name, of: rule, fail: fail))
        let expected = placeholders.map { "$" + $0 }.joined(separator: ", ")
        for used in template.placeholders where !placeholders.contains(used) {
            throw fail("\(name) template uses $\(used); a \(rule.kind) rule may use \(expected)")
        }
        for needed in placeholders where !optional.contains(needed) && !template.placeholders.contains(needed) {
            throw fail("\(name) template must use \(expected); $\(needed) is missing")
        }
        return template
    }
}
