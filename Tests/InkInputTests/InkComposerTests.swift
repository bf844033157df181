import NeuralNetwork
import MathGrammar
@testable import Synthesis
import XCTest
@testable import InkInput

final class InkComposerTests: XCTestCase {
    /// Four CROHME files with 0–8, + × ÷ = . ( ) (see Tests/Fixtures/inkml/README.md).
    private func fixtureBank() throws -> InkSymbolBank {
        var bank = InkSymbolBank()
        for name in ["formulaire005-equation045.inkml", "formulaire012-equation030.inkml",
                     "formulaire031-equation041.inkml", "MfrDB0332.inkml"] {
            bank.add(try InkDocument.parse(Fixtures.inkML(name)), writer: name)
        }
        return bank
    }

    func testBankKeepsEachSymbolsPlaceOnTheLine() throws {
        let bank = try fixtureBank()
        for label in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "+", "\\times", "\\div", "=", ".", "(", ")"] {
            XCTAssertFalse(bank.samples(of: label).isEmpty, "no sample of \(label)")
        }
        XCTAssertTrue(bank.samples(of: "9").isEmpty)
        for digit in bank.samples(of: "7") {
            XCTAssertEqual(digit.bottom, 0, accuracy: 1e-9, "digits stand on the baseline")
            XCTAssertEqual(digit.top, -1, accuracy: 0.4, "digits are about one unit high")
        }
        for point in bank.samples(of: ".") {
            XCTAssertEqual(point.bottom, 0, accuracy: 0.3, "a decimal point sits on the baseline")
        }
        for equals in bank.samples(of: "=") {
            let middle = (equals.top + equals.bottom) / 2
            XCTAssertTrue((-0.8)...(-0.05) ~= middle, "= sits above the baseline, found its middle at \(middle)")
        }
        for parenthesis in bank.samples(of: "(") {
            XCTAssertLessThan(parenthesis.top, -0.8)
            XCTAssertGreaterThan(parenthesis.bottom, -0.2)
        }
    }

    func testComposedDocumentHasTheSymbolsInOrderLeftToRightWithTruth() throws {
        let composer = InkComposer(bank: try fixtureBank())
        let tokens = ["3", "\\times", "(", "5", "+", "1", ")", "=", "18.2"]
        let document = try composer.compose(tokens, seed: 11)
        XCTAssertEqual(document.truthLaTeX, "3 \\times ( 5 + 1 ) = 18.2")
        XCTAssertEqual(document.symbols.map(\.label), ["3", "\\times", "(", "5", "+", "1", ")", "=", "1", "8", ".", "2"])
        let boxes = try document.symbols.map { try XCTUnwrap(StrokeBox(document.traces(of: $0).map(\.points))) }
        for (left, right) in zip(boxes, boxes.dropFirst()) {
            XCTAssertLessThan(left.maxX, right.minX, "symbols overlap or are out of order")
        }
        // Drawn with the pen, the ink boxes still do not touch.
        let rendering = InkRenderer.render(document)
        XCTAssertEqual(rendering.symbols.count, tokens.count + 3)
        for (left, right) in zip(rendering.symbols, rendering.symbols.dropFirst()) {
            XCTAssertLessThanOrEqual(left.box.maxX, right.box.x)
        }
        XCTAssertEqual(Set(document.symbols.flatMap(\.traceIDs)), Set(document.traces.map(\.id)))
    }

    func testSameSeedSameDocumentOtherSeedOtherDocument() throws {
        let composer = InkComposer(bank: try fixtureBank())
        let tokens = ["71", "+", "4", "=", "75"]
        XCTAssertEqual(try composer.compose(tokens, seed: 3), try composer.compose(tokens, seed: 3))
        XCTAssertNotEqual(try composer.compose(tokens, seed: 3), try composer.compose(tokens, seed: 4))
    }

    func testMissingSymbolIsAnError() throws {
        let composer = InkComposer(bank: try fixtureBank())
        XCTAssertThrowsError(try composer.compose(["9", "+", "1"], seed: 1)) {
            XCTAssertEqual($0 as? InkInputError, .noSymbolSamples(label: "9"))
        }
        XCTAssertThrowsError(try composer.compose(["x"], seed: 1)) {
            XCTAssertEqual($0 as? InkInputError, .noSymbolSamples(label: "x"))
        }
        XCTAssertThrowsError(try composer.compose([], seed: 1)) { XCTAssertEqual($0 as? InkInputError, .nothingToCompose) }
    }

    func testOneWriterIsPreferred() throws {
        var bank = InkSymbolBank()
        bank.add(try InkDocument.parse(Fixtures.inkML("MfrDB0332.inkml")), writer: "complete")
        // This writer's 1s are in the bank too, but no "+" for "1 + 1 = 11".
        bank.add(try InkDocument.parse(Fixtures.inkML("formulaire005-equation045.inkml")), writer: "other")
        XCTAssertEqual(bank.writers(of: "1"), ["complete", "other"])
        let ownOnes = bank.samples(of: "1").filter { $0.writer == "complete" }.map { Self.shape($0.strokes) }
        for seed: UInt64 in 0..<8 {
            let composed = try InkComposer(bank: bank).compose(["1", "+", "1", "=", "11"], seed: seed)
            for symbol in composed.symbols where symbol.label == "1" {
                let drawn = Self.shape(composed.traces(of: symbol).map(\.points))
                XCTAssertTrue(ownOnes.contains { Self.same($0, drawn) }, "a 1 from another writer (seed \(seed))")
            }
        }
    }

    /// Strokes moved to the origin and scaled to unit height, to compare drawings of any size.
    private static func shape(_ strokes: [[InkPoint]]) -> [[InkPoint]] {
        guard let box = StrokeBox(strokes), box.height > 0 else { return strokes }
        return strokes.map { $0.map { InkPoint(x: ($0.x - box.minX) / box.height, y: ($0.y - box.minY) / box.height) } }
    }

    private static func same(_ a: [[InkPoint]], _ b: [[InkPoint]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { first, second in
            first.count == second.count && zip(first, second).allSatisfy { abs($0.x - $1.x) < 1e-6 && abs($0.y - $1.y) < 1e-6 }
        }
    }
}

