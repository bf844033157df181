import Foundation
import XCTest

/// Golden samples: every `samples/NAME.{png,jpg}` is recognised as its `NAME.expected` says.
/// An expected file has one row per line of writing: `LATEX | VERDICT` (true, false or none).
final class SampleTests: XCTestCase {
    func testEverySampleMatchesItsExpectation() throws {
        let folder = MathscanProcess.repository.appendingPathComponent("samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let images = names.filter { ["png", "jpg"].contains(URL(fileURLWithPath: $0).pathExtension) }
        XCTAssertGreaterThanOrEqual(images.count, 20, "at least 20 samples")
        let paths = images.map { folder.appendingPathComponent($0).path }
        let outcome = try MathscanProcess.run(["recognize", "--json"] + paths)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let results = outcome.jsonLines
        XCTAssertEqual(results.count, paths.count)
        for (path, result) in zip(paths, results) {
            let expectedURL = URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("expected")
            let rows = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }
            let lines = result["lines"] as? [[String: Any]] ?? []
            XCTAssertEqual(lines.count, rows.count, "\(path): number of lines")
            for (row, line) in zip(rows, lines) {
                let parts = row.components(separatedBy: " | ")
                XCTAssertEqual(line["latex"] as? String, parts[0], "\(path)")
                let verdict = parts.count > 1 ? parts[1] : "none"
                let actual = (line["verdict"] as? Bool).map { $0 ? "true" : "false" } ?? "none"
                XCTAssertEqual(actual, verdict, "\(path): verdict of \(parts[0])")
            }
        }
    }
}
