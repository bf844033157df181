import NeuralNetwork
import InkInput
import MathGrammar
import Vocabulary
/// Random arithmetic a student might write, in mathscan's token form: integers and decimals,
/// + − × ÷, parentheses, mostly equations whose right side is computed exactly (rounded to two
/// decimals when the quotient does not terminate, as students do), some of them false.
public enum RandomEquation {
    /// Tokens such as `["3", "\\times", "(", "5", "+", "1", ")", "=", "18"]` whose handwritten
    /// length (digits, points and operators each one symbol) lies in `symbolCount`.
    /// `grammar` computes the right sides, so they are what mathscan's own evaluation gives.
    public static func tokens(using generator: inout SeededGenerator, grammar: Grammar, symbolCount: ClosedRange<Int> = 3...15) -> [String] {
        while true {
            if let tokens = attempt(using: &generator, grammar: grammar), symbolCount.contains(symbols(in: tokens)) { return tokens }
        }
    }

    /// Handwritten symbols in `tokens`: each character of a number is one.
    public static func symbols(in tokens: [String]) -> Int {
        tokens.reduce(0) { $0 + (InkSymbolBank.labels.contains($1) ? 1 : $1.count) }
    }

    /// One try; nil when it divides by zero or goes negative.
    private static func attempt(using generator: inout SeededGenerator, grammar: Grammar) -> [String]? {
        let operators = [1, 1, 1, 2, 2, 3].randomElement(using: &generator) ?? 1
        var left: [String] = [number(using: &generator)]
        for _ in 0..<operators {
            left.append([MathSymbol.plus, MathSymbol.minus, MathSymbol.times, MathSymbol.divide].randomElement(using: &generator) ?? MathSymbol.plus)
            left.append(number(using: &generator))
        }
        if operators >= 2, Double.random(in: 0..<1, using: &generator) < 0.4 {
            // Bracket a run of two or more operands: token positions 0, 2, 4, … are operands.
            let first = Int.random(in: 0..<operators, using: &generator)
            let last = Int.random(in: (first + 1)...operators, using: &generator)
            if first > 0 || last < operators {
                left.insert(MathSymbol.closeParenthesis, at: 2 * last + 1)
                left.insert(MathSymbol.openParenthesis, at: 2 * first)
            }
        }
        guard let value = value(of: left, grammar: grammar), value.numerator >= 0 else { return nil }
        if Double.random(in: 0..<1, using: &generator) < 0.1 { return left }
        var right = decimal(value)
        if Double.random(in: 0..<1, using: &generator) < 0.3 {
            right = wrong(right, using: &generator)
        }
        return left + [MathSymbol.equals, right]
    }

    /// The exact value of an expression in token form; nil when it is not one or divides by zero.
    static func value(of tokens: [String], grammar: Grammar) -> Rational? {
        // The grammar reads numbers as written, one digit or point at a time.
        grammar.value(of: tokens.flatMap { Double($0) != nil ? $0.map(String.init) : [$0] })
    }

    /// 1–3 digit integers, or decimals with one or two places (0.5, 12.75).
    private static func number(using generator: inout SeededGenerator) -> String {
        let roll = Double.random(in: 0..<1, using: &generator)
        if roll < 0.75 {
            let digits = roll < 0.4 ? 1 : roll < 0.65 ? 2 : 3
            let lower = digits == 1 ? 0 : Int(pow10(digits - 1))
            return String(Int.random(in: lower..<Int(pow10(digits)), using: &generator))
        }
        let whole = Int.random(in: 0..<(roll < 0.9 ? 10 : 100), using: &generator)
        let places = Bool.random(using: &generator) ? 1 : 2
        var fraction = String(Int.random(in: 1..<Int(pow10(places)), using: &generator))
        while fraction.count < places { fraction = "0" + fraction }
        if places == 2, fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(Int64(1)) { result, _ in result * 10 }
    }

    /// Exact when the value has at most two decimal places, otherwise rounded half up to two.
    static func decimal(_ value: Rational) -> String {
        (value.terminatingPlaces ?? 3) <= 2 ? value.description : value.rounded(toPlaces: 2).description
    }

    /// A plausible slip: the last digit is wrong. Trailing decimal zeros are dropped as in
    /// `decimal`, which keeps the value changed.
    private static func wrong(_ right: String, using generator: inout SeededGenerator) -> String {
        var characters = Array(right)
        guard let index = characters.lastIndex(where: \.isNumber), let digit = characters[index].wholeNumberValue else { return right }
        characters[index] = Character(String((digit + Int.random(in: 1...9, using: &generator)) % 10))
        var result = String(characters)
        if result.contains(".") {
            while result.hasSuffix("0") { result.removeLast() }
            if result.hasSuffix(".") { result.removeLast() }
        }
        return result
    }
}
