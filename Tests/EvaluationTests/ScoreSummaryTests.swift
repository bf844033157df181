import XCTest
@testable import Evaluation

final class ScoreSummaryTests: XCTestCase {
    private func page(_ id: String, _ writer: String, _ tier: String, _ kind: String, _ truth: String, _ read: [String?]) -> PageScore {
        PageScore(row: ManifestRow(id: id, writer: writer, tier: tier, kind: kind, truth: truth), readingLines: read)
    }

    private var summary: ScoreSummary {
        ScoreSummary(pages: [
            page("a1", "ann", "seed16", "photo", "8 \\div 2 = 4", ["8 - 2 = 4"]),
            page("b1", "bob", "seed16", "scan", "1 + 1 = 2", ["1+1=2"]),
            page("a2", "ann", "paren", "photo", "( 6 \\div 3 ) = 2", ["(6-3)=2"]),
            page("b2", "bob", "seed16", "drawn", "2 = 2", ["2=2"]),
            page("c1", "cid", "seed16", "drawn", "5 = 5 ; 1 = 1", ["5=5"]),
            page("b3", "bob", "paren", "scan", "( 1 ) = 1", ["(1)=1"]),
        ], name: "set", tiers: ["seed16", "paren"])
    }

    func testExactPagesPerWriterKindAndTier() {
        let summary = summary
        XCTAssertEqual(summary.exactCount, 3)
        XCTAssertEqual(summary.writers.map(\.key), ["bob", "ann", "cid"], "most pages first, then order of appearance")
        XCTAssertEqual(summary.writers.map(\.exact), [3, 0, 0])
        XCTAssertEqual(summary.writersFullyRight, 1)
        XCTAssertEqual(summary.tallies(\.kind).map { "\($0.key) \($0.exact)/\($0.pages)" }, ["photo 0/2", "scan 2/2", "drawn 1/2"])
    }

    func testErrorClassesAreCountedWithTheirForms() {
        let counts = Dictionary(uniqueKeysWithValues: summary.errorCounts.map { ($0.kind, $0) })
        XCTAssertEqual(counts[.substitution]?.events, 2)
        XCTAssertEqual(counts[.substitution]?.pages, 2)
        XCTAssertEqual(counts[.substitution]?.forms.first?.key, "\\div→-")
        XCTAssertEqual(counts[.substitution]?.forms.first?.count, 2)
        XCTAssertEqual(counts[.missingLine]?.events, 1)
        XCTAssertEqual(counts[.split]?.events, 0)
    }

    func testTextLaysOutTheFigures() {
        let text = summary.text(items: true, show: false)
        XCTAssertTrue(text.contains("MISS a1 | truth: 8 \\div 2 = 4 | read: 8 - 2 = 4"), text)
        XCTAssertFalse(text.contains("b1 |"), "right pages are listed only with show")
        XCTAssertTrue(text.contains("\n  bob: 3/3\n  ann: 0/2\n  cid: 0/1\n"), text)
        XCTAssertTrue(text.contains("by kind: drawn 1/2, photo 0/2, scan 2/2"), text)
        XCTAssertTrue(text.contains("by tier: paren 1/2, seed16 2/4"), text)
        XCTAssertTrue(text.contains("items: 4/7 = 0.571"), text)
        XCTAssertTrue(text.contains("errors on 3 pages: extra line 0 (0 pages), missing line 1 (1 pages), merged lines 0 (0 pages), split line 0 (0 pages), missing symbol 0 (0 pages)"), text)
        XCTAssertTrue(text.contains("  substitution: \\div→- ×2"), text)
        XCTAssertTrue(text.hasSuffix("set (paren,seed16): 3/6 = 0.500 exact; 1/3 writers fully right"), text)
        XCTAssertTrue(summary.text(items: false, show: true).contains("ok   b1 | truth: 1 + 1 = 2 | read: 1 + 1 = 2"))
    }

    func testJSONCarriesTheSameFigures() throws {
        let json = summary.json(items: false).serialized()
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["exact"] as? Int, 3)
        XCTAssertEqual(object["pages"] as? Int, 6)
        XCTAssertEqual((object["by_writer"] as? [String: [String: Int]])?["bob"], ["exact": 3, "pages": 3])
        XCTAssertTrue(object["items"] is NSNull)
        let pages = try XCTUnwrap(object["page_results"] as? [[String: Any]])
        XCTAssertEqual(pages.map { $0["exact"] as? Bool }, [false, true, false, true, false, true])
        XCTAssertEqual((pages[0]["errors"] as? [[String: String]])?.first, ["class": "substitution", "truth": "\\div", "read": "-"])
    }
}
