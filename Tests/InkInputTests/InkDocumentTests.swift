import XCTest
@testable import InkInput

final class InkDocumentTests: XCTestCase {
    func testParsesCROHMEFileWithSymbolsAndTruth() throws {
        let document = try InkDocument.parse(Fixtures.inkML("formulaire005-equation045.inkml"))
        XCTAssertEqual(document.truthLaTeX, "17 \\div 66 = 0.26")
        XCTAssertEqual(document.symbols.map(\.label).sorted(), [".", "0", "1", "2", "6", "6", "6", "7", "=", "\\div"].sorted())
        let used = Set(document.symbols.flatMap(\.traceIDs))
        XCTAssertEqual(used, Set(document.traces.map(\.id)), "every stroke belongs to one symbol")
        XCTAssertTrue(document.traces.allSatisfy { !$0.points.isEmpty })
    }

    func testThirdChannelIsIgnored() throws {
        let document = try InkDocument.parse(Fixtures.inkML("MfrDB0332.inkml"))
        XCTAssertEqual(document.symbols.map(\.label), ["1", "+", "1", "=", "2"])
        let first = try XCTUnwrap(document.traces.first?.points.first)
        XCTAssertEqual(first, InkPoint(x: 127, y: 216))
    }

    func testFileWithoutTraceFormatAndSpacedTruth() throws {
        let document = try InkDocument.parse(Fixtures.inkML("200923-1254-376.inkml"))
        XCTAssertEqual(document.truthLaTeX, "6.7")
        XCTAssertEqual(document.symbols.map(\.label), ["6", ".", "7"])
    }

    func testOuterGroupWithSpacedLabelIsNotASymbol() throws {
        let document = try InkDocument.parse(Fixtures.inkML("formulaire014-equation015.inkml"))
        XCTAssertFalse(document.symbols.contains { $0.label.contains(" ") })
        XCTAssertTrue(document.symbols.contains { $0.label == "\\pm" })
        XCTAssertEqual(Set(document.symbols.flatMap(\.traceIDs)).count, document.traces.count)
    }

    func testReferenceFormatsLabelsAndEntities() throws {
        let text = """
        <?xml version="1.0"?>
        <!-- comment with <trace> inside -->
        <inkml:ink xmlns:inkml="http://www.w3.org/2003/InkML">
          <annotation type="truth">$a&lt;b$</annotation>
          <trace xml:id="s1">0 0 5, 10 0 6</trace>
          <trace id="s2">0 5, 10 5</trace>
          <trace id="s3">3 3</trace>
          <traceGroup>
            <annotation type="truth">Segmentation</annotation>
            <traceGroup><annotation type="truth">\u{2212}</annotation><traceView traceDataRef="#s1"/></traceGroup>
            <traceGroup><annotation type="truth">\u{00A0}=\u{00A0}</annotation><traceView traceDataRef="file.inkml#s2"/></traceGroup>
            <traceGroup><annotation type="truth">Closest Strk</annotation><traceView traceDataRef="s3"/></traceGroup>
            <traceGroup><annotation type="truth">.</annotation><traceView traceDataRef="s3"/></traceGroup>
          </traceGroup>
        </inkml:ink>
        """
        let document = try InkDocument.parse(text)
        XCTAssertEqual(document.truthLaTeX, "a<b")
        XCTAssertEqual(document.traces.map(\.id), ["s1", "s2", "s3"])
        XCTAssertEqual(document.symbols, [InkSymbol(label: "-", traceIDs: ["s1"]), InkSymbol(label: "=", traceIDs: ["s2"]), InkSymbol(label: ".", traceIDs: ["s3"])])
        XCTAssertEqual(document.traces[0].points, [InkPoint(x: 0, y: 0), InkPoint(x: 10, y: 0)])
    }

    /// Text over the size limit is refused before any is parsed; a file at the limit is read
    /// (its points within `maximumPoints`, see below: the rest is layout whitespace).
    func testTooLargeTextIsRefusedBeforeParsing() throws {
        let points = Array(repeating: "1 2", count: 1000).joined(separator: ", ")
        let padding = String(repeating: " ", count: InkDocument.maximumBytes - 200 - points.utf8.count)
        let atLimit = "<ink><trace>" + points + padding + ", 3 4</trace></ink>"
        XCTAssertLessThanOrEqual(atLimit.utf8.count, InkDocument.maximumBytes)
        XCTAssertEqual(try InkDocument.parse(atLimit).traces[0].points.count, 1001)
        let over = atLimit + String(repeating: " ", count: InkDocument.maximumBytes)
        XCTAssertThrowsError(try InkDocument.parse(over)) {
            XCTAssertEqual($0 as? InkInputError, .tooLarge(bytes: over.utf8.count, limit: InkDocument.maximumBytes))
        }
    }

    func testTooManyPointsAreRefusedWhileParsing() throws {
        func document(points: Int) -> String {
            "<ink><trace id=\"0\">" + Array(repeating: "1 2", count: points).joined(separator: ",") + "</trace></ink>"
        }
        XCTAssertEqual(try InkDocument.parse(document(points: 1000)).traces[0].points.count, 1000)
        XCTAssertThrowsError(try InkDocument.parse(document(points: InkDocument.maximumPoints + 1))) {
            XCTAssertEqual($0 as? InkInputError, .tooManyPoints(limit: InkDocument.maximumPoints))
        }
    }

    func testBadInputGivesSpecificErrors() {
        XCTAssertThrowsError(try InkDocument.parse("<svg></svg>")) { XCTAssertEqual($0 as? InkInputError, .notInkML(firstElement: "svg")) }
        XCTAssertThrowsError(try InkDocument.parse("just text")) { XCTAssertEqual($0 as? InkInputError, .notInkML(firstElement: nil)) }
        XCTAssertThrowsError(try InkDocument.parse("<ink><trace id=\"1\">1 2, 3</trace></ink>")) {
            XCTAssertEqual($0 as? InkInputError, .malformedTrace(id: "1", detail: "a point with only one value"))
        }
        XCTAssertThrowsError(try InkDocument.parse("<ink><trace id=\"1\">1 2, x 3</trace></ink>")) {
            guard case .malformedTrace(id: "1", _)? = $0 as? InkInputError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try InkDocument.parse("<ink><trace id=\"1\">1 2</trace><traceGroup><annotation type=\"truth\">1</annotation><traceView traceDataRef=\"9\"/></traceGroup></ink>")) {
            XCTAssertEqual($0 as? InkInputError, .unknownTraceReference("9"))
        }
        XCTAssertThrowsError(try InkDocument.parse("<ink><trace id=\"1\">1 2</trace>")) {
            guard case .malformedXML? = $0 as? InkInputError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try InkDocument.parse("<ink><trace id=\"1\">1 2</trace></traceGroup></ink>")) {
            guard case .malformedXML? = $0 as? InkInputError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try InkDocument.parse("<ink><trace id=\"1\">1 2</tr")) {
            guard case .malformedXML? = $0 as? InkInputError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try InkDocument.parse("<ink></ink>")) { XCTAssertEqual($0 as? InkInputError, .noTraces) }
        XCTAssertFalse(InkInputError.noTraces.description.isEmpty)
    }

    func testTruncatedFixtureNeverCrashes() throws {
        let text = try Fixtures.inkML("formulaire031-equation041.inkml")
        let bytes = Array(text.utf8)
        for cut in stride(from: 0, to: bytes.count, by: 97) {
            _ = try? InkDocument.parse(String(decoding: bytes[..<cut], as: UTF8.self))
        }
    }
}
