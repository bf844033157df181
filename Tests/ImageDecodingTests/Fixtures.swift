import Foundation
import ImageDecoding

/// Reads the files under Tests/Fixtures/, located relative to this source file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// A binary PGM (P5, maxval 255) with single spaces/newlines between header fields.
    static func pgm(_ path: String) throws -> GrayImage {
        let data = try bytes(path)
        var fields: [Int] = []
        var index = 2 // after "P5"
        while fields.count < 3 {
            while data[index] == 0x20 || data[index] == 0x0A { index += 1 }
            var value = 0
            while data[index] >= 0x30 && data[index] <= 0x39 {
                value = value * 10 + Int(data[index] - 0x30)
                index += 1
            }
            fields.append(value)
        }
        index += 1 // the single whitespace after maxval
        return GrayImage(width: fields[0], height: fields[1], pixels: Array(data[index...]))
    }
}

extension GrayImage {
    /// Largest absolute difference between corresponding pixels (same size required).
    func maxDifference(from other: GrayImage) -> Int {
        zip(pixels, other.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }
}
