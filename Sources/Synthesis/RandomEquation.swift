import InkInput
/// Random arithmetic a student might write, in mathscan's token form: integers and decimals,
/// + − × ÷, parentheses, mostly equations whose right side is computed exactly (rounded to two
/// decimals when the quotient does not terminate, as students do), some of them false.
public enum RandomEquation {
    /// Tokens such as `["3", "\\times", "(", "5", "+", "1", ")", "=", "18"]` whose handwritten
    /// length (digits, points and operators each one symbol) lies in `symbolCount`.
    public static func tokens(using generator: inout SeededGenerator, symbolCount: ClosedRange<Int> = 3...15) -> [String] {
        while true {
            if let tokens = attempt(using: &generator), symbolCount.contains(symbols(in: tokens)) { return tokens }
        }
    }

    /// Handwritten symbols in `tokens`: each character of a number is one.
    public static func symbols(in tokens: [String]) -> Int {
        tokens.reduce(0) { $0 + (InkSymbolBank.labels.contains($1) ? 1 : $1.count) }
    }

    /// One try; nil when it divides by zero, overflows or goes negative.
    private static func attempt(using generator: inout SeededGenerator) -> [String]? {
        let operators = [1, 1, 1, 2, 2, 3].randomElement(using: &generator) ?? 1
        var left: [String] = [number(using: &generator)]
        for _ in 0..<operators {
            left.append(["+", "-", "\\times", "\\div"].randomElement(using: &generator) ?? "+")
            left.append(number(using: &generator))
        }
        if operators >= 2, Double.random(in: 0..<1, using: &generator) < 0.4 {
            // Bracket a run of two or more operands: token positions 0, 2, 4, … are operands.
            let first = Int.random(in: 0..<operators, using: &generator)
            let last = Int.random(in: (first + 1)...operators, using: &generator)
            if first > 0 || last < operators {
                left.insert(")", at: 2 * last + 1)
                left.insert("(", at: 2 * first)
            }
        }
        guard let value = value(of: left), value.numerator >= 0 else { return nil }
        if Double.random(in: 0..<1, using: &generator) < 0.1 { return left }
        var right = decimal(value)
        if Double.random(in: 0..<1, using: &generator) < 0.3 {
            right = wrong(right, using: &generator)
        }
        return left + ["=", right]
    }

    /// The exact value of an expression in token form; nil when it is not one or divides by zero.
    static func value(of tokens: [String]) -> Fraction? {
        var evaluator = Evaluator(tokens: tokens)
        return evaluator.evaluate()
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
    static func decimal(_ value: Fraction) -> String {
        let hundredths = (value.numerator * 100 * 2 + value.denominator) / (2 * value.denominator)
        let whole = hundredths / 100, rest = hundredths % 100
        if rest == 0 { return String(whole) }
        let fraction = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0\(rest)" : String(rest))
        return "\(whole).\(fraction)"
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

    /// A fraction in lowest terms with a positive denominator of 64-bit integers.
    struct Fraction: Equatable {
        var numerator: Int64
        var denominator: Int64

        init?(_ numerator: Int64, _ denominator: Int64) {
            guard denominator != 0 else { return nil }
            let divisor = Self.gcd(abs(numerator), abs(denominator))
            let sign: Int64 = denominator < 0 ? -1 : 1
            self.numerator = sign * numerator / max(divisor, 1)
            self.denominator = sign * denominator / max(divisor, 1)
        }

        init?(decimal text: String) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let whole = Int64(parts[0]) else { return nil }
            guard parts.count == 2 else { self.init(whole, 1); return }
            guard let fraction = Int64(parts[1]) else { return nil }
            let scale = RandomEquation.pow10(parts[1].count)
            self.init(whole * scale + fraction, scale)
        }

        static func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }

        /// nil on overflow or division by zero.
        func combined(_ other: Fraction, _ operation: String) -> Fraction? {
            func multiply(_ a: Int64, _ b: Int64) -> Int64? {
                let (product, overflow) = a.multipliedReportingOverflow(by: b)
                return overflow || abs(product) > 1_000_000_000_000 ? nil : product
            }
            switch operation {
            case "+", "-":
                guard let a = multiply(numerator, other.denominator), let b = multiply(other.numerator, denominator),
                      let d = multiply(denominator, other.denominator) else { return nil }
                return Fraction(operation == "+" ? a + b : a - b, d)
            case "\\times":
                guard let n = multiply(numerator, other.numerator), let d = multiply(denominator, other.denominator) else { return nil }
                return Fraction(n, d)
            default:
                guard let n = multiply(numerator, other.denominator), let d = multiply(denominator, other.numerator) else { return nil }
                return Fraction(n, d)
            }
        }
    }

    /// Recursive descent with the usual precedence: sum := product (± product)*,
    /// product := factor (×÷ factor)*, factor := number | ( sum ).
    private struct Evaluator {
        let tokens: [String]
        var position = 0

        init(tokens: [String]) { self.tokens = tokens }

        mutating func evaluate() -> Fraction? {
            guard let value = sum(), position == tokens.count else { return nil }
            return value
        }

        private mutating func sum() -> Fraction? {
            guard var value = product() else { return nil }
            while position < tokens.count, tokens[position] == "+" || tokens[position] == "-" {
                let operation = tokens[position]
                position += 1
                guard let right = product(), let next = value.combined(right, operation) else { return nil }
                value = next
            }
            return value
        }

        private mutating func product() -> Fraction? {
            guard var value = factor() else { return nil }
            while position < tokens.count, tokens[position] == "\\times" || tokens[position] == "\\div" {
                let operation = tokens[position]
                position += 1
                guard let right = factor(), let next = value.combined(right, operation) else { return nil }
                value = next
            }
            return value
        }

        private mutating func factor() -> Fraction? {
            guard position < tokens.count else { return nil }
            let token = tokens[position]
            position += 1
            if token == "(" {
                guard let value = sum(), position < tokens.count, tokens[position] == ")" else { return nil }
                position += 1
                return value
            }
            return Fraction(decimal: token)
        }
    }
}
