/// One page scored against its truth by the reference rules: right when the token sequences are
/// equal, with the differences when not, and the worksheet items matched in order.
public struct PageScore: Sendable {
    public var row: ManifestRow
    /// Why the page was not read (its image missing or undecodable); such a page reads nothing.
    public var failure: String?
    /// The reading as the reference prints it: ` ; `-joined lines of space-separated tokens.
    public let readText: String
    public let exact: Bool
    public let errors: [ReadingError]
    public let itemsWanted: Int
    public let itemsMatched: Int

    /// `readingLines`: the LaTeX of each line read, top to bottom (nil for a line with none).
    public init(row: ManifestRow, readingLines: [String?], failure: String? = nil) {
        self.row = row
        self.failure = failure
        let truth = ScoreTokens.truth(row.truth)
        let read = ScoreTokens.reading(readingLines)
        readText = ScoreTokens.readingText(readingLines)
        exact = read == truth
        errors = ReadingErrors.find(truth: ScoreTokens.lines(truth), read: ScoreTokens.lines(read))
        let wanted = ScoreTokens.items(row.truth)
        itemsWanted = wanted.count
        itemsMatched = MatchingBlocks.matchedCount(ScoreTokens.readingItems(readText), wanted)
    }
}
