@testable import Synthesis
import NeuralNetwork
import XCTest
import ImageDecoding
@testable import InkInput

final class InkRendererTests: XCTestCase {
    private func darkPixels(_ image: GrayImage, in box: Box? = nil) -> Int {
        let area = box ?? Box(x: 0, y: 0, width: image.width, height: image.height)
        var count = 0
        for y in area.y..<area.maxY { for x in area.x..<area.maxX where image[x, y] < 128 { count += 1 } }
        return count
    }

    func testMedianSymbolComesOutAtTheRequestedSize() throws {
        let document = try InkDocument.parse(Fixtures.inkML("formulaire031-equation041.inkml"))
        for size in [30.0, 60.0] {
            let rendering = InkRenderer.render(document, options: InkRenderOptions(symbolSize: size, penWidth: 2, margin: 10))
            XCTAssertEqual(rendering.symbols.count, document.symbols.count)
            let sides = rendering.symbols.map { Double(max($0.box.width, $0.box.height)) }.sorted()
            XCTAssertEqual(sides[sides.count / 2], size + 2, accuracy: 3, "median side ≈ size + pen width")
        }
    }

    func testEverySymbolBoxHoldsInkAndAllInkIsInABox() throws {
        let document = try InkDocument.parse(Fixtures.inkML("formulaire005-equation045.inkml"))
        let rendering = InkRenderer.render(document)
        let image = rendering.image
        XCTAssertEqual(image.pixels.min(), 0)
        XCTAssertEqual(image[0, 0], 255)
        for symbol in rendering.symbols {
            XCTAssertGreaterThan(darkPixels(image, in: symbol.box), 0, symbol.symbol.label)
            XCTAssertLessThanOrEqual(symbol.box.maxX, image.width)
            XCTAssertLessThanOrEqual(symbol.box.maxY, image.height)
        }
        var outside = 0
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] < 128 {
                if !rendering.symbols.contains(where: { x >= $0.box.x && x < $0.box.maxX && y >= $0.box.y && y < $0.box.maxY }) { outside += 1 }
            }
        }
        XCTAssertEqual(outside, 0)
    }

    func testSubsetKeepsTheDocumentScale() throws {
        let document = try InkDocument.parse(Fixtures.inkML("200923-1254-376.inkml"))
        let whole = InkRenderer.render(document)
        let dot = try XCTUnwrap(document.symbols.first { $0.label == "." })
        let alone = InkRenderer.render(document, traceIDs: Set(dot.traceIDs))
        XCTAssertEqual(alone.scale, whole.scale)
        XCTAssertEqual(alone.symbols.map(\.symbol), [dot])
        XCTAssertLessThan(alone.image.width, whole.image.width)
        XCTAssertLessThan(try XCTUnwrap(alone.symbols.first).box.height, 20, "a dot stays small")
    }

    func testWiderPenDrawsMoreInk() throws {
        let document = try InkDocument.parse(Fixtures.inkML("MfrDB0332.inkml"))
        let thin = InkRenderer.render(document, options: InkRenderOptions(penWidth: 2))
        let thick = InkRenderer.render(document, options: InkRenderOptions(penWidth: 6))
        XCTAssertGreaterThan(Double(darkPixels(thick.image)), 2 * Double(darkPixels(thin.image)))
    }

    func testHugeCoordinatesAreScaledToFit() {
        let document = InkDocument(traces: [InkTrace(id: "a", points: [InkPoint(x: 0, y: 0), InkPoint(x: 1e6, y: 0)]),
                                            InkTrace(id: "b", points: [InkPoint(x: 0, y: 0), InkPoint(x: 0, y: 1)])])
        let rendering = InkRenderer.render(document, options: InkRenderOptions(maximumSide: 1000))
        XCTAssertLessThanOrEqual(max(rendering.image.width, rendering.image.height), 1000)
    }

    func testLongDiagonalStrokeIsInkedExactlyAlongItsLength() {
        // One stroke across a wide page: pixels near the line are ink, pixels away are paper.
        let document = InkDocument(traces: [InkTrace(id: "a", points: [InkPoint(x: 0, y: 0), InkPoint(x: 900, y: 300)])])
        let rendering = InkRenderer.render(document, options: InkRenderOptions(symbolSize: 900, penWidth: 4, margin: 10))
        let image = rendering.image
        // At one pixel per unit the stroke starts inside the margin plus the pen's radius.
        let (ax, ay) = (Double(10 + 2), Double(10 + 2))
        let (bx, by) = (ax + 900, ay + 300)
        let (dx, dy) = (bx - ax, by - ay)
        var checked = 0
        for y in stride(from: 0, to: image.height, by: 3) {
            for x in stride(from: 0, to: image.width, by: 3) {
                let (px, py) = (Double(x) + 0.5, Double(y) + 0.5)
                let t = min(1, max(0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
                let distance = ((px - ax - t * dx) * (px - ax - t * dx) + (py - ay - t * dy) * (py - ay - t * dy)).squareRoot()
                if distance < 1 { XCTAssertEqual(image[x, y], 0, "ink at (\(x), \(y))"); checked += 1 }
                if distance > 4 { XCTAssertEqual(image[x, y], 255, "paper at (\(x), \(y))") }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testFuzzedMixedScaleStrokesRenderWithinThePage() throws {
        let document = try InkDocument.parse(Fixtures.inkML("fuzz-mixed-scale-strokes.inkml"))
        let options = InkRenderOptions()
        let rendering = InkRenderer.render(document, options: options)
        XCTAssertLessThanOrEqual(max(rendering.image.width, rendering.image.height), options.maximumSide)
        XCTAssertTrue(rendering.image.pixels.contains(0), "the strokes are drawn")
    }

    func testPhotographIsReproducibleAndLooksLikeAPhoto() throws {
        let document = try InkDocument.parse(Fixtures.inkML("formulaire031-equation041.inkml"))
        let first = PhotoSimulator.photograph(document, seed: 7)
        let again = PhotoSimulator.photograph(document, seed: 7)
        let other = PhotoSimulator.photograph(document, seed: 8)
        XCTAssertEqual(first, again)
        XCTAssertNotEqual(first.image, other.image)
        XCTAssertEqual(first.symbols.count, document.symbols.count)
        let pixels = first.image.pixels
        // Lamp gradients and noise may clip a few pixels; most of the paper stays grey.
        XCTAssertLessThan(pixels.sorted()[pixels.count / 2], 255, "paper is never pure white")
        XCTAssertGreaterThan(Set(pixels).count, 50, "noise and shading give many grey levels")
    }

    func testStyleIsAppliedAsDescribed() {
        var clean = GrayImage(width: 40, height: 20)
        for x in 10..<30 { clean[x, 10] = 0 }
        var generator = SeededGenerator(seed: 1)
        let style = PhotoStyle(paper: 200, ink: 50)
        let photo = PhotoSimulator.apply(style, to: clean, generator: &generator)
        XCTAssertEqual(photo[0, 0], 200)
        XCTAssertEqual(photo[20, 10], 50)
    }
}

final class InkPageTests: XCTestCase {
    func testLinesAreStackedAtOneSymbolSize() throws {
        let first = try InkDocument.parse(Fixtures.inkML("MfrDB0332.inkml"))
        let second = try InkDocument.parse(Fixtures.inkML("formulaire031-equation041.inkml"))
        let page = InkPage.stack([first, second])
        XCTAssertEqual(page.symbols.map(\.label), first.symbols.map(\.label) + second.symbols.map(\.label))
        XCTAssertEqual(Set(page.traces.map(\.id)).count, page.traces.count, "ids stay unique")
        let rendering = InkRenderer.render(page)
        // Every symbol of the second line lies below every symbol of the first.
        let firstBottom = rendering.symbols.prefix(first.symbols.count).map(\.box.maxY).max() ?? 0
        let secondTop = rendering.symbols.dropFirst(first.symbols.count).map(\.box.y).min() ?? 0
        XCTAssertGreaterThan(secondTop, firstBottom)
    }
}
