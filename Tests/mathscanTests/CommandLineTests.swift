import Foundation
import ImageDecoding
import XCTest

/// Runs the built `mathscan` executable as a user or an outside tool would, and checks the
/// command-line contract of DESIGN.md: output, JSON Lines and exit statuses.
final class CommandLineTests: XCTestCase {
    static let repository = MathscanProcess.repository
    static let corrupt = repository.appendingPathComponent("Tests/Fixtures/corrupt")
    static let samples = repository.appendingPathComponent("samples")

    func mathscan(_ arguments: [String]) throws -> MathscanProcess.Outcome {
        try MathscanProcess.run(arguments)
    }

    func corruptFixtures() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.corrupt.path).sorted()
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }
            .map { Self.corrupt.appendingPathComponent($0).path }
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mathscan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func firstSample() throws -> String {
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: Self.samples.path).sorted()
            .first { $0.hasSuffix(".png") }, "samples/ has no PNG")
        return Self.samples.appendingPathComponent(name).path
    }

    // MARK: usage errors exit with 2

    func testMissingFilesIsAUsageError() throws {
        let outcome = try mathscan(["recognize"])
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
    }

    func testUnknownOptionIsAUsageError() throws {
        XCTAssertEqual(try mathscan(["recognize", "--no-such-option", "x.png"]).status, 2)
        XCTAssertEqual(try mathscan(["batch", "x", "--out", "/tmp/r.jsonl", "--shard", "5/4"]).status, 2)
    }

    // MARK: bad input never crashes

    func testEveryCorruptFileGetsAnErrorLineInInputOrder() throws {
        let good = try firstSample()
        let bad = try corruptFixtures()
        XCTAssertGreaterThanOrEqual(bad.count, 8)
        let files = [good] + bad + ["/no/such/file.png"]
        let outcome = try mathscan(["recognize", "--json"] + files)
        XCTAssertEqual(outcome.status, 1, "some files failed")
        let lines = outcome.jsonLines
        XCTAssertEqual(lines.map { $0["file"] as? String }, files)
        XCTAssertTrue(lines[0]["error"] is NSNull, "\(lines[0])")
        for line in lines.dropFirst() {
            let error = try XCTUnwrap(line["error"] as? String, "\(line)")
            XCTAssertFalse(error.isEmpty)
            XCTAssertTrue(line["latex"] is NSNull)
        }
    }

    func testCorruptModelIsRefusedWithAMessage() throws {
        let folder = try temporaryFolder()
        let model = folder.appendingPathComponent("broken.msmodel")
        try Data("not a model".utf8).write(to: model)
        let outcome = try mathscan(["recognize", "--model", model.path, try firstSample()])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("broken.msmodel"), outcome.stderr)
    }

    // MARK: batch

    func testBatchReportsBadFilesAndGoesOn() throws {
        let folder = try temporaryFolder()
        let inputs = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for file in try corruptFixtures() + [try firstSample()] {
            let name = URL(fileURLWithPath: file).lastPathComponent
            try FileManager.default.copyItem(atPath: file, toPath: inputs.appendingPathComponent(name).path)
        }
        let expected = try FileManager.default.contentsOfDirectory(atPath: inputs.path)
            .filter { ["png", "jpg", "jpeg", "inkml"].contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
        let report = folder.appendingPathComponent("report.jsonl")
        let outcome = try mathscan(["batch", inputs.path, "--out", report.path, "--jobs", "2"])
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        let lines = try String(contentsOf: report, encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(Set(lines.compactMap { $0["file"] as? String }.map { URL(fileURLWithPath: $0).lastPathComponent }), Set(expected))
        XCTAssertEqual(lines.filter { $0["error"] is NSNull }.count, 1, "only the sample reads")

        // Resuming finds nothing left to do and leaves the report as it was.
        let before = try Data(contentsOf: report)
        let resumed = try mathscan(["batch", inputs.path, "--out", report.path, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try Data(contentsOf: report), before)
        // Without --resume an existing report is not overwritten.
        XCTAssertEqual(try mathscan(["batch", inputs.path, "--out", report.path]).status, 2)
    }

    /// A page past --time-budget fails with the library's message and exit status 1; a batch
    /// records the error on the page's line and goes on with the other files.
    func testPagePastTheTimeBudgetFailsAndTheBatchGoesOn() throws {
        let folder = try temporaryFolder()
        let specks = folder.appendingPathComponent("specks.png")
        try Data(ImageEncoder.png(SpecklePage.make())).write(to: specks)
        let outcome = try mathscan(["recognize", "--time-budget", "0.001", specks.path])
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("specks.png: reading the page took longer than its time budget of 0.001 s"), outcome.stderr)

        let report = folder.appendingPathComponent("report.jsonl")
        let batch = try mathscan(["batch", specks.path, try firstSample(), "--out", report.path, "--time-budget", "0.001"])
        XCTAssertEqual(batch.status, 1, batch.stderr)
        let lines = try String(contentsOf: report, encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(lines.count, 2)
        for line in lines {
            XCTAssertTrue((line["error"] as? String)?.contains("time budget") == true, "\(line)")
        }
        let negative = try mathscan(["recognize", "--time-budget=-1", specks.path])
        XCTAssertNotEqual(negative.status, 0)
        XCTAssertTrue(negative.stderr.contains("--time-budget must be 0 or more seconds"), negative.stderr)
    }

    /// Workers share one model; the readings must not depend on how many there are.
    func testOneWorkerAndTwoGiveTheSameReport() throws {
        let folder = try temporaryFolder()
        var reports: [[String: String]] = []
        for jobs in ["1", "2"] {
            let report = folder.appendingPathComponent("jobs\(jobs).jsonl")
            let outcome = try mathscan(["batch", MathscanProcess.repository.appendingPathComponent("samples").path, "--out", report.path, "--jobs", jobs])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            var byFile: [String: String] = [:]
            for line in try String(contentsOf: report, encoding: .utf8).split(separator: "\n") {
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                byFile[try XCTUnwrap(object["file"] as? String)] = String(line)
            }
            reports.append(byFile)
        }
        XCTAssertGreaterThanOrEqual(reports[0].count, 20)
        XCTAssertEqual(reports[0], reports[1])
    }

    /// recognize reads several files at once but prints them in input order, as one worker does.
    func testRecognizeWithTwoJobsPrintsWhatOneJobPrints() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.samples.path).sorted()
            .filter { $0.hasSuffix(".png") }.map { Self.samples.appendingPathComponent($0).path }
        XCTAssertGreaterThanOrEqual(files.count, 20)
        let one = try mathscan(["recognize", "--json", "--jobs", "1"] + files)
        let two = try mathscan(["recognize", "--json", "--jobs", "2"] + files)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(two.status, 0, two.stderr)
        XCTAssertEqual(one.jsonLines.map { $0["file"] as? String }, files)
        XCTAssertEqual(two.stdout, one.stdout)
        XCTAssertEqual(try mathscan(["recognize", "--jobs", "0", files[0]]).status, 2)
    }

    /// The 2-D model's readings carry a value and a verdict where arithmetic, in text and JSON:
    /// issue 15's `\sqrt{16} = 4` (composed from a held-out writer's symbols) is true, exactly;
    /// `x^2 + 3x = 10` is printed, not evaluated.
    func testTwoDimensionalReadingsAreGradedWhereArithmetic() throws {
        let fixtures = Self.repository.appendingPathComponent("Tests/Fixtures/inkml")
        let files = ["2d-root.inkml", "2d-power-letters.inkml"].map { fixtures.appendingPathComponent($0).path }
        let json = try mathscan(["recognize", "--classes", "crohme", "--json"] + files)
        XCTAssertEqual(json.status, 0, json.stderr)
        let lines = json.jsonLines.compactMap { ($0["lines"] as? [[String: Any]])?.first }
        XCTAssertEqual(lines.count, 2, json.stdout)
        XCTAssertEqual(lines.first?["latex"] as? String, "\\sqrt { 16 } = 4")
        XCTAssertEqual(lines.first?["value"] as? String, "4")
        XCTAssertEqual(lines.first?["verdict"] as? Bool, true)
        XCTAssertEqual(lines.first?["note"] as? String, "exact")
        XCTAssertEqual(lines.last?["latex"] as? String, "x ^ { 2 } + 3 x = 10")
        XCTAssertTrue(lines.last?["value"] is NSNull, json.stdout)
        XCTAssertTrue(lines.last?["verdict"] is NSNull, json.stdout)
        XCTAssertEqual(lines.last?["note"] as? String, "not arithmetic: contains x")
        let text = try mathscan(["recognize", "--classes", "crohme", "--mathml", files[0]])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("\\sqrt { 16 } = 4    value 4    TRUE (exact)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("<math><mrow><msqrt><mn>16</mn></msqrt><mo>=</mo><mn>4</mn></mrow></math>"), text.stdout)
    }

    /// The benchmarks report, not assert, speed; what they do assert is checked here: bench-batch
    /// compares one worker's lines with two workers' and bench gives a full-decode column.
    func testBenchmarksRunAndCompare() throws {
        let sample = try firstSample()
        let batch = try mathscan(["bench-batch", Self.samples.path, "--jobs", "2", "--rounds", "1"])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertTrue(batch.stdout.contains("results with 2 workers identical to 1 worker"), batch.stdout)
        let bench = try mathscan(["bench", "--repeat", "1", sample])
        XCTAssertEqual(bench.status, 0, bench.stderr)
        let rows = bench.stdout.split(separator: "\n").map { $0.split(separator: "\t") }
        XCTAssertEqual(rows.count, 2, bench.stdout)
        XCTAssertEqual(rows.first?.last, "total/full_decode")
        XCTAssertEqual(rows.first?.count, rows.last?.count)
        XCTAssertNotEqual(rows.last?.last, "-", "a PNG has a full decode time")
        XCTAssertEqual(try mathscan(["bench-batch", sample, "--jobs", "0"]).status, 2)
    }
}
