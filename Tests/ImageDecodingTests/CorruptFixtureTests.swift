import XCTest
import ImageDecoding

/// Must-fail fixtures (Tests/Fixtures/corrupt/): each gives its error case, never a crash or a hang.
final class CorruptFixtureTests: XCTestCase {
    enum Expected {
        case exactly(ImageDecodingError)
        case truncated
        case corrupt
    }

    static let cases: [(String, Expected)] = [
        ("empty.png", .exactly(.empty)),
        ("truncated.png", .truncated),
        ("bad-crc.png", .corrupt),
        ("bad-crc-ancillary.png", .corrupt),
        ("bad-zlib.png", .corrupt),
        ("huge.png", .exactly(.tooLarge(width: 100_000, height: 100_000, limit: 100_000_000))),
        ("truncated.jpg", .truncated),
        ("header-only.jpg", .truncated),
        ("no-image.jpg", .corrupt),
        ("extraneous-bytes.jpg", .corrupt), // a libjpeg warning, made an error
        ("huge.jpg", .exactly(.tooLarge(width: 60_000, height: 60_000, limit: 100_000_000))),
        ("bad-huffman.jpg", .corrupt),
        ("random.bin", .exactly(.unsupportedFormat)),
        ("text.png", .exactly(.unsupportedFormat)),
    ]

    func testEachFixtureFailsWithItsError() throws {
        for (name, expected) in Self.cases {
            let bytes = try Fixtures.bytes("corrupt/\(name)")
            XCTAssertThrowsError(try ImageDecoder.decode(bytes), name) { error in
                guard let error = error as? ImageDecodingError else { return XCTFail("\(name): \(error)") }
                switch (expected, error) {
                case (.exactly(let expectedError), _): XCTAssertEqual(error, expectedError, name)
                case (.truncated, .truncated), (.corrupt, .corrupt): break
                default: XCTFail("\(name): expected \(expected), got \(error)")
                }
                XCTAssertFalse(error.description.isEmpty, name)
            }
        }
    }

    func testHeaderOfCorruptFilesFailsToo() throws {
        for name in ["empty.png", "random.bin", "text.png", "header-only.jpg"] {
            XCTAssertThrowsError(try ImageDecoder.header(of: try Fixtures.bytes("corrupt/\(name)")), name)
        }
    }

    func testHugeDeclarationsStillHaveAReadableHeader() throws {
        XCTAssertEqual(try ImageDecoder.header(of: try Fixtures.bytes("corrupt/huge.png")),
                       ImageHeader(format: .png, width: 100_000, height: 100_000))
    }
}
