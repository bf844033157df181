@testable import Synthesis
import NeuralNetwork
import XCTest
import ImageDecoding
import InkInput
@testable import Preprocessing

final class SegmenterTests: XCTestCase {
    private func document(_ name: String) throws -> InkDocument {
        try InkDocument.parse(Fixtures.inkML(name))
    }

    /// Labels of the true symbols in the order the segmenter found them; nil (with a failure)
    /// when the boxes do not match one to one.
    private func labelsInFoundOrder(_ rendering: InkRendering, _ segmentation: Segmentation, file: StaticString = #filePath, line: UInt = #line) -> [[String]]? {
        let truth = rendering.symbols.map { Box(x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height) }
        let found = segmentation.glyphs.map(\.box)
        let match = BoxMatcher.match(truth: truth, found: found)
        guard match.isExact else {
            XCTFail("truth \(truth.count) symbols, found \(found.count); missed \(match.unmatchedTruth.map { rendering.symbols[$0].symbol.label })", file: file, line: line)
            return nil
        }
        let truthOfFound = Dictionary(uniqueKeysWithValues: match.pairs.map { ($0.found, $0.truth) })
        var index = 0
        return segmentation.lines.map { line in
            line.glyphs.map { _ in
                defer { index += 1 }
                return rendering.symbols[truthOfFound[index] ?? 0].symbol.label
            }
        }
    }

    func testArithmeticLinesAreSegmentedInReadingOrder() throws {
        let expected: [String: [String]] = [
            "formulaire005-equation045.inkml": ["1", "7", "\\div", "6", "6", "=", "0", ".", "2", "6"],
            "formulaire031-equation041.inkml": ["8", "\\times", "5", "=", "4", "0"],
            "MfrDB0332.inkml": ["1", "+", "1", "=", "2"],
            "200923-1254-376.inkml": ["6", ".", "7"],
            "formulaire012-equation030.inkml": ["7", "1", "+", "(", "1", "3", "/", "1", "6", "7", ")", "=", "7", "1", ".", "0", "8"],
        ]
        for (name, labels) in expected {
            let rendering = InkRenderer.render(try document(name))
            let segmentation = Segmenter.segment(rendering.image)
            XCTAssertEqual(segmentation.lines.count, 1, name)
            XCTAssertEqual(labelsInFoundOrder(rendering, segmentation), [labels], name)
            XCTAssertGreaterThan(segmentation.strokeWidth, 1, name)
        }
    }

    func testPhotoLikeVariantsSegmentLikeCleanOnes() throws {
        let document = try document("formulaire005-equation045.inkml")
        for seed: UInt64 in [1, 2, 3] {
            let rendering = PhotoSimulator.photograph(document, seed: seed)
            let segmentation = Segmenter.segment(rendering.image)
            XCTAssertEqual(labelsInFoundOrder(rendering, segmentation), [["1", "7", "\\div", "6", "6", "=", "0", ".", "2", "6"]], "seed \(seed)")
        }
    }

    func testDimPhotosAndLightOnDarkPagesKeepTheirPolarity() throws {
        let document = try document("MfrDB0332.inkml")
        let clean = InkRenderer.render(document)
        let expected = [["1", "+", "1", "=", "2"]]
        // Chalk on a blackboard: light ink on dark.
        let inverted = GrayImage(width: clean.image.width, height: clean.image.height, pixels: clean.image.pixels.map { 255 - $0 })
        XCTAssertEqual(labelsInFoundOrder(clean, Segmenter.segment(inverted)), expected)
        // A dim photo: the paper itself is darker than mid-grey, the ink darker still.
        var generator = SeededGenerator(seed: 4)
        let dim = PhotoSimulator.apply(PhotoStyle(paper: 110, gradient: 20, ink: 35, blurSigma: 0.6, noiseSigma: 3), to: clean.image, generator: &generator)
        XCTAssertEqual(labelsInFoundOrder(clean, Segmenter.segment(dim)), expected)
    }

    func testMultiLinePageIsReadLineByLine() throws {
        let first = try document("formulaire031-equation041.inkml"), second = try document("MfrDB0332.inkml")
        let page = InkPage.stack([first, second])
        for rotation in [0.0, 3] {
            let rendering = InkRenderer.render(page, options: InkRenderOptions(rotationDegrees: rotation))
            let segmentation = Segmenter.segment(rendering.image)
            XCTAssertEqual(labelsInFoundOrder(rendering, segmentation), [["8", "\\times", "5", "=", "4", "0"], ["1", "+", "1", "=", "2"]], "rotation \(rotation)")
            for (index, line) in segmentation.lines.enumerated() {
                XCTAssertTrue(line.glyphs.allSatisfy { $0.line == index })
            }
            XCTAssertEqual(segmentation.skewDegrees, rotation, accuracy: 1.5)
        }
    }

    func testGlyphCropsAreNormalised() throws {
        let segmentation = Segmenter.segment(InkRenderer.render(try document("formulaire031-equation041.inkml")).image)
        XCTAssertFalse(segmentation.glyphs.isEmpty)
        for glyph in segmentation.glyphs {
            XCTAssertEqual(glyph.crop.count, Glyph.cropSide * Glyph.cropSide)
            XCTAssertEqual(glyph.crop.max() ?? 0, 1, accuracy: 1e-5)
        }
    }

