import Foundation
import XCTest

/// Golden samples: every `samples/NAME.{png,jpg}` is recognised as its `NAME.expected` says, or,
/// for a known failure, exactly as its `NAME.known-failure` records (today's wrong reading), so
/// that any change in a sample's reading, better or worse, is seen. Both files have one row per
/// line of writing: `LATEX | VERDICT` (true, false or none).
final class SampleTests: XCTestCase {
    func testEverySampleReadsAsExpectedOrAsItsRecordedFailure() throws {
        let folder = MathscanProcess.repository.appendingPathComponent("samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let images = names.filter { ["png", "jpg"].contains(URL(fileURLWithPath: $0).pathExtension) }
        XCTAssertGreaterThanOrEqual(images.count, 20, "at least 20 samples")
        let paths = images.map { folder.appendingPathComponent($0).path }
        let outcome = try MathscanProcess.run(["recognize", "--json"] + paths)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let results = outcome.jsonLines
        XCTAssertEqual(results.count, paths.count)
        var knownFailures = 0
        for (path, result) in zip(paths, results) {
            let base = URL(fileURLWithPath: path).deletingPathExtension()
            let expected = try rows(base.appendingPathExtension("expected"))
            let lines = result["lines"] as? [[String: Any]] ?? []
            let read = lines.map { line in
                let verdict = (line["verdict"] as? Bool).map { $0 ? "true" : "false" } ?? "none"
                return "\((line["latex"] as? String) ?? "") | \(verdict)"
            }
            let failureFile = base.appendingPathExtension("known-failure")
            if FileManager.default.fileExists(atPath: failureFile.path) {
                knownFailures += 1
                XCTAssertNotEqual(read, expected, "\(path) is now read right: delete \(failureFile.lastPathComponent)")
                XCTAssertEqual(read, try rows(failureFile), "\(path): reading changed from the recorded known failure")
            } else {
                XCTAssertEqual(read, expected, "\(path)")
            }
        }
        XCTAssertLessThan(knownFailures, images.count / 2, "most samples must read right")
    }

    private func rows(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }.map(String.init)
    }
}
