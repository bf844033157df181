import Foundation

/// JSON Lines records: one value on one line, keys sorted so every record reads the same
/// whatever the platform's dictionary order.
public enum ReportLine {
    public static func encoded<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `value` on one line, or `fallback` when `value` cannot be encoded (only a non-finite
    /// number can do that): a record that still names its file keeps the one-line-per-file promise.
    public static func line<Value: Encodable>(_ value: Value, fallback: Value) -> String {
        (try? encoded(value)) ?? (try? encoded(fallback)) ?? "{}"
    }

    public static func json(_ reading: FileReading) -> String {
        line(reading, fallback: FileReading(file: reading.file, error: "the reading could not be encoded"))
    }

    public static func json(file: String, page: PageReading) -> String { json(FileReading(file: file, page: page)) }

    public static func json(file: String, error: String) -> String { json(FileReading(file: file, error: error)) }
}
