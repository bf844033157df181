@testable import Synthesis
import NeuralNetwork
import XCTest
import ImageDecoding
import InkInput
@testable import Preprocessing

/// Symbols whose ink falls apart on the page: a 4 drawn in two strokes that do not touch, and
/// a decimal point that defocus and a light pen make fainter than the strokes.
final class BrokenSymbolTests: XCTestCase {
    /// Labels of the true symbols matched one to one by the found glyphs, in found order; nil
    /// when some true symbol has no glyph of its own.
    private func matchedLabels(_ rendering: InkRendering, _ segmentation: Segmentation) -> [String]? {
        let truth = rendering.symbols.map { Box(x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height) }
        let match = BoxMatcher.match(truth: truth, found: segmentation.glyphs.map(\.box))
        guard match.isExact else { return nil }
        return match.pairs.sorted { $0.found < $1.found }.map { rendering.symbols[$0.truth].symbol.label }
    }

    /// MfrDB0526 (`4 + 3`): the writer lifted the pen between the hook and the stem of the 4.
    func testFourWhoseTwoStrokesDoNotTouchIsOneGlyph() throws {
        let document = try InkDocument.parse(Fixtures.inkML("MfrDB0526.inkml"))
        let rendering = InkRenderer.render(document)
        guard let four = document.symbols.first(where: { $0.label == "4" }) else { return XCTFail("the fixture has no 4") }
        // The premise: rendered alone, the 4's strokes are two separate blobs.
        let alone = InkRenderer.render(document, traceIDs: Set(four.traceIDs))
        XCTAssertEqual(four.traceIDs.count, 2)
        XCTAssertEqual(InkAnalysis(alone.image, options: .init(), checkpoint: {}).components.count, 2)

        let segmentation = Segmenter.segment(rendering.image)
        XCTAssertEqual(segmentation.lines.count, 1)
        XCTAssertEqual(matchedLabels(rendering, segmentation), ["4", "+", "3"])
    }

    /// Side-by-side symbols with the hook-and-stem layout of an open 4 stay apart: `1 + 1`,
    /// `71 + (13 / 167)` and `8 × 5 = 40` keep every symbol.
    func testNeighboursOfAStemStayApart() throws {
        for name in ["MfrDB0332.inkml", "formulaire012-equation030.inkml", "formulaire031-equation041.inkml"] {
            let document = try InkDocument.parse(Fixtures.inkML(name))
            let rendering = InkRenderer.render(document)
            XCTAssertEqual(matchedLabels(rendering, Segmenter.segment(rendering.image))?.count, document.symbols.count, name)
        }
    }

    /// A defocused photo in light blue ink, the hardest the photo simulator draws.
    private let faintPhoto = PhotoStyle(paper: 200, gradient: 30, ink: 115, blurSigma: 1.2, noiseSigma: 6)

    /// MathBrush 200923-1254-376 (`6.7`) with its point as a single pen tap, as most writers
    /// of the CROHME 2013 set drew it (this writer scribbled a small blob): in photos of every
    /// style the simulator draws, the tap (a disc one pen wide, blurred fainter than any
    /// stroke) stays a glyph of its own between the 6 and the 7.
    func testDecimalPointSurvivesPhotos() throws {
        var document = try InkDocument.parse(Fixtures.inkML("200923-1254-376.inkml"))
        guard let point = document.symbols.first(where: { $0.label == "." }), point.traceIDs.count == 1,
              let index = document.traces.firstIndex(where: { $0.id == point.traceIDs[0] }) else { return XCTFail("the fixture has no point") }
        document.traces[index].points = Array(document.traces[index].points.prefix(1))
        var kept = 0
        let seeds: ClosedRange<UInt64> = 1...40
        for seed in seeds {
            let photo = PhotoSimulator.photograph(document, seed: seed)
            guard let truth = photo.symbols.first(where: { $0.symbol.label == "." })?.box else { return XCTFail("no point rendered") }
            let glyphs = Segmenter.segment(photo.image).glyphs
            // The point's glyph: the middle one of three, a few pixels from the true point.
            let near = glyphs.count == 3 && abs(glyphs[1].box.x - truth.x) <= 3 && abs(glyphs[1].box.y - truth.y) <= 3
                && glyphs[1].box.width <= 3 * truth.width
            kept += near ? 1 : 0
        }
        XCTAssertEqual(kept, seeds.count)
    }

    /// Paper noise of the same photos does not turn into dots.
    func testNoiseOfAFaintPhotoMakesNoSymbols() {
        let blank = GrayImage(width: 400, height: 200, pixels: [UInt8](repeating: 255, count: 400 * 200))
        for seed: UInt64 in 1...5 {
            var generator = SeededGenerator(seed: seed)
            let photo = PhotoSimulator.apply(faintPhoto, to: blank, generator: &generator)
            XCTAssertEqual(Segmenter.segment(photo).glyphs.count, 0, "seed \(seed)")
        }
    }
}
