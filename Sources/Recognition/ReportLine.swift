import Foundation

/// JSON Lines records: one value on one line, keys sorted so every record reads the same
/// whatever the platform's dictionary order.
public enum ReportLine {
    public static func encoded<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `FileReading`'s record. Encoding fails only on a non-finite number; the record then
    /// still says which file it is about, keeping the one-line-per-file promise.
    public static func json(_ reading: FileReading) -> String {
        (try? encoded(reading)) ?? (try? encoded(FileReading(file: reading.file, error: "the reading could not be encoded"))) ?? "{}"
    }

    public static func json(file: String, page: PageReading) -> String { json(FileReading(file: file, page: page)) }

    public static func json(file: String, error: String) -> String { json(FileReading(file: file, error: error)) }
}
