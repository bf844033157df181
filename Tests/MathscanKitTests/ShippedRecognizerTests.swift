import Foundation
import MathscanKit
import XCTest

/// The library as an app uses it: the shipped model and grammar, files by URL, results as JSON.
final class ShippedRecognizerTests: XCTestCase {
    private static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")

    /// Every sample without a recorded known failure reads as its `.expected` says (`LATEX | VERDICT` rows).
    func testShippedRecognizerReadsTheSamples() throws {
        let recognizer = try Recognizer.shipped()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.samples.path).sorted()
        var checked = 0
        for name in names where ["png", "jpg"].contains(URL(fileURLWithPath: name).pathExtension) {
            let base = Self.samples.appendingPathComponent(name).deletingPathExtension()
            guard !FileManager.default.fileExists(atPath: base.appendingPathExtension("known-failure").path) else { continue }
            let expected = try String(contentsOf: base.appendingPathExtension("expected"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            let page = try recognizer.recognize(contentsOf: Self.samples.appendingPathComponent(name))
            let read = page.lines.map { "\($0.latex) | \($0.verdict.map { $0 ? "true" : "false" } ?? "none")" }
            XCTAssertEqual(read, expected, name)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }

    func testShippedModelKnowsTheVocabularyInItsOrder() throws {
        XCTAssertEqual(try Recognizer.shipped().classifier.labels, MathSymbol.classes)
    }

    /// `readLine` hands the pen's stroke width to the layout step: a short flat stroke at
    /// mid-height that the classifier calls `.` is a minus with a fine pen (longer than three
    /// stroke widths), and stays a point when the width is unknown.
    func testReadLinePassesTheStrokeWidthOn() throws {
        let recognizer = try Recognizer.shipped()
        let blank = [Float](repeating: 0, count: Glyph.cropSide * Glyph.cropSide)
        let glyphs = [Glyph(box: Box(x: 10, y: 60, width: 24, height: 40), line: 0, crop: blank),
                      Glyph(box: Box(x: 40, y: 78, width: 10, height: 5), line: 0, crop: blank),
                      Glyph(box: Box(x: 60, y: 60, width: 24, height: 40), line: 0, crop: blank)]
        let candidates = [[Candidate(label: "9", probability: 0.99)],
                          [Candidate(label: ".", probability: 0.98), Candidate(label: "-", probability: 0.01)],
                          [Candidate(label: "5", probability: 0.99)]]
        let box = Box(x: 10, y: 60, width: 74, height: 40)
        XCTAssertEqual(recognizer.readLine(glyphs, candidates: candidates, box: box, scale: 1, strokeWidth: 2.5)?.result.latex, "9 - 5")
        XCTAssertEqual(recognizer.readLine(glyphs, candidates: candidates, box: box, scale: 1)?.result.latex, "9.5")
    }

    func testReadingSurvivesJSON() throws {
        let recognizer = try Recognizer.shipped()
        let name = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: Self.samples.path).sorted().first { $0.hasSuffix(".png") })
        let page = try recognizer.recognize(contentsOf: Self.samples.appendingPathComponent(name))
        XCTAssertFalse(page.lines.isEmpty)
        let back = try JSONDecoder().decode(PageReading.self, from: JSONEncoder().encode(page))
        XCTAssertEqual(back, page)
    }

    func testInkMLIsToldApartByItsBytes() throws {
        let ink = """
        <ink xmlns="http://www.w3.org/2003/InkML">
        <trace>0 0, 0 40, 0 80</trace>
        <trace>40 40, 80 40</trace><trace>60 20, 60 60</trace>
        <trace>100 0, 100 40, 100 80</trace>
        </ink>
        """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mathscankit-\(UUID().uuidString).xml")
        try Data(ink.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let page = try Recognizer.shipped().recognize(contentsOf: file)
        XCTAssertEqual(page.lines.count, 1)
        XCTAssertEqual(page.lines.first?.symbols.count, 3, "\(page.latex ?? "nothing")")
    }

    func testMissingFilesAndResourcesAreErrorsNotCrashes() throws {
        let recognizer = try Recognizer.shipped()
        XCTAssertThrowsError(try recognizer.recognize(contentsOf: URL(fileURLWithPath: "/nonexistent/x.png"))) { error in
            XCTAssertEqual(error as? MathscanKitError, .unreadableFile(path: "/nonexistent/x.png", reason: "no such file"))
        }
        XCTAssertThrowsError(try recognizer.recognize(contentsOf: Self.samples)) { error in
            XCTAssertEqual(error as? MathscanKitError, .unreadableFile(path: Self.samples.path, reason: "is a directory, not a file"))
        }
        XCTAssertThrowsError(try ShippedResources.url(named: "no-such-resource")) { error in
            guard case .resourceMissing(let name, let searched)? = error as? MathscanKitError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "no-such-resource")
            XCTAssertFalse(searched.isEmpty)
        }
    }

    func testAStripIsRefusedBeforeDecoding() throws {
        let recognizer = try Recognizer.shipped()
        let side = recognizer.options.maxSide + 1
        for (width, height) in [(1, side), (side, 1)] {
            let strip = try ImageEncoder.png(GrayImage(width: width, height: height))
            XCTAssertThrowsError(try recognizer.recognize(imageBytes: strip)) { error in
                XCTAssertEqual(error as? ImageDecodingError, .sideTooLong(width: width, height: height, limit: side - 1))
            }
        }
    }
}