    func testBlankPagesHaveNoLines() {
        XCTAssertEqual(Segmenter.segment(GrayImage(width: 640, height: 480)).lines.count, 0)
        XCTAssertEqual(Segmenter.segment(GrayImage(width: 0, height: 0)).lines.count, 0)
        var generator = SeededGenerator(seed: 5)
        let style = PhotoStyle(paper: 200, gradient: 40, gradientAngle: 1, shadowFactor: 0.7, shadowAngle: 2, blurSigma: 1, noiseSigma: 4)
        let photo = PhotoSimulator.apply(style, to: GrayImage(width: 640, height: 480), generator: &generator)
        XCTAssertEqual(Segmenter.segment(photo).lines.count, 0)
    }

    /// The checkpoint (the recognizer's time budget) runs inside the loops, once per line and
    /// per component grouped, not only between steps; an error it throws, even at its last
    /// call, stops segmentation with that error.
    func testCheckpointRunsInsideTheLoopsAndItsErrorStopsSegmentation() throws {
        let image = InkRenderer.render(try document("formulaire012-equation030.inkml")).image
        var calls = 0
        let segmentation = Segmenter.segment(image) { calls += 1 }
        XCTAssertGreaterThan(segmentation.glyphs.count, 10)
        XCTAssertGreaterThanOrEqual(calls, segmentation.lines.count + segmentation.glyphs.count)
        struct Stop: Error {}
        for stopAt in [1, calls] {
            var count = 0
            XCTAssertThrowsError(try Segmenter.segment(image) {
                count += 1
                if count == stopAt { throw Stop() }
            }) { XCTAssertTrue($0 is Stop, "\($0)") }
            XCTAssertEqual(count, stopAt, "nothing runs after the checkpoint that threw")
        }
    }

    func testPureNoiseDoesNotCrash() {
        var generator = SeededGenerator(seed: 9)
        let noise = GrayImage(width: 900, height: 700, pixels: (0..<(900 * 700)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let segmentation = Segmenter.segment(noise)
        XCTAssertEqual(segmentation.glyphs.count, 0, "half the pixels dark is not writing")
        // Sparse noise passes the ink-share check and exercises the component limit.
        let sparse = GrayImage(width: 900, height: 700, pixels: (0..<(900 * 700)).map { _ in UInt8.random(in: 0...255, using: &generator) < 40 ? 0 : 255 })
        XCTAssertLessThanOrEqual(Segmenter.segment(sparse).glyphs.count, Segmenter.componentLimit)
        for glyph in segmentation.glyphs {
            XCTAssertTrue(glyph.box.x >= 0 && glyph.box.maxX <= noise.width && glyph.box.y >= 0 && glyph.box.maxY <= noise.height)
        }
    }

    func testLargeImagesAreAnalysedDownscaledWithBoxesInFullPixels() throws {
        let document = try document("MfrDB0332.inkml")
        let rendering = InkRenderer.render(document, options: InkRenderOptions(symbolSize: 400, penWidth: 24, margin: 200))
        XCTAssertGreaterThan(rendering.image.width * rendering.image.height, 1_000_000)
        let segmentation = Segmenter.segment(rendering.image)
        XCTAssertGreaterThan(segmentation.workScale, 1)
        XCTAssertEqual(segmentation.strokeWidth, 24, accuracy: 8)
        XCTAssertEqual(labelsInFoundOrder(rendering, segmentation), [["1", "+", "1", "=", "2"]])
        XCTAssertEqual(Segmenter.segment(rendering.image, options: SegmenterOptions(allowDownscale: false)).workScale, 1)
    }

    func testPreferredDecodeScaleFollowsTheStrokeWidth() throws {
        let document = try document("MfrDB0332.inkml")
        let thick = InkRenderer.render(document, options: InkRenderOptions(symbolSize: 50, penWidth: 4))
        let thin = InkRenderer.render(document, options: InkRenderOptions(symbolSize: 50, penWidth: 1.5))
        // As if decoded at 1/8 of a photo whose strokes are 8 times as wide.
        XCTAssertEqual(Segmenter.preferredDecodeScale(probe: thick.image, probeScale: 8), 8)
        XCTAssertEqual(Segmenter.preferredDecodeScale(probe: thin.image, probeScale: 1), 1)
        XCTAssertEqual(Segmenter.preferredDecodeScale(probe: GrayImage(width: 10, height: 10), probeScale: 8), 1)
    }

    /// Thick strokes alone would choose the probe's own scale; marks that small there would be
    /// too small to classify, so the decode stays fine enough for them to be 16 pixels tall.
    func testPreferredDecodeScaleKeepsTheMarksLargeEnoughToRead() {
        /// A row of L-shaped marks `height` tall with 4-pixel strokes, on white.
        func probe(height: Int) -> GrayImage {
            var image = GrayImage(width: 40 + 20 * (height + 8), height: height + 40)
            for mark in 0..<20 {
                let x0 = 20 + mark * (height + 8)
                for y in 20..<(20 + height) { for x in x0..<(x0 + 4) { image.pixels[y * image.width + x] = 0 } }
                for y in (16 + height)..<(20 + height) { for x in x0..<(x0 + height) { image.pixels[y * image.width + x] = 0 } }
            }
            return image
        }
        // 10 pixels tall at 1/8: 80 at full size, 20 at 1/4.
        XCTAssertEqual(Segmenter.preferredDecodeScale(probe: probe(height: 10), probeScale: 8), 4)
        // 30 pixels tall at 1/8: the strokes decide.
        XCTAssertEqual(Segmenter.preferredDecodeScale(probe: probe(height: 30), probeScale: 8), 8)
    }
}
