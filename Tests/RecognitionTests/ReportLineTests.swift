import ImageDecoding
import Foundation
import MathGrammar
import Preprocessing
import XCTest
@testable import Recognition

final class ReportLineTests: XCTestCase {
    private func symbol(_ latex: String, x: Int, confidence: Double = 0.9) -> SymbolReading {
        SymbolReading(latex: latex, box: Box(x: x, y: 10, width: 20, height: 30), confidence: confidence,
                      alternatives: [Alternative(latex: "8", probability: 0.004)])
    }

    private func line(_ latex: String, value: String?, verdict: Bool?, confidence: Double, y: Int = 0) -> LineResult {
        LineResult(latex: latex, value: value, verdict: verdict, note: verdict == nil ? nil : "exact",
                   confidence: confidence, box: Box(x: 0, y: y, width: 100, height: 40),
                   symbols: [symbol("3", x: 0, confidence: confidence)])
    }

    /// Keys are sorted at every level, so records compare line by line across runs and platforms.
    func testKeysAreSortedAndAllPresent() throws {
        let page = PageReading(lines: [line("3 \\times ( 5 + 1 ) = 18", value: "18", verdict: true, confidence: 0.97)])
        let json = ReportLine.json(file: "a.png", page: page)
        let keys = ["\"confidence\"", "\"error\"", "\"file\"", "\"latex\"", "\"lines\"", "\"value\"", "\"verdict\""]
        let positions = try keys.map { key in try XCTUnwrap(json.range(of: key)?.lowerBound, "missing \(key)") }
        XCTAssertEqual(positions, positions.sorted(), json)
        XCTAssertFalse(json.contains("\n"), "one JSON object per line")
    }

    /// The report is the encoding of the library's types: decoding it gives back the same reading.
    func testReportDecodesBackToTheSameReading() throws {
        var unparsed = line("5 \\times 3 =", value: nil, verdict: nil, confidence: 0.61, y: 50)
        unparsed.problem = "the line ends after '='"
        let page = PageReading(lines: [line("1 + 1 = 2", value: "2", verdict: true, confidence: 0.912345678901), unparsed])
        let decoded = try JSONDecoder().decode(FileReading.self, from: Data(ReportLine.json(file: "a.png", page: page).utf8))
        XCTAssertEqual(decoded, FileReading(file: "a.png", page: page))
        let failed = try JSONDecoder().decode(FileReading.self, from: Data(ReportLine.json(file: "b.png", error: "truncated").utf8))
        XCTAssertEqual(failed, FileReading(file: "b.png", error: "truncated"))
        XCTAssertNil(failed.page)
    }

    func testParsesAsJSONWithContractValues() throws {
        let page = PageReading(lines: [line("3 \\times ( 5 + 1 ) = 18", value: "18", verdict: true, confidence: 0.97)])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ReportLine.json(file: "dir/a \"b\".png", page: page).utf8)) as? [String: Any])
        XCTAssertEqual(object["file"] as? String, "dir/a \"b\".png")
        XCTAssertEqual(object["latex"] as? String, "3 \\times ( 5 + 1 ) = 18")
        XCTAssertEqual(object["value"] as? String, "18")
        XCTAssertEqual(object["verdict"] as? Bool, true)
        XCTAssertEqual(object["confidence"] as? Double, 0.97)
        XCTAssertTrue(object["error"] is NSNull)
        let lines = try XCTUnwrap(object["lines"] as? [[String: Any]])
        let symbols = try XCTUnwrap(lines.first?["symbols"] as? [[String: Any]])
        XCTAssertEqual(symbols.first?["box"] as? [Int], [0, 10, 20, 30])
        let alternatives = try XCTUnwrap(symbols.first?["alternatives"] as? [[String: Any]])
        XCTAssertEqual(alternatives.first?["latex"] as? String, "8")
        XCTAssertEqual(alternatives.first?["p"] as? Double, 0.004)
    }

    /// `problem` (why a line does not parse) is its own key, apart from the verdict's `note`.
    func testProblemIsSeparateFromTheVerdictNote() throws {
        var unparsed = line("5 \\times 3 =", value: nil, verdict: nil, confidence: 0.9, y: 50)
        unparsed.problem = "not grammatical as written: the line ends after '='"
        let page = PageReading(lines: [line("1 + 1 = 2", value: "2", verdict: true, confidence: 0.9), unparsed])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ReportLine.json(file: "a.png", page: page).utf8)) as? [String: Any])
        let lines = try XCTUnwrap(object["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0]["note"] as? String, "exact")
        XCTAssertTrue(lines[0]["problem"] is NSNull, "\(lines[0])")
        XCTAssertEqual(lines[1]["problem"] as? String, "not grammatical as written: the line ends after '='")
        for key in ["note", "value", "verdict"] { XCTAssertTrue(lines[1][key] is NSNull, key) }
        XCTAssertEqual(lines[1]["latex"] as? String, "5 \\times 3 =")
    }

    func testErrorLineHasNullResults() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ReportLine.json(file: "x.png", error: "truncated").utf8)) as? [String: Any])
        XCTAssertEqual(object["error"] as? String, "truncated")
        for key in ["latex", "value", "verdict", "confidence"] { XCTAssertTrue(object[key] is NSNull, key) }
        XCTAssertEqual((object["lines"] as? [Any])?.count, 0)
    }

    func testPageJoinsLinesAndCombinesVerdicts() {
        let page = PageReading(lines: [
            line("1 + 1 = 2", value: "2", verdict: true, confidence: 0.9),
            line("2 + 2 = 5", value: "4", verdict: false, confidence: 0.8, y: 50),
        ])
        XCTAssertEqual(page.latex, "1 + 1 = 2 \\\\ 2 + 2 = 5")
        XCTAssertEqual(page.verdict, false)
        XCTAssertNil(page.value, "a page of several lines has no single value")
        XCTAssertEqual(page.confidence, 0.8)
    }

    func testEmptyPageHasNoLatex() {
        let page = PageReading(lines: [])
        XCTAssertNil(page.latex)
        XCTAssertNil(page.verdict)
        XCTAssertEqual(ReportLine.json(file: "blank.png", page: page),
                       #"{"confidence":0,"error":null,"file":"blank.png","latex":null,"lines":[],"value":null,"verdict":null}"#)
    }

    func testControlCharactersInFileNamesAreEscaped() throws {
        let json = ReportLine.json(file: "a\u{1}b\n.png", error: "x")
        XCTAssertFalse(json.contains("\n"), json)
        let decoded = try JSONDecoder().decode(FileReading.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.file, "a\u{1}b\n.png")
    }
}
