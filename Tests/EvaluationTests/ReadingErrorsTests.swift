import XCTest
@testable import Evaluation

/// The error classes found by aligning a reading with its truth, on crafted pairs.
final class ReadingErrorsTests: XCTestCase {
    private func errors(_ truth: String, _ read: [String?]) -> [ReadingError] {
        ReadingErrors.find(truth: ScoreTokens.lines(ScoreTokens.truth(truth)), read: ScoreTokens.lines(ScoreTokens.reading(read)))
    }

    func testIdenticalReadingHasNoErrors() {
        XCTAssertEqual(errors("1 2 \\times 3 = 3 6 ; 2 = 2", ["12 \\times 3 = 36", "2=2"]), [])
    }

    func testSubstitution() {
        XCTAssertEqual(errors("8 \\div 2 = 4", ["8 - 2 = 4"]), [ReadingError(.substitution, truth: ["\\div"], read: ["-"])])
        XCTAssertEqual(errors("8 \\div 2 = 4", ["8 - 2 = 4"]).first?.key, "\\div→-")
    }

    func testOneTokenReadAsSeveralIsASplit() {
        XCTAssertEqual(errors("8 \\div 2 = 4", ["8 - . 2 = 4"]), [ReadingError(.split, truth: ["\\div"], read: ["-", "."])])
        XCTAssertEqual(errors("1 = 1", ["1 - - 1"]).map(\.key), ["=→- -"])
    }

    func testSeveralTokensReadAsOneIsAMerge() {
        XCTAssertEqual(errors("1 1 + 2 = 1 3", ["4 + 2 = 13"]), [ReadingError(.merge, truth: ["1", "1"], read: ["4"])])
    }

    func testATokenReadUnchangedBesideAnotherIsAMissingOrExtraSymbolNotARegrouping() {
        XCTAssertEqual(errors("1 2 + 3", ["2 + 3"]), [ReadingError(.missingSymbol, truth: ["1"], read: [])])
        XCTAssertEqual(errors("2 + 3", ["2 + 37"]), [ReadingError(.extraSymbol, truth: [], read: ["7"])])
    }

    func testLinesMissingOrExtra() {
        XCTAssertEqual(errors("1 + 1 = 2 ; 3 = 3", ["1+1=2"]), [ReadingError(.missingLine, truth: ["3", "=", "3"], read: [])])
        XCTAssertEqual(errors("1 + 1 = 2 ; 3 = 3", ["3=3"]), [ReadingError(.missingLine, truth: ["1", "+", "1", "=", "2"], read: [])])
        XCTAssertEqual(errors("1 = 1", ["1=1", "7"]), [ReadingError(.extraLine, truth: [], read: ["7"])])
        XCTAssertEqual(errors("1 = 1", []), [ReadingError(.missingLine, truth: ["1", "=", "1"], read: [])])
        XCTAssertEqual(errors("1 = 1", ["1=1", nil]), [ReadingError(.extraLine, truth: [], read: [])], "an empty line read is still a line")
    }

    func testLinesReadAsOneOrOneLineReadAsSeveral() {
        XCTAssertEqual(errors("1 + 1 = 2 ; 3 = 3", ["1+1=2 3=3"]),
                       [ReadingError(.mergedLines, truth: ["1", "+", "1", "=", "2", ";", "3", "=", "3"], read: ["1", "+", "1", "=", "2", "3", "=", "3"])])
        XCTAssertEqual(errors("1 2 3 ; 4 ; 5 6 ; 7", ["123 4 56", "7"]).map(\.kind), [.mergedLines])
        XCTAssertEqual(errors("1 2 3 4 5 6", ["1 2 3", "4 5 7"]),
                       [ReadingError(.splitLine, truth: ["1", "2", "3", "4", "5", "6"], read: ["1", "2", "3", ";", "4", "5", "7"]),
                        ReadingError(.substitution, truth: ["6"], read: ["7"])])
    }

    func testLinesOfEqualCountArePairedAndComparedTokenByToken() {
        XCTAssertEqual(errors("1 + 1 = 2 ; 3 = 3", ["7+1=2", "3=8"]),
                       [ReadingError(.substitution, truth: ["1"], read: ["7"]), ReadingError(.substitution, truth: ["3"], read: ["8"])])
    }

    func testErrorsAreFoundExactlyWhenThePageIsWrong() {
        // Random lines over a small alphabet, randomly damaged: no errors iff the page is right.
        var generator = SplitMix(state: 42)
        let alphabet = ["1", "2", "+", "-", "=", "\\div"]
        for _ in 0..<500 {
            let truthLines = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                (0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "1" }
            }
            var readLines = truthLines
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                let line = Int.random(in: 0..<readLines.count, using: &generator)
                switch Int.random(in: 0...3, using: &generator) {
                case 0: if !readLines[line].isEmpty { readLines[line].remove(at: Int.random(in: 0..<readLines[line].count, using: &generator)) }
                case 1: readLines[line].insert(alphabet.randomElement(using: &generator) ?? "1", at: Int.random(in: 0...readLines[line].count, using: &generator))
                case 2: readLines.remove(at: line)
                default: if !readLines[line].isEmpty { readLines[line][0] = alphabet.randomElement(using: &generator) ?? "1" }
                }
                if readLines.isEmpty { break }
            }
            let truth = truthLines.map { $0.joined(separator: " ") }.joined(separator: " ; ")
            let page = PageScore(row: ManifestRow(id: "r", writer: "w", tier: "t", kind: "k", truth: truth),
                                 readingLines: readLines.map { $0.joined(separator: " ") })
            XCTAssertEqual(page.errors.isEmpty, page.exact, "truth \(truth), read \(page.readText): \(page.errors)")
        }
    }
}

/// A small seeded generator, so the random pages are the same on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
