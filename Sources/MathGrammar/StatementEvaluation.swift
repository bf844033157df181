/// The value of a statement and, for an equation or inequality, whether it holds — the one
/// verdict engine of lines and 2-D expressions alike.
struct StatementEvaluation: Equatable {
    /// The value of the left-most side; nil when it is undefined.
    var value: NumericValue?
    /// For a chain of relations: whether every relation holds; nil when a side is undefined, or
    /// when a side is not exact and its bounds cannot settle a relation.
    var verdict: Bool?
    /// "exact", "true to 2 decimals", why the verdict is false, or why a value is undefined;
    /// a value that is not exact says so ("≈, to 6 decimals").
    var note: String?

    /// The note of a line that ends in its relation.
    static let noAnswer = "no answer written"

    init(_ statement: Statement) {
        let results = statement.sides.map { side in Result { try side.evaluated() } }
        value = try? results.first?.get()
        var values: [NumericValue] = []
        for result in results {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error):
                note = Self.reason(error) // verdict stays nil: an undefined side is neither true nor false
                return
            }
        }
        defer { notingApproximation() }
        guard statement.isEquation else { return }
        // A question without its answer is neither true nor false.
        guard !statement.isUnanswered else {
            note = Self.noAnswer
            return
        }
        var roundedPlaces: Set<Int> = []
        var undecided: String?
        for (index, relation) in statement.relations.enumerated() {
            let (left, right) = (statement.sides[index], statement.sides[index + 1])
            let (a, b) = (values[index], values[index + 1])
            let order = a.order(against: b)
            if let order, Self.holds(relation.meaning, order) { continue }
            if relation.meaning == .equal, let places = Self.roundedEquality(left, a, right, b) {
                roundedPlaces.insert(places)
                continue
            }
            guard order != nil else {
                // Overlapping bounds: the relation may hold or not; claim neither.
                undecided = undecided ?? "undecided: whether \(relation.symbol) holds between \(Self.describe(a)) and \(Self.describe(b)) needs more than \(NumericValue.places) decimals"
                continue
            }
            verdict = false
            note = "false: \(relation.symbol) does not hold between \(Self.describe(a)) and \(Self.describe(b))"
            return
        }
        if let undecided {
            note = undecided
            return
        }
        verdict = true
        if !roundedPlaces.isEmpty {
            let places = roundedPlaces.sorted().map(String.init).joined(separator: " and ")
            note = "true to \(places) decimal\(roundedPlaces == [1] ? "" : "s")"
        } else if values.allSatisfy({ $0.exact != nil }) {
            note = "exact"
        } else {
            note = "true, settled by bounds to \(NumericValue.places) decimals (a side is not exact)"
        }
    }

    /// A value that is not exact is shown rounded; the note says so.
    private mutating func notingApproximation() {
        guard let value, value.exact == nil else { return }
        let approximation = "≈, to \(LineReader.approximationPlaces) decimals"
        note = note.map { "\($0); value \(approximation)" } ?? approximation
    }

    private static func holds(_ meaning: RelationMeaning, _ order: NumericValue.Order) -> Bool {
        switch meaning {
        case .equal: return order == .equal
        case .notEqual: return order != .equal
        case .less: return order == .less
        case .lessOrEqual: return order != .greater
        case .greater: return order == .greater
        case .greaterOrEqual: return order != .less
        }
    }

    /// When one side is written as a decimal with k places and the other side, rounded to
    /// k places, equals it: k. (`71 ÷ 78 × 99 = 90.12` holds to 2 decimals.)
    /// A side that is not exact rounds to k places only when both its bounds do.
    private static func roundedEquality(_ left: Expression, _ a: NumericValue, _ right: Expression, _ b: NumericValue) -> Int? {
        if let places = right.writtenDecimalPlaces, places > 0, let rounded = a.rounded(toPlaces: places), .exact(rounded) == b { return places }
        if let places = left.writtenDecimalPlaces, places > 0, let rounded = b.rounded(toPlaces: places), .exact(rounded) == a { return places }
        return nil
    }

    private static func describe(_ value: NumericValue) -> String {
        guard let exact = value.exact else { return "≈ \(value)" }
        return exact.terminatingPlaces == nil ? "\(exact) (≈ \(exact.approximation(places: LineReader.approximationPlaces)))" : exact.description
    }

    static func reason(_ error: Error) -> String {
        if case GrammarError.undefinedValue(let reason) = error { return reason }
        return String(describing: error)
    }
}
