import Foundation
import XCTest

/// Issue #10's honest measurement: the held-out writers' data is measurable on its own, and the
/// same training command gives the same weights byte for byte.
final class HeldOutWritersTests: XCTestCase {
    private let inkFolder = MathscanProcess.repository.appendingPathComponent("Tests/Fixtures/inkml").path

    // Of the fixtures, formulaire005-equation045 (depart005, `17 ÷ 66 = 0.26`) and
    // formulaire031-equation041 (depart031, `8 × 5 = 40`) are by held-out writers; the others
    // (depart012, depart014, User006, User046, no writer) are not.

    func testEndToEndReportMeasuresOnlyTheHeldOutWritersExpressions() throws {
        let outcome = try MathscanProcess.run(["end-to-end-report", "--held-out-writers", inkFolder, "--verbose"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("of 2 expressions read exactly"), outcome.stdout)
        XCTAssertFalse(outcome.stdout.contains("formulaire012"), outcome.stdout)
    }

    func testEvaluateClassifiesOnlyTheHeldOutWritersSymbols() throws {
        let cache = try temporaryFolder()
        let outcome = try MathscanProcess.run(["evaluate", "--held-out-writers", inkFolder, "--json", "--cache", cache.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let report = try XCTUnwrap(outcome.jsonLines.first)
        let confusion = try XCTUnwrap(report["confusion"] as? [[Int]])
        // 1 7 ÷ 6 6 = 0 . 2 6 and 8 × 5 = 4 0: sixteen symbols.
        XCTAssertEqual(confusion.flatMap { $0 }.reduce(0, +), 16, outcome.stdout)
    }

    /// `--selection-split` classifies only the files `mathscan train` chooses its epoch on: the
    /// same expression (User006's `1 + 1 = 2`) under a file name hashing to 0 mod 10 counts, under
    /// another name it does not.
    func testEvaluateClassifiesOnlyTheSelectionSplitsSymbols() throws {
        let folder = try temporaryFolder()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: inkFolder).appendingPathComponent("MfrDB0332.inkml")
        for name in ["selection11.inkml", "training0.inkml"] {
            try FileManager.default.copyItem(at: source, to: data.appendingPathComponent(name))
        }
        let outcome = try MathscanProcess.run(["evaluate", "--selection-split", data.path, "--json",
                                               "--cache", folder.appendingPathComponent("cache").path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let report = try XCTUnwrap(outcome.jsonLines.first)
        let confusion = try XCTUnwrap(report["confusion"] as? [[Int]])
        XCTAssertEqual(confusion.flatMap { $0 }.reduce(0, +), 5, outcome.stdout)
    }

    func testEvaluateNeedsExactlyOneSource() throws {
        XCTAssertEqual(try MathscanProcess.run(["evaluate"]).status, 2)
        XCTAssertEqual(try MathscanProcess.run(["evaluate", "--data", inkFolder, "--held-out-writers", inkFolder]).status, 2)
        XCTAssertEqual(try MathscanProcess.run(["evaluate", "--data", inkFolder, "--selection-split", inkFolder]).status, 2)
        XCTAssertEqual(try MathscanProcess.run(["evaluate", "--selection-split", inkFolder, "--through-recognizer"]).status, 2)
    }

    /// Twice the same tiny training run — the first extracting crops, the second reading them
    /// from the cache — writes identical bytes. (That the core count does not matter is by
    /// construction: `Parallel` always splits into the same parts; see ParallelTests.)
    func testTheSameTrainingCommandWritesIdenticalWeights() throws {
        let folder = try temporaryFolder()
        func train(_ name: String) throws -> Data {
            let out = folder.appendingPathComponent(name).path
            let outcome = try MathscanProcess.run(["train", "--data", inkFolder, "--out", out, "--epochs", "2", "--batch-size", "16",
                                                   "--min-per-class", "8", "--max-per-class", "8", "--seed", "3",
                                                   "--cache", folder.appendingPathComponent("cache").path])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            return try Data(contentsOf: URL(fileURLWithPath: out))
        }
        let first = try train("first.msmodel")
        let second = try train("second.msmodel")
        XCTAssertGreaterThan(first.count, 10_000)
        XCTAssertEqual(first, second, "a run from cached crops differs from the first run")
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mathscan-heldout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
