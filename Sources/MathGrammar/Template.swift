/// A LaTeX or MathML template from a grammar rule: text with `$name` placeholders.
public struct Template: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    let parts: [Part]
    /// The template as written in the grammar file.
    public let source: String

    /// Splits `source` into text and placeholders; a placeholder is `$` followed by letters.
    init(_ source: String) {
        self.source = source
        var parts: [Part] = []
        var text = ""
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            let next = source.index(after: index)
            if character == "$", next < source.endIndex, source[next].isLetter {
                var end = next
                while end < source.endIndex, source[end].isLetter { end = source.index(after: end) }
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                parts.append(.placeholder(String(source[next..<end])))
                index = end
            } else {
                text.append(character)
                index = next
            }
        }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    var placeholders: [String] {
        parts.compactMap { if case .placeholder(let name) = $0 { return name } else { return nil } }
    }

    /// The template with each placeholder replaced by its value.
    func render(_ values: [String: String]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .placeholder(let name): return values[name] ?? ""
            }
        }.joined()
    }
}
