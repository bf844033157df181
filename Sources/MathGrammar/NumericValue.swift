import BigInt

/// What an expression is worth: exactly a rational number, or — for a root that is not a perfect
/// power, and whatever is computed from one — a pair of rational bounds known to enclose the
/// real value, no more than a few 10^-`places` apart. Bounds are rigorous, so a comparison they
/// settle is certain; one they cannot settle (the bounds overlap) is left undecided.
public enum NumericValue: Sendable, Equatable, CustomStringConvertible {
    case exact(Rational)
    case bounded(lower: Rational, upper: Rational)

    /// Decimal places of the bounds of a value that is not exact.
    public static let places = 40

    /// Largest exponent and root index evaluated; a larger one is refused, not computed.
    public static let maxExponent = 64
    /// Largest number of digits of an exact power's numerator or denominator.
    public static let maxDigits = 1_000

    public var exact: Rational? {
        if case .exact(let value) = self { return value }
        return nil
    }

    var lower: Rational {
        switch self {
        case .exact(let value): return value
        case .bounded(let lower, _): return lower
        }
    }

    var upper: Rational {
        switch self {
        case .exact(let value): return value
        case .bounded(_, let upper): return upper
        }
    }

    /// The value as text: exact as `Rational` writes it (`18`, `0.3`, `1/3`), otherwise rounded
    /// to `LineReader.approximationPlaces` decimals (`1.414214`).
    public var description: String {
        switch self {
        case .exact(let value): return value.description
        case .bounded(let lower, _): return lower.approximation(places: LineReader.approximationPlaces)
        }
    }

    /// Bounds rounded outward to `places` decimals, so that their digits stay few.
    static func bounded(_ lower: Rational, _ upper: Rational) -> NumericValue {
        let scale = BigInt(10).power(places)
        let low = Rational(floorDivision(lower.numerator * scale, lower.denominator), scale) ?? lower
        let high = Rational(-floorDivision(-upper.numerator * scale, upper.denominator), scale) ?? upper
        return .bounded(lower: low, upper: high)
    }

    /// ⌊a / b⌋ for b > 0 (BigInt's division truncates toward zero).
    private static func floorDivision(_ a: BigInt, _ b: BigInt) -> BigInt {
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        return remainder.sign == .minus && !remainder.isZero ? quotient - 1 : quotient
    }

    /// Combines two values: exactly when both are exact, else through the bounds — `corners`
    /// gives the candidates for the result's bounds from the operands' bounds.
    private static func combine(_ a: NumericValue, _ b: NumericValue, exact: (Rational, Rational) -> Rational,
                                corners: (NumericValue, NumericValue) -> [Rational]) -> NumericValue {
        if let x = a.exact, let y = b.exact { return .exact(exact(x, y)) }
        let candidates = corners(a, b)
        return bounded(candidates.min(by: <) ?? .zero, candidates.max(by: <) ?? .zero)
    }

    public static func + (a: NumericValue, b: NumericValue) -> NumericValue {
        combine(a, b, exact: +) { a, b in [a.lower + b.lower, a.upper + b.upper] }
    }

    public static prefix func - (a: NumericValue) -> NumericValue {
        switch a {
        case .exact(let value): return .exact(-value)
        case .bounded(let lower, let upper): return .bounded(lower: -upper, upper: -lower)
        }
    }

    public static func - (a: NumericValue, b: NumericValue) -> NumericValue { a + (-b) }

    public static func * (a: NumericValue, b: NumericValue) -> NumericValue {
        combine(a, b, exact: *) { a, b in
            [a.lower * b.lower, a.lower * b.upper, a.upper * b.lower, a.upper * b.upper]
        }
    }

    /// nil when the divisor is 0 or, not being exact, may be.
    public func divided(by divisor: NumericValue) -> NumericValue? {
        if let x = exact, let y = divisor.exact { return x.divided(by: y).map(NumericValue.exact) }
        guard Rational.zero < divisor.lower || divisor.upper < .zero,
              let low = Rational(divisor.upper.denominator, divisor.upper.numerator),
              let high = Rational(divisor.lower.denominator, divisor.lower.numerator) else { return nil }
        return self * .bounded(lower: low, upper: high)
    }

    public var magnitude: NumericValue {
        if upper < .zero { return -self }
        if !(lower < .zero) { return self }
        return .bounded(lower: .zero, upper: upper < -lower ? -lower : upper) // the bounds straddle 0
    }

    /// How the value compares with another: nil when bounds overlap and the order is unknown.
    func order(against other: NumericValue) -> Order? {
        if let x = exact, let y = other.exact { return x == y ? .equal : (x < y ? .less : .greater) }
        if upper < other.lower { return .less }
        if other.upper < lower { return .greater }
        return nil
    }

