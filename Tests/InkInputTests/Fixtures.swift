import Foundation

/// Committed test data under Tests/Fixtures (found from this file's path, no bundle needed).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture's text; invalid UTF-8 (fuzzed files hold some) is replaced, as the CLI reads files.
    static func inkML(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent("inkml").appendingPathComponent(name)), as: UTF8.self)
    }
}
