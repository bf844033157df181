/// The value of a statement and, for an equation or inequality, whether it holds.
struct StatementEvaluation: Equatable {
    /// The value of the left-most side; nil when it is undefined.
    var value: Rational?
    /// For a chain of relations: whether every relation holds; nil when a side is undefined.
    var verdict: Bool?
    /// "exact", "true to 2 decimals", why the verdict is false, or why a value is undefined.
    var note: String?

    /// The note of a line that ends in its relation.
    static let noAnswer = "no answer written"

    init(_ statement: Statement) {
        let results = statement.sides.map { side in Result { try side.value() } }
        value = try? results.first?.get()
        var values: [Rational] = []
        for result in results {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error):
                note = Self.reason(error) // verdict stays nil: an undefined side is neither true nor false
                return
            }
        }
        guard statement.isEquation else { return }
        // A question without its answer is neither true nor false.
        guard !statement.isUnanswered else {
            note = Self.noAnswer
            return
        }
        var roundedPlaces: Set<Int> = []
        for (index, relation) in statement.relations.enumerated() {
            let (left, right) = (statement.sides[index], statement.sides[index + 1])
            let (a, b) = (values[index], values[index + 1])
            if Self.holds(relation.meaning, a, b) { continue }
            if relation.meaning == .equal, let places = Self.roundedEquality(left, a, right, b) {
                roundedPlaces.insert(places)
                continue
            }
            verdict = false
            note = "false: \(relation.symbol) does not hold between \(Self.describe(a)) and \(Self.describe(b))"
            return
        }
        verdict = true
        if roundedPlaces.isEmpty {
            note = "exact"
        } else {
            let places = roundedPlaces.sorted().map(String.init).joined(separator: " and ")
            note = "true to \(places) decimal\(roundedPlaces == [1] ? "" : "s")"
        }
    }

    private static func holds(_ meaning: RelationMeaning, _ a: Rational, _ b: Rational) -> Bool {
        switch meaning {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return !(b < a)
        case .greater: return b < a
        case .greaterOrEqual: return !(a < b)
        }
    }

    /// When one side is written as a decimal with k places and the other side, rounded to
    /// k places, equals it: k. (`71 ÷ 78 × 99 = 90.12` holds to 2 decimals.)
    private static func roundedEquality(_ left: Expression, _ a: Rational, _ right: Expression, _ b: Rational) -> Int? {
        if let places = right.writtenDecimalPlaces, places > 0, a.rounded(toPlaces: places) == b { return places }
        if let places = left.writtenDecimalPlaces, places > 0, b.rounded(toPlaces: places) == a { return places }
        return nil
    }

    private static func describe(_ value: Rational) -> String {
        value.terminatingPlaces == nil ? "\(value) (≈ \(value.approximation(places: 6)))" : value.description
    }

    static func reason(_ error: Error) -> String {
        if case GrammarError.undefinedValue(let reason) = error { return reason }
        return String(describing: error)
    }
}
