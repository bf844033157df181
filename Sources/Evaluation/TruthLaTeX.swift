import Classification
import Foundation

/// Ground-truth LaTeX (as CROHME writes it: `3\times(5+1)=18`, `\left(`) brought to the token
/// form mathscan prints (`3 \times ( 5 + 1 ) = 18`), so a reading can be compared with it.
public enum TruthLaTeX {
    /// The symbols mathscan reads today (the classifier's vocabulary); truths using others are
    /// out of scope. Digits and `.` are read as numbers.
    static let commands = Set(SymbolLabels.standard.filter { $0.hasPrefix("\\") })
    static let singles = Set(SymbolLabels.standard.filter { $0.count == 1 && $0 != "." && !$0.allSatisfy(\.isNumber) }.map { Character($0) })

    /// The token form, or nil when the truth uses something mathscan does not read yet.
    public static func normalized(_ truth: String) -> String? {
        var text = truth.trimmingCharacters(in: CharacterSet(charactersIn: "$ \n\t"))
        for wrapper in ["\\left", "\\right", "\\,", "\\!", "\\;"] { text = text.replacingOccurrences(of: wrapper, with: " ") }
        var tokens: [String] = []
        var number = ""
        var index = text.startIndex
        func flushNumber() { if !number.isEmpty { tokens.append(number); number = "" } }
        while index < text.endIndex {
            let character = text[index]
            if character.isNumber || character == "." {
                number.append(character)
                index = text.index(after: index)
            } else if character == " " || character == "{" || character == "}" {
                // Spaces and bare braces carry nothing: `1 2` in CROHME truth is the number 12.
                if character != " " { flushNumber() }
                index = text.index(after: index)
            } else if singles.contains(character) {
                flushNumber()
                tokens.append(String(character))
                index = text.index(after: index)
            } else if character == "\\" {
                flushNumber()
                var end = text.index(after: index)
                while end < text.endIndex, text[end].isLetter { end = text.index(after: end) }
                let command = String(text[index..<end])
                guard commands.contains(command) else { return nil }
                tokens.append(command)
                index = end
            } else {
                return nil
            }
        }
        flushNumber()
        return tokens.isEmpty ? nil : tokens.joined(separator: " ")
    }
}
