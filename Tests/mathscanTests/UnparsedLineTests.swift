import Foundation
import XCTest

/// Lines that do not parse, through the whole tool: real handwriting from a CROHME fixture
/// (MfrDB0332, `1 + 1 = 2`, writer User006) cut down to some of its strokes.
final class UnparsedLineTests: XCTestCase {
    static let fixture = MathscanProcess.repository.appendingPathComponent("Tests/Fixtures/inkml/MfrDB0332.inkml")

    /// An InkML document with only the fixture's traces `ids`, one symbol per group of ids.
    func inkML(_ symbols: [(label: String, ids: [Int])]) throws -> URL {
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        var traces = ""
        var groups = ""
        for symbol in symbols {
            groups += "<traceGroup><annotation type=\"truth\">\(symbol.label)</annotation>"
            for id in symbol.ids {
                let start = try XCTUnwrap(text.range(of: "<trace id=\"\(id)\">"), "trace \(id)")
                let end = try XCTUnwrap(text.range(of: "</trace>", range: start.upperBound..<text.endIndex))
                traces += String(text[start.lowerBound..<end.upperBound]) + "\n"
                groups += "<traceView traceDataRef=\"\(id)\"/>"
            }
            groups += "</traceGroup>"
        }
        let document = "<ink xmlns=\"http://www.w3.org/2003/InkML\">\n\(traces)<traceGroup>\(groups)</traceGroup></ink>\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mathscan-unparsed-\(UUID().uuidString).inkml")
        try Data(document.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func line(of file: URL) throws -> [String: Any] {
        let outcome = try MathscanProcess.run(["recognize", "--json", file.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let page = try XCTUnwrap(outcome.jsonLines.first, outcome.stdout)
        let lines = try XCTUnwrap(page["lines"] as? [[String: Any]], outcome.stdout)
        XCTAssertEqual(lines.count, 1, outcome.stdout)
        return try XCTUnwrap(lines.first)
    }

    /// A lone `+` is reported as a `+` that does not parse, not as a digit.
    func testLonePlusStaysAPlus() throws {
        let line = try line(of: inkML([("+", [1, 2])]))
        XCTAssertEqual(line["latex"] as? String, "+")
        XCTAssertTrue((line["problem"] as? String)?.contains("the line ends after '+'") == true, "\(line)")
        for key in ["value", "verdict", "note"] { XCTAssertTrue(line[key] is NSNull, "\(key): \(line)") }
    }

    /// A line that stops after a confident operator stays as written, with its problem.
    func testUnfinishedLineStaysAsWritten() throws {
        let line = try line(of: inkML([("1", [0]), ("+", [1, 2])]))
        XCTAssertEqual(line["latex"] as? String, "1 +")
        XCTAssertTrue((line["problem"] as? String)?.contains("the line ends after '+'") == true, "\(line)")
        for key in ["value", "verdict", "note"] { XCTAssertTrue(line[key] is NSNull, "\(key): \(line)") }
    }

    /// A line that parses has a verdict note and a null problem.
    func testWholeEquationHasNoProblem() throws {
        let line = try line(of: inkML([("1", [0]), ("+", [1, 2]), ("1", [3]), ("=", [4, 5]), ("2", [6])]))
        XCTAssertEqual(line["latex"] as? String, "1 + 1 = 2")
        XCTAssertEqual(line["verdict"] as? Bool, true)
        XCTAssertEqual(line["note"] as? String, "exact")
        XCTAssertTrue(line["problem"] is NSNull, "\(line)")
    }
}
