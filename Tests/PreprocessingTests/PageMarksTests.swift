import NeuralNetwork
import Synthesis
import XCTest
import ImageDecoding
import InkInput
@testable import Preprocessing

/// Marks that are not the writer's ink — dust, paper grain, show-through, a shadow — make no
/// symbols and no lines; decimal points, which are as small as dust, stay.
final class PageMarksTests: XCTestCase {
    private func render(_ name: String, margin: Int = 24) throws -> InkRendering {
        InkRenderer.render(try InkDocument.parse(Fixtures.inkML(name)), options: InkRenderOptions(margin: margin))
    }

    /// A dark disc of `radius` pixels centred on (x, y).
    private func stamp(_ image: inout GrayImage, x: Int, y: Int, radius: Double, level: UInt8 = 30) {
        let reach = Int(radius.rounded(.up))
        for dy in -reach...reach {
            for dx in -reach...reach where Double(dx * dx + dy * dy) <= radius * radius {
                let (px, py) = (x + dx, y + dy)
                guard px >= 0, py >= 0, px < image.width, py < image.height else { continue }
                image[px, py] = min(image[px, py], level)
            }
        }
    }

    /// `count` specks of dust, one to three pixels across, anywhere in `region` of the image.
    private func dust(_ image: inout GrayImage, count: Int, seed: UInt64, avoiding box: Box? = nil, distance: Int = 0) {
        var generator = SeededGenerator(seed: seed)
        var placed = 0
        for _ in 0..<(count * 50) where placed < count {
            let x = Int.random(in: 4..<(image.width - 4), using: &generator)
            let y = Int.random(in: 4..<(image.height - 4), using: &generator)
            if let box, x > box.x - distance, x < box.maxX + distance, y > box.y - distance, y < box.maxY + distance { continue }
            stamp(&image, x: x, y: y, radius: Double.random(in: 0.8...1.6, using: &generator))
            placed += 1
        }
        XCTAssertEqual(placed, count, "room for the dust")
    }

    private func writingBox(_ rendering: InkRendering) -> Box {
        Box.union(rendering.symbols.map { Box(x: $0.box.x, y: $0.box.y, width: $0.box.width, height: $0.box.height) })
    }

    func testBlankPageWithDustHasNoLines() {
        for seed: UInt64 in 1...3 {
            var page = GrayImage(width: 640, height: 480, fill: 230)
            dust(&page, count: 40, seed: seed)
            XCTAssertEqual(Segmenter.segment(page).lines.count, 0, "seed \(seed)")
        }
    }

    func testShadowOverDustReadsAsNothing() {
        var page = GrayImage(width: 640, height: 480, fill: 255)
        dust(&page, count: 25, seed: 7)
        let styles = [
            PhotoStyle(paper: 210, gradient: 50, gradientAngle: 0.5, shadowFactor: 0.55, shadowAngle: 1.2, shadowOffset: 0.1, shadowSoftness: 0.02, blurSigma: 0.8, noiseSigma: 3),
            PhotoStyle(paper: 190, gradient: 30, shadowFactor: 0.7, shadowAngle: 2.5, shadowOffset: -0.2, shadowSoftness: 0.15, blurSigma: 1, noiseSigma: 5),
        ]
        for (index, style) in styles.enumerated() {
            var generator = SeededGenerator(seed: UInt64(index + 1))
            let photo = PhotoSimulator.apply(style, to: page, generator: &generator)
            XCTAssertEqual(Segmenter.segment(photo).lines.count, 0, "style \(index)")
        }
    }

    /// `6.7`: the point survives while dust farther out, of the same size, goes.
    func testDecimalPointStaysWhileDustFarFromTheWritingGoes() throws {
        let rendering = try render("200923-1254-376.inkml", margin: 200)
        let clean = Segmenter.segment(rendering.image)
        XCTAssertEqual(clean.glyphs.count, 3)
        let box = writingBox(rendering)
        var page = rendering.image
        dust(&page, count: 30, seed: 11, avoiding: box, distance: 2 * box.height)
        let segmentation = Segmenter.segment(page)
        XCTAssertEqual(segmentation.lines.count, 1)
        XCTAssertEqual(segmentation.glyphs.map(\.box), clean.glyphs.map(\.box))
    }

