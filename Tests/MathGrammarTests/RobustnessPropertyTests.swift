import MathGrammar
import PropertyBased
import Testing

/// Arbitrary boxes and labels never crash the reader, and every input symbol is accounted for.
@Suite struct RobustnessPropertyTests {
    static let vocabulary = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "+", "-", "\\times", "\\div",
                             "=", "(", ")", "\\cdot", "t", "", "?"]

    /// Symbols from a stream of random choices: a box, then up to three alternatives.
    static func symbols(from choices: [Int]) -> [PlacedSymbol] {
        var position = 0
        func next(_ bound: Int) -> Int {
            defer { position += 1 }
            return position < choices.count ? choices[position] % bound : 0
        }
        var symbols: [PlacedSymbol] = []
        while position < choices.count {
            let box = (x: Double(next(400)), y: Double(next(120)), width: Double(next(50)), height: Double(next(50)))
            let alternatives = (0..<next(4)).map { _ in
                Alternative(latex: vocabulary[next(vocabulary.count)], probability: Double(next(101)) / 100)
            }
            symbols.append(PlacedSymbol(x: box.x, y: box.y, width: box.width, height: box.height, alternatives: alternatives))
        }
        return symbols
    }

    @Test func anySymbolsGiveAReading() async throws {
        let reader = LineReader(grammar: try arithmeticGrammar())
        await propertyCheck(count: 300, input: Gen.int(in: 0...999).array(of: 0...90)) { choices in
            let symbols = Self.symbols(from: choices)
            let reading = reader.read(symbols)
            let used = reading.symbols.flatMap(\.inputIndices) + reading.ignoredInputIndices
            #expect(used.sorted() == Array(symbols.indices))
            #expect(reading.confidence >= 0 && reading.confidence <= 1)
            if reading.problem == nil {
                #expect(reading.latex != nil && reading.mathML.map(isBalancedXML) == true)
            } else {
                #expect(reading.mathML == nil && reading.value == nil && reading.verdict == nil)
            }
            if reading.verdict != nil { #expect(reading.verdictNote != nil) }
        }
    }
}
