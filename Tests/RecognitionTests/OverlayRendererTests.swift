import ImageDecoding
import Preprocessing
import XCTest
@testable import Recognition

final class OverlayRendererTests: XCTestCase {
    func testDrawsBoxesInConfidenceColoursAtTheDecodeScale() {
        let image = GrayImage(width: 100, height: 80)
        let sure = SymbolReading(latex: "7", box: Box(x: 40, y: 40, width: 40, height: 40), confidence: 0.99, alternatives: [])
        let page = PageReading(lines: [LineResult(latex: "7", value: "7", verdict: nil, note: nil, confidence: 0.99,
                                                  box: Box(x: 20, y: 20, width: 160, height: 120), symbols: [sure])])
        // Boxes are in full-size pixels; the image was decoded at 1/2.
        let overlay = OverlayRenderer.render(image, page: page, scale: 2)
        XCTAssertEqual(overlay.width, 100)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(overlay.pixels[(y * 100 + x) * 3..<(y * 100 + x) * 3 + 3]) }
        XCTAssertEqual(pixel(20, 19), [20, 170, 60], "top edge of the symbol box, green for a sure symbol")
        XCTAssertEqual(pixel(30, 30), [255, 255, 255], "inside the box the image is untouched")
        XCTAssertEqual(pixel(5, 5), [255, 255, 255])
    }
}