/// The shipped 2-D reader: the model of CROHME's 101 classes and the layout grammar.
final class ShippedTwoDimensionalRecognizerTests: XCTestCase {
    private static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/inkml").appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Two CROHME 2013 test expressions (writers never trained on), rendered and read as one
    /// expression each: LaTeX and MathML with a fraction, a root and superscripts, every symbol
    /// laid out once with its label, a confidence that is the symbols' joint probability, and
    /// no value or verdict (they have letters).
    func testReadsAFractionAndARootWithSuperscripts() throws {
        let recognizer = try Recognizer.shippedTwoDimensional()
        XCTAssertEqual(recognizer.classifier.labels, MathSymbol.crohmeClasses)
        let cases = [("rit_4290_3.inkml", "\\frac { n ^ { 4 } } { 8 }", "<mfrac><msup><mi>n</mi><mn>4</mn></msup><mn>8</mn></mfrac>",
                      ["-", "4", "8", "n"]),
                     ("rit_4290_2.inkml", "\\sqrt { 1 + x ^ { 4 } }", "<msqrt><mrow><mn>1</mn><mo>+</mo><msup><mi>x</mi><mn>4</mn></msup></mrow></msqrt>",
                      ["+", "1", "4", "\\sqrt", "x"])]
        for (name, latex, mathML, labels) in cases {
            let image = InkRenderer.render(try InkDocument.parse(try Self.fixture(name))).image
            let page = try recognizer.recognize(imageBytes: try ImageEncoder.png(image))
            XCTAssertEqual(page.lines.count, 1, name)
            let line = try XCTUnwrap(page.lines.first)
            XCTAssertEqual(line.latex, latex, name)
            XCTAssertEqual(line.mathML, mathML, name)
            XCTAssertNil(line.value)
            XCTAssertNil(line.verdict)
            XCTAssertEqual(line.symbols.map(\.latex).sorted(), labels, name)  // the bar is a "-"
            XCTAssertEqual(line.confidence, line.symbols.reduce(1) { $0 * $1.confidence }, accuracy: 1e-12)
            XCTAssertLessThan(line.confidence, 1)
        }
    }

    /// Issue 15's examples, each composed from one held-out writer's real handwritten symbols
    /// (scripts/make-2d-fixtures.py): LaTeX, MathML, and value and verdict where they are
    /// arithmetic; the ones with letters are printed, not evaluated.
    func testIssueExamplesAreGradedWhereArithmetic() throws {
        let recognizer = try Recognizer.shippedTwoDimensional()
        let cases: [(file: String, latex: String, mathML: String, value: String?, verdict: Bool?, note: String)] = [
            ("2d-power-letters.inkml", "x ^ { 2 } + 3 x = 10",
             "<mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>3</mn><mi>x</mi><mo>=</mo><mn>10</mn></mrow>",
             nil, nil, "not arithmetic: contains x"),
            ("2d-fractions.inkml", "\\frac { 3 } { 4 } + \\frac { 1 } { 4 } = 1",
             "<mrow><mfrac><mn>3</mn><mn>4</mn></mfrac><mo>+</mo><mfrac><mn>1</mn><mn>4</mn></mfrac><mo>=</mo><mn>1</mn></mrow>",
             "1", true, "exact"),
            ("2d-root.inkml", "\\sqrt { 16 } = 4", "<mrow><msqrt><mn>16</mn></msqrt><mo>=</mo><mn>4</mn></mrow>", "4", true, "exact"),
            ("2d-less.inkml", "2 \\lt 5", "<mrow><mn>2</mn><mo>&lt;</mo><mn>5</mn></mrow>", "2", true, "exact"),
            ("2d-not-equal.inkml", "a \\neq b", "<mrow><mi>a</mi><mo>&#x2260;</mo><mi>b</mi></mrow>",
             nil, nil, "not arithmetic: contains a, b"),
        ]
        for example in cases {
            let image = InkRenderer.render(try InkDocument.parse(try Self.fixture(example.file))).image
            let page = try recognizer.recognize(imageBytes: try ImageEncoder.png(image))
            XCTAssertEqual(page.lines.count, 1, example.file)
            let line = try XCTUnwrap(page.lines.first, example.file)
            XCTAssertEqual(line.latex, example.latex, example.file)
            XCTAssertEqual(line.mathML, example.mathML, example.file)
            XCTAssertEqual(line.value, example.value, example.file)
            XCTAssertEqual(line.verdict, example.verdict, example.file)
            XCTAssertEqual(line.note, example.note, example.file)
            XCTAssertNil(line.problem, example.file)
        }
    }

    /// A blank page has no expression, in 2-D as in lines.
    func testBlankPageReadsNothing() throws {
        let page = try Recognizer.shippedTwoDimensional().recognize(imageBytes: try ImageEncoder.png(GrayImage(width: 200, height: 100, fill: 255)))
        XCTAssertTrue(page.lines.isEmpty)
    }
}
