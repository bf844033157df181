/// The language a line of symbols may be read as, with each rule's LaTeX, MathML and meaning.
///
/// Loaded from the text of a grammar file (see `grammars/arithmetic.grammar` for the format);
/// the library does no file I/O, so callers read the file and pass its contents.
public struct Grammar: Sendable {
    /// The name used in error messages, usually the file name.
    public let name: String
    public private(set) var number: NumberRule
    public private(set) var prefixOperators: [String: OperatorRule] = [:]
    public private(set) var infixOperators: [String: OperatorRule] = [:]
    public private(set) var groups: [GroupRule] = []
    public private(set) var relations: [String: RelationRule] = [:]
    /// How two operands written side by side multiply (`2 ( 3 )`); nil when the grammar has no
    /// juxtaposition rule and every operator must be written.
    public private(set) var juxtaposition: JuxtapositionRule?

    /// Parses a grammar file; throws `GrammarError` naming the file, the line and the reason.
    public init(source: String, name: String) throws {
        self.name = name
        var builder = Builder(file: name)
        var lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() } // the final newline ends a line
        for (offset, text) in lines.enumerated() {
            let fail = { (reason: String) in GrammarError.invalidRule(file: name, line: offset + 1, reason: reason) }
            if let line = try RuleLine.parse(text, fail: fail) {
                try builder.add(line, at: offset + 1, fail: fail)
            }
        }
        guard let number = builder.number else {
            throw GrammarError.missingRule(file: name, line: lines.count, kind: "number")
        }
        self.number = number
        prefixOperators = builder.prefixOperators
        infixOperators = builder.infixOperators
        groups = builder.groups
        relations = builder.relations
        juxtaposition = builder.juxtaposition
        if let juxtaposition, let line = builder.juxtapositionLine {
            // Checked once every line is read, so the group rules may come before or after it.
            for symbol in juxtaposition.before.sorted() {
                guard let group = groups.first(where: { $0.open == symbol }) else {
                    throw GrammarError.invalidRule(file: name, line: line,
                        reason: "juxtaposition before '\(symbol)': it is not the opening symbol of a group rule")
                }
                // After an operand, `|` could close a group or open one to multiply by: ambiguous.
                guard group.close != group.open else {
                    throw GrammarError.invalidRule(file: name, line: line,
                        reason: "juxtaposition before '\(symbol)': that group opens and closes with the same symbol, so '\(symbol)' after an operand would be ambiguous")
                }
            }
        }
    }

    /// The juxtaposition that starts at `symbol` after a complete operand, if any.
    func juxtaposition(before symbol: String) -> JuxtapositionRule? {
        guard let juxtaposition, juxtaposition.before.contains(symbol) else { return nil }
        return juxtaposition
    }

    /// The group opened by `symbol`, if it opens one.
    func group(opening symbol: String) -> GroupRule? { groups.first { $0.open == symbol } }
    /// The group closed by `symbol`, if it closes one.
    func group(closing symbol: String) -> GroupRule? { groups.first { $0.close == symbol } }

    /// Whether `symbol` is a digit or the decimal point.
    func isNumberPart(_ symbol: String) -> Bool {
        number.digits.contains(symbol) || symbol == number.point
    }

    /// Labels with each run of digits and decimal points joined into one number:
    /// `1 2 . 5 + 3` → `12.5 + 3`.
    func joiningNumbers(_ labels: [String]) -> [(text: String, isNumber: Bool)] {
        var tokens: [(text: String, isNumber: Bool)] = []
        for label in labels {
            let isNumberPart = isNumberPart(label)
            if isNumberPart, let last = tokens.last, last.isNumber {
                tokens[tokens.count - 1].text += label
            } else {
                tokens.append((label, isNumberPart))
            }
        }
        return tokens
    }

    /// Whether `symbol` has any rule, i.e. can appear in a grammatical line.
    func knows(_ symbol: String) -> Bool {
        isNumberPart(symbol) || prefixOperators[symbol] != nil
            || infixOperators[symbol] != nil || relations[symbol] != nil
            || group(opening: symbol) != nil || group(closing: symbol) != nil
    }
}

extension Grammar {
    /// Collects rules line by line and checks that no symbol gets two conflicting rules.
    private struct Builder {
        let file: String
        var number: NumberRule?
        var numberLine = 0
        var prefixOperators: [String: OperatorRule] = [:]
        var infixOperators: [String: OperatorRule] = [:]
        var groups: [GroupRule] = []
        var relations: [String: RelationRule] = [:]
        var juxtaposition: JuxtapositionRule?
        var juxtapositionLine: Int?
        /// symbol → (kind, line of its first rule)
        var claims: [String: (kind: String, line: Int)] = [:]

