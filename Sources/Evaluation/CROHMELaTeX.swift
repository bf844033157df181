/// CROHME's normalised LaTeX: two writings of the same expression compare equal after it.
///
/// Tokens are single symbols separated by single spaces (digits one by one: `16` is `1 6`);
/// bare grouping braces and spacing, `\left`/`\right` and font commands are dropped; every script
/// and argument is braced (`x ^ { 2 }`, `\frac { a } { b }`, `\sqrt { 1 6 }`); a subscript comes
/// before a superscript; synonyms are written one way (`<` is `\lt`, `\le` is `\leq`, `\to` is
/// `\rightarrow`, `\dots` and `. . .` are `\ldots`, `\cdot` is `.` as in CROHME's symbol classes).
public enum CROHMELaTeX {
    /// The normal form, or nil when the text is not balanced LaTeX of the kind CROHME writes.
    public static func normalized(_ latex: String) -> String? {
        var parser = Parser(tokens: tokenize(latex))
        guard let row = parser.row(until: nil), parser.atEnd else { return nil }
        return row.joined(separator: " ")
    }

    /// Commands that carry nothing: spacing, sizing and fonts (their braced argument stays).
    static let dropped: Set<String> = [
        "\\left", "\\right", "\\,", "\\!", "\\;", "\\:", "\\ ", "\\quad", "\\qquad", "\\mathrm", "\\mathit",
        "\\mathbf", "\\rm", "\\hbox", "\\mbox", "\\displaystyle", "\\limits", "\\nolimits", "\\big", "\\Big",
        "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\biggl", "\\biggr", "\\Biggl", "\\Biggr",
    ]

    /// The commands CROHME truth uses (its symbol classes and structures). A truth command that is
    /// not one of them but starts with one is a missing space in the annotation: `\ltN` is `\lt N`.
    static let known: Set<String> = [
        "\\frac", "\\sqrt", "\\times", "\\div", "\\pm", "\\neq", "\\lt", "\\gt", "\\leq", "\\geq", "\\sum", "\\int",
        "\\lim", "\\log", "\\sin", "\\cos", "\\tan", "\\infty", "\\rightarrow", "\\ldots", "\\prime", "\\in",
        "\\exists", "\\forall", "\\alpha", "\\beta", "\\gamma", "\\theta", "\\lambda", "\\mu", "\\pi", "\\sigma",
        "\\phi", "\\Delta", "\\cdot", "\\{", "\\}",
    ]

    static let synonyms: [String: String] = [
        "<": "\\lt", ">": "\\gt", "\\le": "\\leq", "\\ge": "\\geq", "\\ne": "\\neq", "\\to": "\\rightarrow",
        "\\dots": "\\ldots", "\\cdots": "\\ldots", "\\lbrack": "[", "\\rbrack": "]", "\\lbrace": "\\{",
        "\\rbrace": "\\}", "'": "\\prime", "\\vert": "|", "\\mid": "|",
        // CROHME's symbol classes have no centred dot: writers' dots are labelled `.`.
        "\\cdot": ".",
    ]

    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || character == "$" {
                index += 1
            } else if character == "\\" {
                var end = index + 1
                if end < characters.count, characters[end].isLetter {
                    while end < characters.count, characters[end].isLetter { end += 1 }
                } else {
                    end = min(end + 1, characters.count)
                }
                let command = String(characters[index..<end])
                index = end
                if !known.contains(command), !dropped.contains(command), !synonyms.keys.contains(command),
                   let prefix = known.filter({ command.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
                    tokens.append(prefix)
                    tokens += command.dropFirst(prefix.count).map(String.init)
                } else {
                    tokens.append(command)
                }
            } else {
                tokens.append(String(character))
                index += 1
            }
        }
        let mapped = tokens.compactMap { dropped.contains($0) ? nil : (synonyms[$0] ?? $0) }
        // Three dots in a row are an ellipsis, however they were labelled.
        var joined: [String] = []
        for token in mapped {
            if token == ".", joined.count >= 2, joined.suffix(2) == [".", "."] {
                joined.removeLast(2)
                joined.append("\\ldots")
            } else {
                joined.append(token)
            }
        }
        return joined
    }

    struct Parser {
        let tokens: [String]
        var position = 0
        var atEnd: Bool { position >= tokens.count }

        init(tokens: [String]) { self.tokens = tokens }

        /// Items up to `closer` (consumed) or the end; bare groups are flattened into the row.
        mutating func row(until closer: String?) -> [String]? {
            var out: [String] = []
            // Where the last item starts in `out`, so scripts can be ordered after it.
            var scripts: (sub: [String]?, sup: [String]?) = (nil, nil)
            func flushScripts() {
                if let sub = scripts.sub { out += ["_", "{"] + sub + ["}"] }
                if let sup = scripts.sup { out += ["^", "{"] + sup + ["}"] }
                scripts = (nil, nil)
            }
            while !atEnd {
                let token = tokens[position]
                if let closer, token == closer {
                    position += 1
                    flushScripts()
                    return out
                }
                if token == "}" || (token == "]" && closer == "]") { return nil }
                position += 1
                switch token {
                case "^", "_":
                    guard let argument = argument() else { return nil }
                    if token == "_" {
                        guard scripts.sub == nil else { flushScripts(); scripts.sub = argument; continue }
                        scripts.sub = argument
                    } else {
                        guard scripts.sup == nil else { flushScripts(); scripts.sup = argument; continue }
                        scripts.sup = argument
                    }
                case "{":
                    flushScripts()
                    guard let inner = row(until: "}") else { return nil }
                    out += inner
                case "\\frac":
                    flushScripts()
                    guard let numerator = argument(), let denominator = argument() else { return nil }
                    out += ["\\frac", "{"] + numerator + ["}", "{"] + denominator + ["}"]
                case "\\sqrt":
                    flushScripts()
                    out.append("\\sqrt")
                    if !atEnd, tokens[position] == "[" {
                        position += 1
                        guard let index = row(until: "]") else { return nil }
                        out += ["["] + index + ["]"]
                    }
                    guard let radicand = argument() else { return nil }
                    out += ["{"] + radicand + ["}"]
                default:
                    flushScripts()
                    out.append(token)
                }
            }
            guard closer == nil else { return nil }
            flushScripts()
            return out
        }

        /// A braced group or one token (a `\frac` or `\sqrt` with its own arguments).
        mutating func argument() -> [String]? {
            guard !atEnd else { return nil }
            let token = tokens[position]
            position += 1
            switch token {
            case "{": return row(until: "}")
            case "}", "^", "_": return nil
            case "\\frac":
                guard let numerator = argument(), let denominator = argument() else { return nil }
                return ["\\frac", "{"] + numerator + ["}", "{"] + denominator + ["}"]
            case "\\sqrt":
                guard let radicand = argument() else { return nil }
                return ["\\sqrt", "{"] + radicand + ["}"]
            default: return [token]
            }
        }
    }
}
