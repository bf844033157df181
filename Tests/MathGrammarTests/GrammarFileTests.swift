import Foundation
import XCTest
@testable import MathGrammar

/// Loading grammar files: the real one, extensions of it, and malformed fixtures.
final class GrammarFileTests: XCTestCase {
    func testArithmeticGrammarLoads() throws {
        let grammar = try arithmeticGrammar()
        XCTAssertEqual(grammar.number.digits, Set((0...9).map(String.init)))
        XCTAssertEqual(grammar.number.point, ".")
        XCTAssertEqual(Set(grammar.infixOperators.keys), ["+", "-", "\\times", "\\cdot", "\\div", "/"])
        XCTAssertEqual(grammar.infixOperators["/"]?.meaning, .divide)
        XCTAssertEqual(Set(grammar.prefixOperators.keys), ["+", "-"])
        // The relations are named as the CROHME classifier names them (for the 2-D reader).
        XCTAssertEqual(grammar.relations.mapValues(\.meaning), ["=": .equal, "\\neq": .notEqual, "\\lt": .less,
                                                               "\\gt": .greater, "\\leq": .lessOrEqual, "\\geq": .greaterOrEqual])
        XCTAssertEqual(grammar.groups.map { [$0.open, $0.close] }, [["(", ")"], ["[", "]"], ["|", "|"]])
        XCTAssertEqual(grammar.groups.last?.meaning, .absoluteValue)
        XCTAssertEqual(grammar.juxtaposition?.before, ["(", "["])
        let times = try XCTUnwrap(grammar.infixOperators["\\times"])
        let plus = try XCTUnwrap(grammar.infixOperators["+"])
        XCTAssertGreaterThan(times.precedence, plus.precedence)
    }

    /// Each fixture's first line says which line fails and part of the message:
    /// `# expect: line N: text`.
    func testMalformedGrammarsAreRefusedWithTheirLine() throws {
        let files = try FileManager.default.contentsOfDirectory(at: grammarFixtures, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "grammar" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            let name = file.lastPathComponent
            let header = try XCTUnwrap(source.split(separator: "\n").first, name)
            let expectation = header.split(separator: ":", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard expectation.count == 3, expectation[0] == "# expect", let line = Int(expectation[1].dropFirst("line ".count)) else {
                XCTFail("\(name): first line must be '# expect: line N: message'")
                continue
            }
            XCTAssertThrowsError(try Grammar(source: source, name: name), name) { error in
                guard let error = error as? GrammarError else { return XCTFail("\(name): \(error)") }
                XCTAssertEqual(error.line, line, "\(name): \(error)")
                XCTAssertTrue(error.description.hasPrefix("\(name):\(line): "), error.description)
                XCTAssertTrue(error.description.contains(expectation[2]), "\(name): \(error) should say \(expectation[2])")
            }
        }
    }

    func testCarriageReturnLineEndings() throws {
        let source = "number digits=\"0 1\" latex=\"$literal\" mathml=\"<mn>$literal</mn>\"\r\n\r\ninfx\r\n"
        XCTAssertThrowsError(try Grammar(source: source, name: "crlf.grammar")) { error in
            XCTAssertEqual((error as? GrammarError)?.line, 3)
        }
    }

    /// The format takes new relations and operator rows without code changes.
    func testGrammarCanBeExtendedWithRelationsAndAssociativity() throws {
        let source = """
            number digits="0 1 2 3 4 5 6 7 8 9" latex="$literal" mathml="<mn>$literal</mn>"  # no decimal point
            infix - precedence=1 associativity=right meaning=subtract latex="$left - $right" mathml="$left<mo>-</mo>$right"
            relation < meaning=less latex="$left < $right" mathml="$left<mo>&lt;</mo>$right"
            relation \\neq meaning=not-equal latex="$left \\neq $right" mathml="$left<mo>&#x2260;</mo>$right"
            group [ ] meaning=identity latex="[ $inner ]" mathml="<mrow><mo>[</mo>$inner<mo>]</mo></mrow>"
            group ( ) meaning=identity latex="( $inner )" mathml="<mrow><mo>(</mo>$inner<mo>)</mo></mrow>"
            group | | meaning=absolute-value latex="| $inner |" mathml="<mrow><mo>|</mo>$inner<mo>|</mo></mrow>"
            """
        let reader = LineReader(grammar: try Grammar(source: source, name: "extended.grammar"))
        XCTAssertEqual(reader.read(labels: labels("10 - 4 - 3")).value, "9") // right-associative: 10 - (4 - 3)
        XCTAssertEqual(reader.read(labels: labels("1 < 2")).verdict, true)
        XCTAssertEqual(reader.read(labels: labels("3 < 2 - 1")).verdict, false)
        XCTAssertEqual(reader.read(labels: labels("1 \\neq 2")).verdict, true)
        XCTAssertEqual(reader.read(labels: labels("[ 5 - ( 1 ) ] < 9")).verdict, true)
        XCTAssertNotNil(reader.read(labels: labels("[ 5 )")).problem)
        XCTAssertNotNil(reader.read(labels: labels("1 . 5")).problem)
        XCTAssertEqual(reader.read(labels: labels("| 2 - 5 | < 4")).verdict, true)
        XCTAssertEqual(reader.read(labels: labels("| 2 - 5 | < 3")).verdict, false)
        let nested = reader.read(labels: labels("| 1 - | 2 - 5 | | < 3")) // |1 - 3| = 2
        XCTAssertEqual(nested.verdict, true)
        XCTAssertEqual(nested.latex, "| 1 - | 2 - 5 | | < 3")
        XCTAssertNotNil(reader.read(labels: labels("| 1 | 2 |")).problem)
    }
}
