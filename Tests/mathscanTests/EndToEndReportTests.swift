import XCTest

/// `end-to-end-report` on committed fixtures: the composed mode runs and counts what it composed.
final class EndToEndReportTests: XCTestCase {
    private let inkFolder = MathscanProcess.repository.appendingPathComponent("Tests/Fixtures/inkml").path

    func testComposedEquationsAreCountedAndMissingSymbolsNoted() throws {
        // Three fixtures hold no handwritten 3, 9, minus, point or parentheses.
        let files = ["MfrDB0332.inkml", "formulaire031-equation041.inkml", "formulaire005-equation045.inkml"]
        let outcome = try MathscanProcess.run(["end-to-end-report", "--compose", "4", "--seed", "2"]
                                              + files.flatMap { ["--bank", "\(inkFolder)/\($0)"] })
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("of 4 composed equations read exactly"), outcome.stdout)
        XCTAssertTrue(outcome.stderr.contains("no usable 3 9 - . ( )"), outcome.stderr)
    }

    func testFullFixtureBankHasEverySymbol() throws {
        let outcome = try MathscanProcess.run(["end-to-end-report", "--compose", "2", "--bank", inkFolder, "--photo"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("photo-like:"), outcome.stdout)
        XCTAssertFalse(outcome.stderr.contains("no usable"), outcome.stderr)
    }

    func testComposeWithoutBankIsAUsageError() throws {
        let outcome = try MathscanProcess.run(["end-to-end-report", "--compose", "4"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("--bank"), outcome.stderr)
    }
}

/// `evaluate --through-recognizer`: each isolated symbol, classifier alone and through the whole pipeline.
final class ThroughRecognizerTests: XCTestCase {
    func testBothAccuraciesAreReportedForEverySymbol() throws {
        // MfrDB0332 is `1 + 1 = 2`: five symbols, all in the vocabulary.
        let file = MathscanProcess.repository.appendingPathComponent("Tests/Fixtures/inkml/MfrDB0332.inkml").path
        let outcome = try MathscanProcess.run(["evaluate", "--data", file, "--through-recognizer"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "isolated symbols 5", outcome.stdout)
        for prefix in ["classifier alone", "through recognize(imageBytes:)"] {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix(prefix) }, outcome.stdout)
            let percent = try XCTUnwrap(line.dropFirst(prefix.count).split(separator: " ").first.flatMap { Double($0) }, line)
            XCTAssertTrue((0...100).contains(percent), line)
        }
        // One row per class of the file, with its support.
        XCTAssertTrue(lines.contains { $0.hasPrefix("1 ") && $0.contains(" 2 ") }, outcome.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("= ") && $0.contains(" 1 ") }, outcome.stdout)
    }

    func testThroughRecognizerRefusesTheClassifierOnlyOptions() throws {
        XCTAssertEqual(try MathscanProcess.run(["evaluate", "--data", "x", "--through-recognizer", "--json"]).status, 2)
    }
}