final class RandomEquationTests: XCTestCase {
    /// The shipped grammar, which evaluates the equations' sides.
    private func arithmeticGrammar() throws -> Grammar {
        let url = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("grammars/arithmetic.grammar")
        return try Grammar(source: String(contentsOf: url, encoding: .utf8), name: url.path)
    }

    func testEquationsAreWellFormedAndMostlyTrue() throws {
        let grammar = try arithmeticGrammar()
        var generator = SeededGenerator(seed: 42)
        var trueCount = 0, falseCount = 0, expressions = 0
        for _ in 0..<300 {
            let tokens = RandomEquation.tokens(using: &generator, grammar: grammar)
            XCTAssertTrue((3...15).contains(RandomEquation.symbols(in: tokens)), "\(tokens)")
            XCTAssertNoThrow(try InkComposer.symbolLabels(of: tokens))
            let sides = tokens.split(separator: "=", omittingEmptySubsequences: false).map(Array.init)
            XCTAssertLessThanOrEqual(sides.count, 2)
            let left = try XCTUnwrap(RandomEquation.value(of: sides[0], grammar: grammar), "\(tokens)")
            guard sides.count == 2 else { expressions += 1; continue }
            XCTAssertEqual(sides[1].count, 1, "the right side is one number: \(tokens)")
            if RandomEquation.decimal(left) == sides[1][0] { trueCount += 1 } else { falseCount += 1 }
        }
        XCTAssertGreaterThan(trueCount, falseCount)
        XCTAssertGreaterThan(falseCount, 0)
        XCTAssertGreaterThan(expressions, 0)
    }

    func testSameSeedSameEquations() throws {
        let grammar = try arithmeticGrammar()
        var first = SeededGenerator(seed: 9), second = SeededGenerator(seed: 9)
        for _ in 0..<20 {
            XCTAssertEqual(RandomEquation.tokens(using: &first, grammar: grammar), RandomEquation.tokens(using: &second, grammar: grammar))
        }
    }

    func testValuesAreExactAndRoundedLikeAStudent() throws {
        let grammar = try arithmeticGrammar()
        XCTAssertEqual(RandomEquation.value(of: ["3", "\\times", "(", "5", "+", "1", ")"], grammar: grammar).map(RandomEquation.decimal), "18")
        XCTAssertEqual(RandomEquation.value(of: ["7", "\\div", "3"], grammar: grammar).map(RandomEquation.decimal), "2.33")
        XCTAssertEqual(RandomEquation.value(of: ["1", "\\div", "8"], grammar: grammar).map(RandomEquation.decimal), "0.13")
        XCTAssertEqual(RandomEquation.value(of: ["0.5", "+", "12.75", "-", "1.25"], grammar: grammar).map(RandomEquation.decimal), "12")
        XCTAssertEqual(RandomEquation.value(of: ["2", "-", "1.95"], grammar: grammar).map(RandomEquation.decimal), "0.05")
        XCTAssertNil(RandomEquation.value(of: ["4", "\\div", "(", "2", "-", "2", ")"], grammar: grammar))
        XCTAssertNil(RandomEquation.value(of: ["4", "+"], grammar: grammar))
    }
}