    /// `1 + 1 = 2` with a decimal-sized dot a little under the line: one line, not a line of
    /// its own, and the dot is not dropped (it is close enough to be the writer's).
    func testDotUnderALineJoinsThatLine() throws {
        let rendering = try render("MfrDB0332.inkml", margin: 120)
        let box = writingBox(rendering)
        let heights = rendering.symbols.map(\.box.height).sorted()
        let below = box.maxY + Int(0.7 * Double(heights[heights.count / 2]))
        let strokeWidth = 3.0
        var page = rendering.image
        stamp(&page, x: box.x + box.width * 2 / 3, y: below, radius: strokeWidth / 2, level: 0)
        let segmentation = Segmenter.segment(page)
        XCTAssertEqual(segmentation.lines.count, 1)
        // The dot's ink is in that line (as a glyph of its own or with a symbol over it).
        XCTAssertGreaterThanOrEqual(segmentation.lines.first?.box.maxY ?? 0, below)
    }

    /// Writing from the back of the sheet, mirrored and much fainter than the pen, under
    /// the line: no symbols of it.
    func testShowThroughIsNotInk() throws {
        let writing = try render("formulaire031-equation041.inkml", margin: 30)
        let back = try render("200923-1254-376.inkml", margin: 10)
        var page = GrayImage(width: writing.image.width, height: writing.image.height + back.image.height + 20, fill: 255)
        for y in 0..<writing.image.height {
            for x in 0..<writing.image.width { page[x, y] = writing.image[x, y] }
        }
        for y in 0..<back.image.height {
            for x in 0..<min(back.image.width, page.width) {
                // Mirrored left to right, at 55 % of the pen's darkness (dark enough to pass
                // the ink threshold, which is half the pen's).
                let darkness = 1 - Double(back.image[back.image.width - 1 - x, y]) / 255
                page[x, writing.image.height + 10 + y] = UInt8((255 * (1 - 0.55 * darkness)).rounded())
            }
        }
        let segmentation = Segmenter.segment(page)
        XCTAssertEqual(segmentation.lines.count, 1)
        XCTAssertEqual(segmentation.glyphs.count, writing.symbols.count, "8 × 5 = 40")
    }

    /// `6.7` with hairs and slivers of grid line around it, thinner than the pen: the point
    /// (a pen tap) stays, the slivers go.
    func testSliversThinnerThanThePenAreNotDots() throws {
        let rendering = try render("200923-1254-376.inkml", margin: 60)
        let clean = Segmenter.segment(rendering.image)
        XCTAssertEqual(clean.glyphs.count, 3)
        let box = writingBox(rendering)
        var page = rendering.image
        // Diagonal one-pixel slivers, 9 pixels long, before, after and under the writing.
        for (x, y) in [(box.x - 25, box.y + box.height / 2), (box.maxX + 20, box.y + box.height / 3), (box.x + box.width / 2, box.maxY + 12)] {
            for step in 0..<9 { page[x + step, y + step / 2] = 0 }
        }
        XCTAssertEqual(Segmenter.segment(page).glyphs.map(\.box), clean.glyphs.map(\.box))
    }

    /// `1 …` with a long leader of dots: every dot is within reach of the one before, though
    /// most are farther than a symbol height from the `1`; the row is kept whole.
    func testARowOfDotsReachesAsFarAsItsDots() {
        var page = GrayImage(width: 520, height: 200, fill: 255)
        for y in 70..<130 {
            for x in 100..<104 { page[x, y] = 0 }
        }
        for index in 0..<6 { stamp(&page, x: 150 + 45 * index, y: 127, radius: 2.5, level: 0) }
        let segmentation = Segmenter.segment(page)
        XCTAssertEqual(segmentation.lines.count, 1)
        XCTAssertEqual(segmentation.glyphs.count, 7, "the 1 and six dots")
    }

    func testSmallMarksAreThoseOfDotSize() {
        let dot = Component(runs: (0..<4).map { InkRun(y: Int32($0), x0: 10, x1: 14) })
        let stroke = Component(runs: (0..<40).map { InkRun(y: Int32($0), x0: 30, x1: 33) })
        let bar = Component(runs: (0..<3).map { InkRun(y: Int32(50 + $0), x0: 0, x1: 20) })
        XCTAssertEqual(PageMarks.smallMarks([dot, stroke, bar], strokeWidth: 3), [true, false, false])
    }
}
