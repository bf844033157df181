import NeuralNetwork
import Training
import XCTest

/// The held-out / selection / training rule of issue #10 (`DataSplit`).
final class DataSplitTests: XCTestCase {
    func testOddHAMEXAndMfrDBWritersAreHeldOut() {
        for writer in ["depart001", "depart031", "User013", "User1501"] {
            XCTAssertTrue(DataSplit.isHeldOutWriter(writer), writer)
        }
        // Even numbers, other sources' tags, and tags that only look alike stay in.
        for writer in ["depart002", "depart030", "User012", "user0", "user1", "103", "115", "Unknown", "depart", "User", "departX1", "User 1", ""] {
            XCTAssertFalse(DataSplit.isHeldOutWriter(writer), writer)
        }
    }

    func testFNV1aMatchesItsPublishedTestVectors() {
        XCTAssertEqual(FNV1a.hash("".utf8), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash("a".utf8), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a.hash("foobar".utf8), 0x8594_4171_f739_67e8)
    }

    func testSelectionIsAboutATenthAndDependsOnlyOnTheFileName() {
        let names = (0..<5000).map { "formulaire\($0 / 100)-equation\($0 % 100).inkml" }
        let selected = names.filter(DataSplit.isSelectionFile).count
        XCTAssertGreaterThan(selected, 400)
        XCTAssertLessThan(selected, 600)
        for name in names.prefix(200) {
            XCTAssertEqual(DataSplit.isSelectionFile("/tmp/mathdata/TrainINKML/HAMEX/" + name), DataSplit.isSelectionFile(name))
            XCTAssertEqual(DataSplit.isSelectionFile(name), FNV1a.hash(name.utf8) % 10 == 0)
        }
    }

    func testHeldOutWinsOverSelectionAndFilesWithoutWriterAreNeverHeldOut() throws {
        let selectedName = try XCTUnwrap((0..<100).map { "MfrDB\($0).inkml" }.first(where: DataSplit.isSelectionFile))
        let otherName = try XCTUnwrap((0..<100).map { "MfrDB\($0).inkml" }.first { !DataSplit.isSelectionFile($0) })
        XCTAssertEqual(DataSplit.part(fileName: selectedName, writer: "User007"), .heldOut)
        XCTAssertEqual(DataSplit.part(fileName: selectedName, writer: "User008"), .selection)
        XCTAssertEqual(DataSplit.part(fileName: selectedName, writer: nil), .selection)
        XCTAssertEqual(DataSplit.part(fileName: otherName, writer: nil), .training)
        XCTAssertEqual(DataSplit.part(fileName: otherName, writer: "105"), .training)
    }

    func testWriterIsReadFromTheInkMLAnnotation() throws {
        XCTAssertEqual(DataSplit.writer(inInkML: try Fixtures.inkML("formulaire031-equation041.inkml")), "depart031")
        XCTAssertEqual(DataSplit.writer(inInkML: try Fixtures.inkML("MfrDB0332.inkml")), "User006")
        XCTAssertNil(DataSplit.writer(inInkML: "<ink><annotation type=\"truth\">1</annotation></ink>"))
        XCTAssertNil(DataSplit.writer(inInkML: "<ink><annotation type=\"writer\">  </annotation></ink>"))
    }
}
