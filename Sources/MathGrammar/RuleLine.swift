/// One line of a grammar file split into words: `KIND SYMBOL... name=value...`.
struct RuleLine {
    var kind: String
    var symbols: [String]
    var attributes: [String: String]

    /// A word is `value` or `name=value`; values may be quoted with "..." or '...' (no escapes).
    private struct Word {
        var name: String?
        var value = ""
        var quoted = false
    }

    /// Returns nil for a blank or comment-only line; `fail` builds the error for this line.
    static func parse(_ text: Substring, fail: (String) -> GrammarError) throws -> RuleLine? {
        var words: [Word] = []
        var word: Word?
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { word?.value.append(character) }
                continue
            }
            if character.isWhitespace {
                if let finished = word { words.append(finished) }
                word = nil
                continue
            }
            var current = word ?? Word()
            if word == nil && character == "#" { break }
            let startsValue = current.value.isEmpty && !current.quoted
            if (character == "\"" || character == "'") && startsValue {
                quote = character
                current.quoted = true
            } else if character == "=", current.name == nil, !current.quoted, !current.value.isEmpty,
                      current.value.allSatisfy({ $0.isLowercase || $0 == "-" }) {
                current.name = current.value
                current.value = ""
            } else {
                current.value.append(character)
            }
            word = current
        }
        if let open = quote {
            throw fail("unterminated quote \(open): close it on the same line")
        }
        if let finished = word { words.append(finished) }
        guard let first = words.first else { return nil }
        guard first.name == nil else {
            throw fail("a rule starts with its kind (number, prefix, infix, juxtaposition, group, relation), not '\(first.name ?? "")=...'")
        }
        var line = RuleLine(kind: first.value, symbols: [], attributes: [:])
        for word in words.dropFirst() {
            if let name = word.name {
                guard line.attributes[name] == nil else { throw fail("attribute '\(name)' is given twice") }
                line.attributes[name] = word.value
            } else {
                guard line.attributes.isEmpty else {
                    throw fail("symbol '\(word.value)' comes after the attributes; write symbols right after the kind")
                }
                guard !word.value.isEmpty else { throw fail("empty symbol \"\"") }
                line.symbols.append(word.value)
            }
        }
        return line
    }
}
