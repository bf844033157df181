import XCTest
@testable import Evaluation

final class TruthManifestTests: XCTestCase {
    func testColumnsAreFoundByNameAndBlankRowsSkipped() throws {
        let text = "truth\tid\tkind\trepo\ttier\tnotes\r\n1 + 1 = 2\tp1\tphoto\tann/x\tseed16\tblue ink\r\n\t\t\t\t\t\r\n( 2 ) = 2 ; 3 = 3\tp2\tscan\tbob/y\tparen\n"
        XCTAssertEqual(try TruthManifest.parse(text), [
            ManifestRow(id: "p1", writer: "ann/x", tier: "seed16", kind: "photo", truth: "1 + 1 = 2"),
            ManifestRow(id: "p2", writer: "bob/y", tier: "paren", kind: "scan", truth: "( 2 ) = 2 ; 3 = 3"),
        ])
    }

    func testMissingColumnsAreNamed() {
        XCTAssertThrowsError(try TruthManifest.parse("id\trepo\ttruth\np1\tann\t1\n")) { error in
            XCTAssertTrue("\(error)".contains("tier, kind"), "\(error)")
        }
        XCTAssertThrowsError(try TruthManifest.parse(""))
    }
}
