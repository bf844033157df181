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
