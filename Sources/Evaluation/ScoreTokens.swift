/// The tokens a reading is scored in, by the rules of the reference scorer
/// (`../shared/tools/score-real-dev.py`): each digit, operator or `\command` is one token;
/// `$`, `{ }`, `\left`, `\right`, `\mathrm`, `\text`, `\mbox`, `\,` and `\ ` carry nothing; the
/// lines of a page are joined with a `;` token. A manifest's truth is already written this way,
/// tokens separated by spaces.
///
/// The rules are copied step for step, odd corners included (`\rightarrow` loses its `\right`,
/// `\{` vanishes), because a score that disagrees with the reference on any page is no score.
public enum ScoreTokens {
    /// The line separator, in the truth and in a joined reading.
    public static let lineSeparator = ";"

    /// One line of LaTeX as tokens: Python's
    /// `re.findall(r"\\[a-zA-Z]+|\S", text)` after the dropping steps.
    public static func tokens(_ latex: String) -> [String] {
        var text = replace(Array(latex.unicodeScalars), "$", with: "")
        text = removeWrappers(text)
        // In this order: `\{` becomes `\ ` and then nothing, as in the reference.
        for filler in ["{", "}", "\\,", "\\ "] {
            text = replace(text, filler, with: " ")
        }
        let scalars = text
        var tokens: [String] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count, isASCIILetter(scalars[index + 1]) {
                var end = index + 1
                while end < scalars.count, isASCIILetter(scalars[end]) { end += 1 }
                tokens.append(string(scalars[index..<end]))
                index = end
            } else {
                if !isPythonSpace(scalar) { tokens.append(String(Character(scalar))) }
                index += 1
            }
        }
        return tokens
    }

    /// A page's reading, line by line, as one token sequence: Python's
    /// `" ; ".join(" ".join(tokens(line)) for line in lines).split()`. A line with no tokens
    /// still leaves its separator, so `[a, nothing, b]` is `a ; ; b`.
    public static func reading(_ lines: [String?]) -> [String] {
        var joined: [String] = []
        for (number, line) in lines.enumerated() {
            if number > 0 { joined.append(lineSeparator) }
            joined += tokens(line ?? "")
        }
        return joined
    }

    /// The reading as the reference writes it: lines of space-separated tokens joined by ` ; `.
    public static func readingText(_ lines: [String?]) -> String {
        lines.map { tokens($0 ?? "").joined(separator: " ") }.joined(separator: " ; ")
    }

    /// A manifest truth as tokens: Python's `truth.split()`. The truth is not re-tokenised; a
    /// truth written `12` is one token and no reading matches it, exactly as in the reference.
    public static func truth(_ text: String) -> [String] {
        splitOnWhitespace(text)
    }

    /// A token sequence cut at its `;` tokens into lines; nothing at all is no line, so a page
    /// with no reading and a page whose only line reads nothing are the same page.
    public static func lines(_ tokens: [String]) -> [[String]] {
        guard !tokens.isEmpty else { return [] }
        return tokens.split(separator: lineSeparator, omittingEmptySubsequences: false).map(Array.init)
    }

    /// The items of a worksheet (its ` ; `-separated parts), each with its spaces normalised:
    /// Python's `[" ".join(x.split()) for x in text.split(" ; ")]`. An empty text is one empty
    /// item, as in Python; the reference takes no items from an empty reading (`readingItems`).
    public static func items(_ text: String) -> [String] {
        split(Array(text.unicodeScalars), at: Array(" ; ".unicodeScalars))
            .map { splitOnWhitespace(string($0[...])).joined(separator: " ") }
    }

    /// The items of a reading as the reference takes them: none when nothing was read.
    public static func readingItems(_ readingText: String) -> [String] {
        readingText.isEmpty ? [] : items(readingText)
    }

    /// Python's `str.split()`: runs of whitespace separate, none are kept.
    static func splitOnWhitespace(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isPythonSpace(scalar) {
                if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
            } else {
                word.append(scalar)
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }

    /// Python's `str.isspace()` (what `\s` and `split()` use): Unicode White_Space plus the
    /// four information separators U+001C–U+001F.
    static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// Python's `re.sub(r"\\(left|right|mathrm|text|mbox)", "", text)`: one pass, left to right,
    /// so what a removal joins together is not looked at again.
    static func removeWrappers(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let wrappers = ["left", "right", "mathrm", "text", "mbox"].map { Array($0.unicodeScalars) }
        var out: [Unicode.Scalar] = []
        var index = 0
        while index < text.count {
            if text[index] == "\\", let wrapper = wrappers.first(where: { text[(index + 1)...].starts(with: $0) }) {
                index += 1 + wrapper.count
            } else {
                out.append(text[index])
                index += 1
            }
        }
        return out
    }

    /// Python's `str.replace`: code point by code point, left to right, without overlaps.
    static func replace(_ text: [Unicode.Scalar], _ target: String, with replacement: String) -> [Unicode.Scalar] {
        split(text, at: Array(target.unicodeScalars)).joined(separator: Array(replacement.unicodeScalars)).map { $0 }
    }

    /// Python's `str.split(separator)`: the parts between non-overlapping occurrences.
    static func split(_ text: [Unicode.Scalar], at separator: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var parts: [[Unicode.Scalar]] = []
        var start = 0, index = 0
        while index + separator.count <= text.count {
            if text[index..<(index + separator.count)].elementsEqual(separator) {
                parts.append(Array(text[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(text[start...]))
        return parts
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
