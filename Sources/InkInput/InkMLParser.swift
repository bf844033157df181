import Foundation

/// A small, forgiving XML reader that understands just enough of InkML for pen input:
/// `<trace>`, `<traceGroup>` (nested), `<traceView traceDataRef>` and `<annotation type="truth">`.
/// Hand-written because FoundationXML is not available everywhere Swift runs.
struct InkMLParser {
    private let bytes: [UInt8]
    private var position = 0

    init(text: String) {
        bytes = Array(text.utf8)
    }

    /// A trace group being read; it becomes a symbol when it directly holds trace views.
    private struct OpenGroup {
        var label: String?
        var references: [String] = []
    }

    /// What the text currently being collected belongs to.
    private enum TextTarget {
        case none, trace(id: String), documentTruth, groupTruth
    }

    mutating func parse() throws -> InkDocument {
        var elementStack: [String] = []
        var traces: [InkTrace] = []
        var pointCount = 0
        var symbolsInFileOrder: [InkSymbol] = []
        var groups: [OpenGroup] = []
        var truth: String?
        var target = TextTarget.none
        var text: [UInt8] = []
        var sawRoot = false

        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                if case .none = target {} else { text.append(contentsOf: bytes[start..<position]) }
                continue
            }
            if hasPrefix("<!--") {
                try skip(past: "-->")
                continue
            }
            if hasPrefix("<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>")
                if case .none = target {} else { text.append(contentsOf: bytes[start..<(position - 3)]) }
                continue
            }
            if hasPrefix("<?") || hasPrefix("<!") {
                try skip(past: ">")
                continue
            }
            let tag = try readTag()
            if !sawRoot {
                guard !tag.isEnd, tag.name == "ink" else { throw InkInputError.notInkML(firstElement: tag.name) }
                sawRoot = true
            }
            if tag.isEnd {
                guard let open = elementStack.popLast(), open == tag.name else {
                    throw InkInputError.malformedXML(line: line(at: position), detail: "unexpected </\(tag.name)>")
                }
                switch tag.name {
                case "trace":
                    if case .trace(let id) = target {
                        traces.append(InkTrace(id: id, points: try Self.points(from: text, traceID: id)))
                        pointCount += traces[traces.count - 1].points.count
                        guard pointCount <= InkDocument.maximumPoints else {
                            throw InkInputError.tooManyPoints(limit: InkDocument.maximumPoints)
                        }
                    }
                    target = .none
                case "annotation":
                    let value = Self.decodeEntities(text)
                    if case .documentTruth = target { truth = Self.stripMathDelimiters(value) }
                    if case .groupTruth = target, !groups.isEmpty { groups[groups.count - 1].label = Self.normalisedLabel(value) }
                    target = .none
                case "traceGroup":
                    if let group = groups.popLast(), !group.references.isEmpty,
                       let label = group.label, !label.isEmpty, !label.contains(" ") {
                        symbolsInFileOrder.append(InkSymbol(label: label, traceIDs: group.references))
                    }
                default: break
                }
                text.removeAll(keepingCapacity: true)
                continue
            }
            let parent = elementStack.last
            switch tag.name {
            case "trace":
                target = .trace(id: tag.attributes["id"] ?? tag.attributes["xml:id"] ?? String(traces.count))
                text.removeAll(keepingCapacity: true)
            case "annotation" where tag.attributes["type"] == "truth":
                if parent == "ink" { target = .documentTruth } else if parent == "traceGroup" { target = .groupTruth }
                text.removeAll(keepingCapacity: true)
            case "traceGroup":
                groups.append(OpenGroup())
            case "traceView":
                if let ref = tag.attributes["traceDataRef"], !groups.isEmpty {
                    groups[groups.count - 1].references.append(Self.traceID(fromReference: ref))
                }
            default: break
            }
            if tag.isEmpty {
                // An empty <traceGroup/> holds no strokes, an empty <trace/> no points.
                if tag.name == "traceGroup" { groups.removeLast() }
                if case .trace(let id) = target { traces.append(InkTrace(id: id, points: [])) }
                target = .none
            } else {
                elementStack.append(tag.name)
            }
        }
        guard sawRoot else { throw InkInputError.notInkML(firstElement: nil) }
        if let open = elementStack.last {
            throw InkInputError.malformedXML(line: line(at: position), detail: "<\(open)> is never closed")
        }
        let knownIDs = Set(traces.map(\.id))
        for symbol in symbolsInFileOrder {
            if let missing = symbol.traceIDs.first(where: { !knownIDs.contains($0) }) {
                throw InkInputError.unknownTraceReference(missing)
            }
        }
        guard traces.contains(where: { !$0.points.isEmpty }) else { throw InkInputError.noTraces }
        return InkDocument(traces: traces, symbols: symbolsInFileOrder, truthLaTeX: truth)
    }

    // MARK: - Tags

    private struct Tag {
        var name: String
        var attributes: [String: String]
        var isEnd: Bool
        var isEmpty: Bool
    }

    private mutating func readTag() throws -> Tag {
        let tagStart = position
        position += 1 // "<"
        var isEnd = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "/") { isEnd = true; position += 1 }
        let name = Self.localName(readName())
        guard !name.isEmpty else { throw InkInputError.malformedXML(line: line(at: tagStart), detail: "a tag without a name") }
        var attributes: [String: String] = [:]
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw InkInputError.malformedXML(line: line(at: tagStart), detail: "<\(name)> is cut off") }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                return Tag(name: name, attributes: attributes, isEnd: isEnd, isEmpty: false)
            }
            if hasPrefix("/>") {
                position += 2
                return Tag(name: name, attributes: attributes, isEnd: isEnd, isEmpty: true)
            }
            let attribute = readName()
            skipWhitespace()
            guard !attribute.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw InkInputError.malformedXML(line: line(at: tagStart), detail: "bad attribute in <\(name)>")
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw InkInputError.malformedXML(line: line(at: tagStart), detail: "attribute \(attribute) of <\(name)> is not quoted")
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote { position += 1 }
            guard position < bytes.count else { throw InkInputError.malformedXML(line: line(at: tagStart), detail: "unterminated attribute \(attribute)") }
            attributes[attribute] = Self.decodeEntities(Array(bytes[start..<position]))
            position += 1
        }
    }

    private mutating func readName() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || Self.isWhitespace(byte) { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `inkml:trace` → `trace`; attributes keep their prefix (`xml:id`).
    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private func hasPrefix(_ prefix: String) -> Bool {
        let utf8 = Array(prefix.utf8)
        guard position + utf8.count <= bytes.count else { return false }
        return bytes[position..<(position + utf8.count)].elementsEqual(utf8)
    }

    private mutating func skip(past terminator: String) throws {
        let start = position
        while position < bytes.count {
            if hasPrefix(terminator) { position += terminator.utf8.count; return }
            position += 1
        }
        throw InkInputError.malformedXML(line: line(at: start), detail: "missing \"\(terminator)\"")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func line(at offset: Int) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    // MARK: - Content

    /// "x y[ t …], x y[ t …], …": the first two channels are x and y, extra channels (time,
    /// pressure) are ignored.
    static func points(from text: [UInt8], traceID: String) throws -> [InkPoint] {
        var points: [InkPoint] = []
        for chunk in text.split(separator: UInt8(ascii: ",")) {
            let fields = chunk.split(whereSeparator: isWhitespace)
            if fields.isEmpty { continue }
            guard fields.count >= 2 else {
                throw InkInputError.malformedTrace(id: traceID, detail: "a point with only one value")
            }
            guard let x = Double(String(decoding: fields[0], as: UTF8.self)),
                  let y = Double(String(decoding: fields[1], as: UTF8.self)), x.isFinite, y.isFinite else {
                throw InkInputError.malformedTrace(id: traceID, detail: "\"\(String(decoding: chunk, as: UTF8.self).prefix(40))\" is not numeric")
            }
            points.append(InkPoint(x: x, y: y))
        }
        return points
    }

    /// `"5"`, `"#5"` and `"file.inkml#5"` all name trace 5.
    static func traceID(fromReference reference: String) -> String {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if let hash = trimmed.lastIndex(of: "#") { return String(trimmed[trimmed.index(after: hash)...]) }
        return trimmed
    }

    /// Trims any Unicode white space (files contain non-breaking spaces) and maps typographic
    /// minus signs to ASCII, so `"−"` and `"-"` are the same label.
    static func normalisedLabel(_ raw: String) -> String {
        var label = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        label = label.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: "\u{2013}", with: "-")
        return label.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func stripMathDelimiters(_ raw: String) -> String {
        var truth = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        while truth.hasPrefix("$") { truth.removeFirst() }
        while truth.hasSuffix("$") { truth.removeLast() }
        return truth.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func decodeEntities(_ raw: [UInt8]) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                result += "&"; rest = rest[rest.index(after: amp)...]; continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "lt": result += "<"
            case "gt": result += ">"
            case "amp": result += "&"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let scalar: UInt32? = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let value = scalar, let unicode = Unicode.Scalar(value) { result.unicodeScalars.append(unicode) } else { result += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return result + rest
    }
}
