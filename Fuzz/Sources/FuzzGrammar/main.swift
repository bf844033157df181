import FuzzDriver
import MathscanKit

// Grammar files: a bad grammar is an error, never a crash; a good one reads a line.
runFuzzer { data, size in
    let source = String(decoding: fuzzInput(data, size), as: UTF8.self)
    if let grammar = try? Grammar(source: source, name: "fuzz") {
        let symbols = ["1", "+", "2", "=", "3"].enumerated().map { index, label in
            PlacedSymbol(x: Double(index) * 30, y: 0, width: 20, height: 30,
                         alternatives: [Alternative(latex: label, probability: 0.9), Alternative(latex: "(", probability: 0.1)])
        }
        _ = LineReader(grammar: grammar).read(symbols)
    }
    return 0
}
