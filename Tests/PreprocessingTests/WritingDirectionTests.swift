import XCTest
import ImageDecoding
import InkInput
@testable import Preprocessing

final class WritingDirectionTests: XCTestCase {
    private func transposed(_ image: GrayImage) -> GrayImage {
        var result = GrayImage(width: image.height, height: image.width)
        for y in 0..<image.height {
            for x in 0..<image.width { result[y, x] = image[x, y] }
        }
        return result
    }

    /// Lines running across the image have sideways neighbours; the same page turned a
    /// quarter (here transposed) has them above and below.
    func testLinesAcrossAndDownThePage() throws {
        let single = InkRenderer.render(try InkDocument.parse(Fixtures.inkML("formulaire005-equation045.inkml"))).image
        let page = InkRenderer.render(InkPage.stack([try InkDocument.parse(Fixtures.inkML("formulaire031-equation041.inkml")),
                                                     try InkDocument.parse(Fixtures.inkML("MfrDB0332.inkml"))])).image
        for (name, image) in [("one line", single), ("two lines", page)] {
            let across = try XCTUnwrap(WritingDirection.sidewaysNeighbourShare(image), name)
            let down = try XCTUnwrap(WritingDirection.sidewaysNeighbourShare(transposed(image)), name)
            XCTAssertGreaterThanOrEqual(across, 0.65, name)
            XCTAssertLessThan(down, 0.35, name)
        }
        XCTAssertNil(WritingDirection.sidewaysNeighbourShare(GrayImage(width: 200, height: 100)), "nothing to judge by")
    }
}
