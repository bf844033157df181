/// Why a page was given up without a reading.
public enum RecognitionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the work stood when it was stopped.
    public enum Stage: String, Sendable {
        case decoding, segmentation, classification, grammar
    }

    /// The page took longer than `Recognizer.Options.timeBudget`.
    case timeBudgetExceeded(budget: Duration, stage: Stage)

    public var description: String {
        switch self {
        case .timeBudgetExceeded(let budget, let stage):
            let (seconds, attoseconds) = budget.components
            let shown = Double(seconds) + Double(attoseconds) / 1e18
            // Decoding cannot be interrupted: the budget is checked once it is done.
            let when = stage == .decoding ? "after decoding" : "during \(stage.rawValue)"
            return "reading the page took longer than its time budget of \(shown) s and was stopped \(when); "
                + "pages this slow are usually noise, grain, a texture or thousands of specks rather than handwriting"
        }
    }
}

/// The time one page may take, from a start: `check` throws once it is spent. Checked between
/// stages and inside their loops (per line, per component, per batch of crops), so a
/// pathological page stops within a fraction of a second of its budget.
public struct TimeBudget: Sendable {
    public let limit: Duration?
    public let start: ContinuousClock.Instant

    public init(_ limit: Duration?, start: ContinuousClock.Instant = ContinuousClock.now) {
        self.limit = limit
        self.start = start
    }

    public func check(_ stage: RecognitionError.Stage) throws {
        guard let limit, ContinuousClock.now - start > limit else { return }
        throw RecognitionError.timeBudgetExceeded(budget: limit, stage: stage)
    }
}