        mutating func add(_ rule: RuleLine, at line: Int, fail: (String) -> GrammarError) throws {
            let allowed: [String: Set<String>] = [
                "number": ["digits", "point", "latex", "mathml"],
                "prefix": ["precedence", "meaning", "latex", "mathml", "prior"],
                "infix": ["precedence", "associativity", "meaning", "latex", "mathml"],
                "group": ["meaning", "latex", "mathml"],
                "relation": ["meaning", "latex", "mathml"],
                "juxtaposition": ["precedence", "associativity", "meaning", "latex", "mathml"],
            ]
            guard let names = allowed[rule.kind] else {
                throw fail("unknown rule kind '\(rule.kind)'; expected one of number, prefix, infix, juxtaposition, group, relation")
            }
            for name in rule.attributes.keys.sorted() where !names.contains(name) {
                throw fail("unknown attribute '\(name)' for \(rule.kind); allowed: \(names.sorted().joined(separator: ", "))")
            }
            if rule.kind == "juxtaposition" {
                try addJuxtaposition(rule, at: line, fail: fail)
                return
            }
            let symbolCount = ["number": 0, "group": 2][rule.kind] ?? 1
            guard rule.symbols.count == symbolCount else {
                let what = symbolCount == 0 ? "no symbol (use digits= and point=)"
                    : symbolCount == 2 ? "two symbols, the opening and the closing one" : "exactly one symbol"
                throw fail("a \(rule.kind) rule takes \(what), found \(rule.symbols.count)")
            }
            switch rule.kind {
            case "number":
                try addNumber(rule, at: line, fail: fail)
            case "prefix", "infix":
                let isPrefix = rule.kind == "prefix"
                let symbol = rule.symbols[0]
                let operatorRule = try operatorRule(rule, symbol: symbol, isPrefix: isPrefix, fail: fail)
                try claim(symbol, as: rule.kind, at: line)
                if isPrefix { prefixOperators[symbol] = operatorRule } else { infixOperators[symbol] = operatorRule }
            case "group":
                let (open, close) = (rule.symbols[0], rule.symbols[1])
                // The same symbol may open and close (| x |): it opens where an operand is due
                // and closes after one, so the reading stays unambiguous.
                let group = GroupRule(
                    open: open, close: close,
                    meaning: try meaningAttribute(of: rule, among: GroupMeaning.allCases, fail: fail),
                    latex: try template("latex", of: rule, placeholders: ["inner"], fail: fail),
                    mathML: try template("mathml", of: rule, placeholders: ["inner"], fail: fail))
                try claim(open, as: "group", at: line)
                if close != open { try claim(close, as: "group", at: line) }
                groups.append(group)
            default: // relation
                let symbol = rule.symbols[0]
                let meaning = try meaningAttribute(of: rule, among: RelationMeaning.allCases, fail: fail)
                let relation = RelationRule(
                    symbol: symbol, meaning: meaning,
                    latex: try template("latex", of: rule, placeholders: ["left", "right"], fail: fail),
                    mathML: try template("mathml", of: rule, placeholders: ["left", "right"], fail: fail))
                try claim(symbol, as: "relation", at: line)
                relations[symbol] = relation
            }
        }

        /// The row of the operator table a prefix, infix or juxtaposition rule describes.
        private func operatorRule(_ rule: RuleLine, symbol: String, isPrefix: Bool,
                                  fail: (String) -> GrammarError) throws -> OperatorRule {
            let precedenceText = try required("precedence", of: rule, fail: fail)
            guard let precedence = Int(precedenceText) else {
                throw fail("precedence must be a whole number, found '\(precedenceText)'")
            }
            var associativity = Associativity.left
            if let text = rule.attributes["associativity"] {
                guard let parsed = Associativity(rawValue: text) else {
                    throw fail("associativity must be left or right, found '\(text)'")
                }
                associativity = parsed
            }
            let meaning = try meaningAttribute(of: rule, among: isPrefix ? OperatorMeaning.prefix : OperatorMeaning.infix, fail: fail)
            let placeholders: [String] = isPrefix ? ["operand"] : ["left", "right"]
            var prior = 1.0
            if let text = rule.attributes["prior"] {
                guard let parsed = Double(text), parsed > 0, parsed <= 1 else {
                    throw fail("prior must be a number above 0 and at most 1, found '\(text)'")
                }
                prior = parsed
            }
            return OperatorRule(
                symbol: symbol, precedence: precedence, associativity: associativity, meaning: meaning,
                latex: try template("latex", of: rule, placeholders: placeholders, fail: fail),
                mathML: try template("mathml", of: rule, placeholders: placeholders, fail: fail),
                prior: prior)
        }

