import Foundation
import Recognition

/// The figures of a scored set of pages: exact pages overall, per tier, per kind and per writer,
/// worksheet items, and the reading errors by class with their most frequent forms. The text
/// follows the reference scorer's layout, so the two can be read side by side.
public struct ScoreSummary: Sendable {
    public var pages: [PageScore]
    /// The set's name (the manifest's folder) and the tiers scored, for the last line.
    public var name: String
    public var tiers: [String]

    public init(pages: [PageScore], name: String, tiers: [String]) {
        (self.pages, self.name, self.tiers) = (pages, name, tiers)
    }

    public struct Tally: Equatable, Sendable {
        public var key: String
        public var exact: Int
        public var pages: Int
    }

    public var exactCount: Int { pages.filter(\.exact).count }

    /// Pages grouped by `key`, groups in order of first appearance.
    public func tallies(_ key: (ManifestRow) -> String) -> [Tally] {
        var order: [String] = []
        var counts: [String: (Int, Int)] = [:]
        for page in pages {
            let value = key(page.row)
            if counts[value] == nil { order.append(value) }
            let (exact, total) = counts[value] ?? (0, 0)
            counts[value] = (exact + (page.exact ? 1 : 0), total + 1)
        }
        return order.map { Tally(key: $0, exact: counts[$0]?.0 ?? 0, pages: counts[$0]?.1 ?? 0) }
    }

    /// Writers with most pages first, ties in order of appearance (as the reference sorts them).
    public var writers: [Tally] {
        tallies(\.writer).enumerated().sorted { ($1.element.pages, $0.offset) < ($0.element.pages, $1.offset) }.map(\.element)
    }

    public var writersFullyRight: Int { writers.filter { $0.exact == $0.pages }.count }

    /// Events and pages per error class, and the forms of each class by frequency.
    public struct ErrorCount: Sendable {
        public var kind: ReadingErrorClass
        public var events: Int
        public var pages: Int
        public var forms: [(key: String, count: Int)]
    }

    public var errorCounts: [ErrorCount] {
        ReadingErrorClass.allCases.map { kind in
            var forms: [String: Int] = [:]
            var events = 0, affected = 0
            for page in pages {
                let found = page.errors.filter { $0.kind == kind }
                events += found.count
                if !found.isEmpty { affected += 1 }
                for error in found { forms[error.key, default: 0] += 1 }
            }
            let sorted = forms.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (key: $0.key, count: $0.value) }
            return ErrorCount(kind: kind, events: events, pages: affected, forms: sorted)
        }
    }

    /// The report: misses (every page with `show`), writers, kinds, tiers, items when asked,
    /// errors, and the overall rate.
    public func text(items: Bool, show: Bool, topForms: Int = 8) -> String {
        var out: [String] = []
        for page in pages where show || !page.exact {
            let read = page.readText.isEmpty ? (page.failure ?? "nothing") : page.readText
            out.append("\(page.exact ? "ok  " : "MISS") \(page.row.id) | truth: \(page.row.truth) | read: \(read)")
        }
        for writer in writers { out.append("  \(writer.key): \(writer.exact)/\(writer.pages)") }
        let list = { (tallies: [Tally]) in
            tallies.sorted { $0.key < $1.key }.map { "\($0.key) \($0.exact)/\($0.pages)" }.joined(separator: ", ")
        }
        out.append("by kind: " + list(tallies(\.kind)))
        out.append("by tier: " + list(tallies(\.tier)))
        if items {
            let (matched, wanted) = itemCounts
            out.append("items: \(matched)/\(wanted) = \(Self.rate(matched, wanted))")
        }
        let counts = errorCounts
        let wrongPages = pages.filter { !$0.errors.isEmpty }.count
        out.append("errors on \(wrongPages) pages: " + counts.map { "\($0.kind.rawValue) \($0.events) (\($0.pages) pages)" }.joined(separator: ", "))
        for count in counts where !count.forms.isEmpty && !count.kind.isLineLevel {
            out.append("  \(count.kind.rawValue): " + count.forms.prefix(topForms).map { "\($0.key) ×\($0.count)" }.joined(separator: ", "))
        }
        out.append("\(name) (\(tiers.sorted().joined(separator: ","))): \(exactCount)/\(pages.count) = \(Self.rate(exactCount, pages.count)) exact; "
                   + "\(writersFullyRight)/\(writers.count) writers fully right")
        return out.joined(separator: "\n")
    }

    public var itemCounts: (matched: Int, wanted: Int) {
        (pages.map(\.itemsMatched).reduce(0, +), pages.map(\.itemsWanted).reduce(0, +))
    }

    /// Three decimals, as the reference prints rates; 0 of 0 is 0.
    static func rate(_ part: Int, _ whole: Int) -> String {
        String(format: "%.3f", Double(part) / Double(max(1, whole)))
    }

    /// The same figures, and every page, as one JSON object.
    public func json(items: Bool) -> JSONValue {
        let tallyObject = { (tallies: [Tally]) in
            JSONValue.object(tallies.map { ($0.key, .object([("exact", .number(Double($0.exact))), ("pages", .number(Double($0.pages)))])) })
        }
        let number = { (value: Int) in JSONValue.number(Double(value)) }
        let (matched, wanted) = itemCounts
        return .object([
            ("set", .string(name)),
            ("tiers", .array(tiers.sorted().map(JSONValue.string))),
            ("pages", number(pages.count)),
            ("exact", number(exactCount)),
            ("by_tier", tallyObject(tallies(\.tier).sorted { $0.key < $1.key })),
            ("by_kind", tallyObject(tallies(\.kind).sorted { $0.key < $1.key })),
            ("by_writer", tallyObject(writers)),
            ("writers_fully_right", number(writersFullyRight)),
            ("items", items ? .object([("matched", number(matched)), ("total", number(wanted))]) : .null),
            ("errors", .object(errorCounts.map { count in
                (count.kind.rawValue, .object([
                    ("events", number(count.events)), ("pages", number(count.pages)),
                    ("forms", .array(count.forms.map { .object([("form", .string($0.key)), ("count", number($0.count))]) })),
                ]))
            })),
            ("page_results", .array(pages.map { page in
                .object([
                    ("id", .string(page.row.id)), ("writer", .string(page.row.writer)), ("tier", .string(page.row.tier)),
                    ("kind", .string(page.row.kind)), ("exact", .bool(page.exact)), ("truth", .string(page.row.truth)),
                    ("read", .string(page.readText)), ("failure", .optional(page.failure)),
                    ("items", .object([("matched", number(page.itemsMatched)), ("total", number(page.itemsWanted))])),
                    ("errors", .array(page.errors.map { error in
                        .object([("class", .string(error.kind.rawValue)), ("truth", .string(error.truth.joined(separator: " "))),
                                 ("read", .string(error.read.joined(separator: " ")))])
                    })),
                ])
            })),
        ])
    }
}
