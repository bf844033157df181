import BigInt

/// An exact rational number with arbitrary-precision numerator and denominator, always reduced,
/// with a positive denominator — so `0.1 + 0.2 == 0.3` holds exactly.
public struct Rational: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    /// `numerator / denominator`; nil when the denominator is zero.
    public init?(_ numerator: BigInt, _ denominator: BigInt = 1) {
        guard !denominator.isZero else { return nil }
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        let sign: BigInt = denominator.sign == .minus ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    private init(reduced numerator: BigInt, _ denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static let zero = Rational(reduced: 0, 1)
    public static let one = Rational(reduced: 1, 1)

    /// Parses a decimal literal such as `12`, `0.25` or `-3.5`; nil for anything else.
    public init?(decimal text: String) {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let digits = BigInt(pieces.joined(), radix: 10) else { return nil }
        let places = pieces.count == 2 ? pieces[1].count : 0
        self.init(negative ? -digits : digits, BigInt(10).power(places))
    }

    public var isZero: Bool { numerator.isZero }

    public static func + (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator) ?? .zero
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static prefix func - (a: Rational) -> Rational { Rational(reduced: -a.numerator, a.denominator) }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator) ?? .zero
    }

    /// nil when dividing by zero.
    public func divided(by other: Rational) -> Rational? {
        Rational(numerator * other.denominator, denominator * other.numerator)
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// Rounded to `places` decimal places, halves away from zero (as taught in school).
    public func rounded(toPlaces places: Int) -> Rational {
        let scale = BigInt(10).power(places)
        let scaled = numerator * scale
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: denominator)
        var rounded = quotient
        if remainder.magnitude * 2 >= denominator.magnitude {
            rounded += scaled.sign == .minus ? -1 : 1
        }
        return Rational(rounded, scale) ?? .zero
    }

    /// Digits after the point when written as a decimal, or nil when the decimal never ends
    /// (the reduced denominator has a prime factor other than 2 and 5).
    public var terminatingPlaces: Int? {
        var rest = denominator
        var twos = 0, fives = 0
        while (rest % 2).isZero { rest /= 2; twos += 1 }
        while (rest % 5).isZero { rest /= 5; fives += 1 }
        return rest == 1 ? max(twos, fives) : nil
    }

    /// The exact value as text: an integer (`18`), a terminating decimal (`0.3`, `-2.25`)
    /// or a reduced fraction (`1/3`, `-2/7`).
    public var description: String {
        if denominator == 1 { return numerator.description }
        if let places = terminatingPlaces { return decimalString(places: places) }
        return "\(numerator)/\(denominator)"
    }

    /// The value rounded to `places` decimal places, trailing zeros removed: `90.115385`.
    public func approximation(places: Int) -> String {
        let rounded = rounded(toPlaces: places)
        return rounded.decimalString(places: rounded.terminatingPlaces ?? places)
    }

    /// Exact decimal text; valid when `denominator` divides `10^places`.
    private func decimalString(places: Int) -> String {
        let scaled = (numerator * BigInt(10).power(places) / denominator).magnitude
        var digits = String(scaled)
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -places)
        let sign = numerator.sign == .minus && !numerator.isZero ? "-" : ""
        return places == 0 ? sign + digits : sign + digits[..<split] + "." + digits[split...]
    }
}
