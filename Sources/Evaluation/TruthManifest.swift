import Foundation

/// One page of a truth manifest in the real-dev format: tab-separated, with a header naming at
/// least `id, repo, tier, kind, truth` (real-dev also has `path, commit, notes`).
public struct ManifestRow: Equatable, Sendable {
    public var id: String
    /// The `repo` column: one repository is one writer.
    public var writer: String
    public var tier: String
    /// `photo`, `scan` or `drawn`.
    public var kind: String
    /// Tokens separated by spaces, lines by ` ; ` (see `ScoreTokens`).
    public var truth: String

    public init(id: String, writer: String, tier: String, kind: String, truth: String) {
        (self.id, self.writer, self.tier, self.kind, self.truth) = (id, writer, tier, kind, truth)
    }
}

public struct ManifestError: Error, CustomStringConvertible, Equatable {
    public let description: String
}

public enum TruthManifest {
    public static let requiredColumns = ["id", "repo", "tier", "kind", "truth"]

    /// The rows of a manifest, in file order. As in the reference, a row with an empty first
    /// field is skipped and a short row leaves its missing fields empty.
    public static func parse(_ text: String) throws -> [ManifestRow] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        if lines.last == [""] { lines.removeLast() }
        guard let header = lines.first else { throw ManifestError(description: "the manifest is empty") }
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw ManifestError(description: "the manifest's header lacks the column\(missing.count > 1 ? "s" : "") "
                                + missing.joined(separator: ", ") + " (it needs " + requiredColumns.joined(separator: ", ") + ")")
        }
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
        let (id, repo, tier, kind, truth) = (column("id"), column("repo"), column("tier"), column("kind"), column("truth"))
        return lines.dropFirst().compactMap { fields in
            guard let first = fields.first, !first.isEmpty else { return nil }
            func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
            return ManifestRow(id: field(id), writer: field(repo), tier: field(tier), kind: field(kind), truth: field(truth))
        }
    }
}
