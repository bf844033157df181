/// How many items of one list are matched, in order, by items of another: the sum of the sizes
/// of Python's `difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`,
/// which the reference scorer uses for worksheet items. Not the longest common subsequence:
/// difflib takes the longest run of equal items first and recurses on each side of it, and
/// this copies that, ties included (earliest in `a`, then earliest in `b`).
enum MatchingBlocks {
    static func matchedCount<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        matched(a, b, a.startIndex..<a.endIndex, b.startIndex..<b.endIndex)
    }

    private static func matched<Element: Equatable>(_ a: [Element], _ b: [Element],
                                                    _ aRange: Range<Int>, _ bRange: Range<Int>) -> Int {
        let (i, j, size) = longestMatch(a, b, aRange, bRange)
        guard size > 0 else { return 0 }
        var total = size
        if aRange.lowerBound < i, bRange.lowerBound < j {
            total += matched(a, b, aRange.lowerBound..<i, bRange.lowerBound..<j)
        }
        if i + size < aRange.upperBound, j + size < bRange.upperBound {
            total += matched(a, b, (i + size)..<aRange.upperBound, (j + size)..<bRange.upperBound)
        }
        return total
    }

    /// difflib's `find_longest_match` without junk: a longer run replaces the best only when
    /// strictly longer, scanning `a` then `b` in order.
    private static func longestMatch<Element: Equatable>(_ a: [Element], _ b: [Element],
                                                         _ aRange: Range<Int>, _ bRange: Range<Int>) -> (Int, Int, Int) {
        var best = (aRange.lowerBound, bRange.lowerBound, 0)
        // runLength[j - bRange.lowerBound + 1]: length of the equal run ending at a[i - 1], b[j].
        var previous = [Int](repeating: 0, count: bRange.count + 1)
        for i in aRange {
            var current = [Int](repeating: 0, count: bRange.count + 1)
            for j in bRange where a[i] == b[j] {
                let slot = j - bRange.lowerBound + 1
                let length = previous[slot - 1] + 1
                current[slot] = length
                if length > best.2 { best = (i - length + 1, j - length + 1, length) }
            }
            previous = current
        }
        return best
    }
}
