import Foundation
import XCTest

/// A batch killed at any moment loses nothing: `--resume` completes the report with exactly one
/// whole line per input, whatever the file names.
final class CrashSafeBatchTests: XCTestCase {
    private static let oddNames = ["a b.png", "new\nline.png", "quote\"s and 'apostrophes'.png", "ünïcødé ½.png",
                                   "-leading-dash.png", "back\\slash.png", "tab\there.png"]

    private func inputFolder(copies: Int) throws -> (folder: URL, files: Set<String>) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mathscan-kill-\(UUID().uuidString)")
        let inputs = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let samples = MathscanProcess.repository.appendingPathComponent("samples")
        let images = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".png") }.sorted()
        XCTAssertFalse(images.isEmpty)
        var files = Set<String>()
        for index in 0..<copies {
            let name = index < Self.oddNames.count ? Self.oddNames[index] : String(format: "page-%04d.png", index)
            let target = inputs.appendingPathComponent(name)
            try FileManager.default.copyItem(at: samples.appendingPathComponent(images[index % images.count]), to: target)
            files.insert(target.path)
        }
        return (folder, files)
    }

    /// Every line of the report parsed; the test fails on a torn or unparsable line.
    private func reportFiles(_ report: URL) throws -> [String] {
        let text = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(text.isEmpty || text.hasSuffix("\n"), "the report ends with a whole line")
        return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "torn line: \(line)")
            XCTAssertTrue(object["error"] is NSNull, "\(line)")
            return try XCTUnwrap(object["file"] as? String)
        }
    }

    func testKilledBatchResumesToExactlyOneLinePerInput() throws {
        let (folder, files) = try inputFolder(copies: 60)
        let report = folder.appendingPathComponent("report.jsonl")
        let process = Process()
        process.executableURL = MathscanProcess.executable
        process.arguments = ["batch", folder.appendingPathComponent("in").path, "--out", report.path, "--jobs", "2"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once some results are in, mid-write or not.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: report.path)[.size] as? Int) ?? 0
            if size > 4_000 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the batch was still running when killed")

        let resumed = try MathscanProcess.run(["batch", folder.appendingPathComponent("in").path, "--out", report.path, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let written = try reportFiles(report)
        XCTAssertEqual(written.count, files.count, "one line per input, no duplicates")
        XCTAssertEqual(Set(written), files, "every input, with its name as given")
    }

    func testOddFileNamesRoundTripThroughTheReport() throws {
        let (folder, files) = try inputFolder(copies: Self.oddNames.count)
        let report = folder.appendingPathComponent("report.jsonl")
        let outcome = try MathscanProcess.run(["batch", folder.appendingPathComponent("in").path, "--out", report.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(Set(try reportFiles(report)), files)
        // Resuming a complete report finds every odd name already done.
        let resumed = try MathscanProcess.run(["batch", folder.appendingPathComponent("in").path, "--out", report.path, "--resume"])
        XCTAssertTrue(resumed.stderr.contains("\(files.count) files already in"), resumed.stderr)
        XCTAssertEqual(try reportFiles(report).count, files.count)
    }

    func testShardsPartitionTheInputsExactly() throws {
        let (folder, files) = try inputFolder(copies: 16)
        var seen: [String] = []
        for shard in 1...4 {
            let report = folder.appendingPathComponent("shard\(shard).jsonl")
            let outcome = try MathscanProcess.run(["batch", folder.appendingPathComponent("in").path, "--out", report.path, "--shard", "\(shard)/4"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            seen += try reportFiles(report)
        }
        XCTAssertEqual(seen.count, files.count, "no file in two shards")
        XCTAssertEqual(Set(seen), files, "none missing")
    }
}
