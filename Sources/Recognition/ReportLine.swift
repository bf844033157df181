import Foundation

/// The JSON Lines record for one input file: `FileReading`'s encoding on one line, keys sorted
/// so every record reads the same whatever the platform's dictionary order.
public enum ReportLine {
    public static func json(_ reading: FileReading) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers, booleans and arrays of them cannot fail; the fallback keeps
        // the one-record-per-file promise all the same.
        guard let data = try? encoder.encode(reading) else {
            return #"{"error":"the reading could not be encoded","file":"# + quoted(reading.file) + "}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    public static func json(file: String, page: PageReading) -> String { json(FileReading(file: file, page: page)) }

    public static func json(file: String, error: String) -> String { json(FileReading(file: file, error: error)) }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data(#""""#.utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