    enum Order { case less, equal, greater }

    /// Both bounds rounded to `places`, when they agree: the digits the value certainly has.
    func rounded(toPlaces places: Int) -> Rational? {
        let (low, high) = (lower.rounded(toPlaces: places), upper.rounded(toPlaces: places))
        return low == high ? low : nil
    }

    /// The value raised to a whole power; throws `GrammarError.undefinedValue` for 0 to a
    /// negative power, 0 ^ 0 and powers too large to compute (`what` names the power written).
    func power(_ whole: BigInt, what: String) throws -> NumericValue {
        guard whole.magnitude <= BigUInt(Self.maxExponent), let exponent = Int(exactly: whole) else {
            throw GrammarError.undefinedValue(reason: "\(what) is too large to evaluate: the exponent \(whole) is beyond ±\(Self.maxExponent)")
        }
        if exponent <= 0, let base = exact, base.isZero {
            throw GrammarError.undefinedValue(reason: exponent == 0 ? "0 ^ 0 is undefined in \(what)" : "0 to a negative power is undefined in \(what)")
        }
        if let base = exact {
            let digits = max(base.numerator.magnitude.bitWidth, base.denominator.magnitude.bitWidth) * abs(exponent) * 30_103 / 100_000
            guard digits <= Self.maxDigits else {
                throw GrammarError.undefinedValue(reason: "\(what) is too large to evaluate: about \(digits) digits, beyond \(Self.maxDigits)")
            }
            let powered = Rational(base.numerator.power(abs(exponent)), base.denominator.power(abs(exponent))) ?? .zero
            guard exponent < 0 else { return .exact(powered) }
            return Rational.one.divided(by: powered).map(NumericValue.exact) ?? .exact(.zero)
        }
        var result = NumericValue.exact(Rational.one)
        for _ in 0..<abs(exponent) { result = result * self }
        guard exponent < 0 else { return result }
        guard let reciprocal = NumericValue.exact(Rational.one).divided(by: result) else {
            throw GrammarError.undefinedValue(reason: "\(what): the base is too close to 0 to raise to a negative power")
        }
        return reciprocal
    }

    /// The real `index`-th root (index ≥ 1): exact when the value is a perfect power of a
    /// rational (√(9/4) = 3/2), otherwise bounded. Throws for an even root of a negative value.
    func root(_ whole: BigInt, what: String) throws -> NumericValue {
        guard whole >= 1, whole <= BigInt(Self.maxExponent), let index = Int(exactly: whole) else {
            throw GrammarError.undefinedValue(reason: "\(what): the root's index \(whole) is not a whole number from 1 to \(Self.maxExponent)")
        }
        if upper < .zero || (exact.map { $0 < .zero } ?? false) {
            guard index % 2 == 1 else {
                throw GrammarError.undefinedValue(reason: "\(what) is not a real number: an even root of a negative number")
            }
            return -(try (-self).root(whole, what: what))
        }
        if let radicand = exact,
           let numerator = Self.exactRoot(radicand.numerator.magnitude, index),
           let denominator = Self.exactRoot(radicand.denominator.magnitude, index) {
            return .exact(Rational(BigInt(numerator), BigInt(denominator)) ?? .zero)
        }
        if lower < .zero, index % 2 == 0 {
            throw GrammarError.undefinedValue(reason: "\(what): the radicand is too close to 0 to tell whether it is negative")
        }
        return .bounded(lower: Self.rootBound(lower, index, upward: false), upper: Self.rootBound(upper, index, upward: true))
    }

    /// A bound of the root of `value` to `places` decimals: below it, or above it when `upward`.
    private static func rootBound(_ value: Rational, _ index: Int, upward: Bool) -> Rational {
        if value < .zero { return -rootBound(-value, index, upward: !upward) } // an odd root
        let scale = BigInt(10).power(places)
        let scaled = (value.numerator * scale.power(index) / value.denominator).magnitude
        let floorRoot = integerRoot(scaled, index)
        return Rational(BigInt(upward ? floorRoot + 1 : floorRoot), scale) ?? .zero
    }

    /// ⌊value^(1/index)⌋, by bisection over the root's possible bits.
    static func integerRoot(_ value: BigUInt, _ index: Int) -> BigUInt {
        guard index > 1, value > 1 else { return value }
        var low = BigUInt(0)
        var high = BigUInt(1) << (value.bitWidth / index + 1)
        while low < high { // the largest r with r^index ≤ value lies in low...high
            let middle = (low + high + 1) / 2
            if middle.power(index) <= value { low = middle } else { high = middle - 1 }
        }
        return low
    }

    private static func exactRoot(_ value: BigUInt, _ index: Int) -> BigUInt? {
        let root = integerRoot(value, index)
        return root.power(index) == value ? root : nil
    }
}