        /// `juxtaposition OPEN... precedence=N ...`: the symbols are opening brackets (checked
        /// against the group rules once the whole file is read), not claims of new symbols.
        private mutating func addJuxtaposition(_ rule: RuleLine, at line: Int, fail: (String) -> GrammarError) throws {
            if let juxtapositionLine { throw fail("a second juxtaposition rule; the first is on line \(juxtapositionLine)") }
            guard !rule.symbols.isEmpty else {
                throw fail("a juxtaposition rule takes the opening brackets that may follow an operand directly, found none")
            }
            juxtaposition = JuxtapositionRule(
                before: Set(rule.symbols),
                operation: try operatorRule(rule, symbol: "", isPrefix: false, fail: fail))
            juxtapositionLine = line
        }

        private mutating func addNumber(_ rule: RuleLine, at line: Int, fail: (String) -> GrammarError) throws {
            guard number == nil else { throw fail("a second number rule; the first is on line \(numberLine)") }
            let digits = try required("digits", of: rule, fail: fail).split(separator: " ").map(String.init)
            guard !digits.isEmpty else { throw fail("digits= lists no digit symbols") }
            let point = rule.attributes["point"]
            if point?.isEmpty == true { throw fail("point= is empty; give the decimal point symbol or leave point= out") }
            let numberRule = NumberRule(
                digits: Set(digits), point: point,
                latex: try template("latex", of: rule, placeholders: ["literal"], fail: fail),
                mathML: try template("mathml", of: rule, placeholders: ["literal"], fail: fail))
            for digit in digits { try claim(digit, as: "number", at: line) }
            if let point { try claim(point, as: "number", at: line) }
            number = numberRule
            numberLine = line
        }

        /// Records that `symbol` belongs to `kind`; prefix and infix may share a symbol (`-`).
        private mutating func claim(_ symbol: String, as kind: String, at line: Int) throws {
            if let earlier = claims[symbol] {
                let compatible = Set([earlier.kind, kind]) == ["prefix", "infix"]
                guard compatible else {
                    throw GrammarError.duplicateSymbol(file: file, line: line, symbol: symbol, firstLine: earlier.line)
                }
            }
            claims[symbol] = (kind, line)
        }

        private func required(_ name: String, of rule: RuleLine, fail: (String) -> GrammarError) throws -> String {
            guard let value = rule.attributes[name] else { throw fail("a \(rule.kind) rule needs \(name)=") }
            return value
        }

        private func meaningAttribute<Meaning: RawRepresentable>(
            of rule: RuleLine, among meanings: [Meaning], fail: (String) -> GrammarError
        ) throws -> Meaning where Meaning.RawValue == String {
            let text = try required("meaning", of: rule, fail: fail)
            guard let meaning = meanings.first(where: { $0.rawValue == text }) else {
                let known = meanings.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown meaning '\(text)' for \(rule.kind); known: \(known)")
            }
            return meaning
        }

        /// A template attribute, which must use each of `placeholders` and no other.
        private func template(_ name: String, of rule: RuleLine, placeholders: [String],
                              fail: (String) -> GrammarError) throws -> Template {
            let template = Template(try required(name, of: rule, fail: fail))
            let expected = placeholders.map { "$" + $0 }.joined(separator: ", ")
            for used in template.placeholders where !placeholders.contains(used) {
                throw fail("\(name) template uses $\(used); a \(rule.kind) rule may use \(expected)")
            }
            for needed in placeholders where !template.placeholders.contains(needed) {
                throw fail("\(name) template must use \(expected); $\(needed) is missing")
            }
            return template
        }
    }
}

extension Grammar {
    /// The exact value of `labels` read as one expression without relations (digits and points
    /// one label each, as written); nil when they do not parse or the value is undefined.
    public func value(of labels: [String]) -> Rational? {
        guard let statement = try? ExpressionParser(grammar: self).parse(labels), statement.sides.count == 1 else { return nil }
        return try? statement.sides[0].value()
    }
}
