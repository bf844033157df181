import Foundation

/// Committed test data under Tests/Fixtures (found from this file's path, no bundle needed).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func inkML(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("inkml").appendingPathComponent(name), encoding: .utf8)
    }
}
