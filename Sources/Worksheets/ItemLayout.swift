import Foundation
import ImageDecoding
import Vocabulary

/// Splits a page's symbols into the separate problems of a worksheet by their 2-D layout: a
/// recursive XY-cut over the symbol boxes. Rows of whitespace across a region split it into
/// bands, columns of whitespace split a band into items; each piece is cut again until no gap
/// is wide enough. Gaps are measured in units of the page's typical symbol height, so the
/// rule does not depend on the resolution of the scan.
///
/// Pure geometry plus the symbols' most probable labels (for `=` and item labels): no image,
/// no network, so it is cheap to test on made-up boxes.
public struct ItemLayout: Sendable {
    /// A horizontal strip of whitespace at least this many symbol heights tall separates
    /// items above from items below. Lines of one expression share their vertical extent, so
    /// any clear strip is a boundary; half a height keeps `=` bars and dots (already grouped
    /// into symbols) from being mistaken for gaps.
    public var rowGap = 0.5
    /// A vertical strip of whitespace at least this many symbol heights wide separates items
    /// side by side. Handwriting leaves at most about one symbol height between the symbols of
    /// one expression, even when it is spaced out ("71  ×  6"); the problems of a worksheet
    /// are laid out further apart.
    public var columnGap = 2.0
    /// A narrower strip, down to this many heights, separates items too when neither side
    /// is left unfinished by it: no piece ends or starts with an operator, so that "78  - 42"
    /// stays one problem while "59 + 0   0 - 9" on a crowded sheet are two.
    public var narrowColumnGap = 1.0
    /// A mark whose long side exceeds this many symbol heights, and is `ruleAspect` times its
    /// short side, is a ruled line (a hand-drawn grid, a margin): a separator, not writing.
    /// So is a chain of thin pieces in a row (a dashed or broken line) of that length.
    /// Horizontal: longer than any fraction bar or minus sign of a line of arithmetic.
    public var ruleLength = 5.0
    /// Vertical: nothing in arithmetic is a stroke several symbols tall (brackets reach about
    /// two heights).
    public var verticalRuleLength = 3.0
    public var ruleAspect = 8.0
    /// Marks whose boxes are smaller than this many symbol heights on both sides are specks:
    /// a piece made only of them is not a problem.
    public var speckSize = 0.4

    /// Printed text (a heading, an instruction, a name line) is set in type: its letters stand
    /// on one baseline and reach one x-height or cap height to the pixel, which no hand does
    /// for long. A band of at least `printedMinimumMarks` marks, most of them (`printedAlignedShare`)
    /// sharing top and bottom with two others, is printed — when its marks are also smaller
    /// than the writing (median height ≤ `printedMaximumHeight` symbol heights; worksheets are
    /// printed in a smaller size than children write) and few writing-sized marks in it stand
    /// out of the alignment (so a row of problems beside an instruction is not lost with it).
    public var printedMinimumMarks = 12
    public var printedAlignedShare = 0.5
    public var printedMaximumHeight = 0.75

    /// Operators and relations: a piece with one is an expression, not a lone number.
    let binaryOperators = MathSymbol.binaryOperators.union([MathSymbol.equals])

    public init() {}

    /// One problem of the page: indices into the input, in reading order left to right.
    public struct Item: Sendable, Equatable {
        /// The item's number on the page (see `numbered`).
        public var number = 0
        /// The item's label (`1)`, `2.`, `a)`): its symbols, kept apart from the expression.
        public var label: [Int]
        /// The problem and the student's answer.
        public var expression: [Int]
        /// Union of the label's and the expression's boxes.
        public var box: Box
    }

    public struct Layout: Sendable, Equatable {
        public var items: [Item]
        /// Ruled lines set aside as separators.
        public var rules: [Int]
        /// Printed text set aside: the marks of each printed region (a heading, an instruction).
        public var printed: [[Int]] = []
    }

    /// - Parameters:
    ///   - boxes: symbol boxes in image pixels.
    ///   - labels: each symbol's most probable label (LaTeX), the same count as `boxes`.
    ///   - skewDegrees: the page's rotation (clockwise), as the segmenter measured it; the cut
    ///     runs along the writing.
    public func layout(boxes: [Box], labels: [String], skewDegrees: Double = 0) -> Layout {
        guard !boxes.isEmpty, boxes.count == labels.count else { return Layout(items: [], rules: []) }
        let angle = skewDegrees * .pi / 180
        let frames = boxes.map { Frame($0, skew: angle) }
        let height = Self.typicalHeight(boxes)
        let rules = ruledLines(boxes, frames: frames, height: height)
        let writing = boxes.indices.filter { !rules.contains($0) }
        var pieces: [[Int]] = []
        var printed: [[Int]] = []
        cut(writing, frames: frames, labels: labels, height: height, into: &pieces, printed: &printed)
        // A piece of specks, or of marks none of which reads as a digit (a stray stroke, a
        // fragment of a ruled line), is no problem of the worksheet.
        let isSpeck = { (index: Int) in Double(max(boxes[index].width, boxes[index].height)) < self.speckSize * height }
        // A speck that is round, not a short stroke: dust or a dot, never a minus sign.
        let isDust = { (index: Int) in
            isSpeck(index) && max(boxes[index].width, boxes[index].height) <= 3 * max(1, min(boxes[index].width, boxes[index].height))
        }
        let isDigit = { (index: Int) in MathSymbol.digits.contains(labels[index]) }
        // Set aside before joining, so that a stray stroke is not taken for a dangling operator;
        // a piece closed by `)` may be a label (`a)`) and stays.
        let isLabelLike = { (piece: [Int]) in piece.max { frames[$0].x1 < frames[$1].x1 }.map { labels[$0] == MathSymbol.closeParenthesis } ?? false }
        let written = pieces.filter { piece in !piece.allSatisfy(isSpeck) && (piece.contains(where: isDigit) || isLabelLike(piece)) }
        let joined = joiningAcrossEquals(written, frames: frames, labels: labels, height: height).filter { $0.contains(where: isDigit) }
        var items = joined.map { piece -> Item in
            let ordered = piece.sorted { frames[$0].x0 < frames[$1].x0 }
            let labelCount = Self.labelLength(ordered, frames: frames, labels: labels, height: height)
            let expression = Self.withoutStraySpecks(Array(ordered.dropFirst(labelCount)), frames: frames, labels: labels, isSpeck: isDust)
            let kept = Array(ordered.prefix(labelCount)) + expression
            return Item(label: Array(ordered.prefix(labelCount)), expression: expression, box: Box.union(kept.map { boxes[$0] }))
        }
        items = Self.numbered(items, labelNumbers: items.map { Self.number(of: $0.label, labels: labels) })
        return Layout(items: items, rules: rules.sorted(), printed: printed)
    }

    /// Items in reading order with their numbers. Item numbers run on in reading order, across
    /// rows (a grid) or down columns; a label may be misread (a `7` read as `4`) or missed. So
    /// when most items are labelled (≥ 60 %, at least 3), the order — row by row, as cut, or
    /// column by column — in which most labels equal their place plus one offset (a page may
    /// start at 11) is taken, and every item is numbered by its place in it: a misread label
    /// then neither reorders the page nor gives two items one number. Otherwise labels that
    /// are all present and different give the order; otherwise items are numbered by place.
    static func numbered(_ items: [Item], labelNumbers: [Int?]) -> [Item] {
        let labelled = labelNumbers.compactMap { $0 }.count
        var best: (order: [Int], offset: Int, agreeing: Int)?
        if labelled >= max(3, Int((0.6 * Double(items.count)).rounded(.up))) {
            for order in [Array(items.indices), columnMajorOrder(items.map(\.box))] {
                var offsets: [Int: Int] = [:]
                for (place, index) in order.enumerated() {
                    if let number = labelNumbers[index] { offsets[number - place, default: 0] += 1 }
                }
                // The most common offset; the smaller one on a tie, so the choice is deterministic.
                guard let (offset, agreeing) = offsets.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else { continue }
                if agreeing > (best?.agreeing ?? 0) { best = (order, offset, agreeing) }
            }
        }
        if let best, Double(best.agreeing) >= 0.6 * Double(labelled) {
            return best.order.enumerated().map { place, index in
                var item = items[index]
                item.number = place + best.offset
                return item
            }
        }
        if labelled == items.count, Set(labelNumbers.compactMap { $0 }).count == items.count {
            return zip(items, labelNumbers).sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map { item, number in
                var item = item
                item.number = number ?? 0
                return item
            }
        }
        return items.enumerated().map { place, item in
            var item = item
            item.number = place + 1
            return item
        }
    }

    /// Indices of boxes column by column, left to right, each column top to bottom: a column
    /// is a run of boxes that overlap horizontally.
    static func columnMajorOrder(_ boxes: [Box]) -> [Int] {
        var columns: [(maxX: Int, members: [Int])] = []
        for index in boxes.indices.sorted(by: { boxes[$0].x < boxes[$1].x }) {
            if let last = columns.last, boxes[index].x < last.maxX {
                columns[columns.count - 1].members.append(index)
                columns[columns.count - 1].maxX = max(last.maxX, boxes[index].maxX)
            } else {
                columns.append((boxes[index].maxX, [index]))
            }
        }
        return columns.flatMap { $0.members.sorted { boxes[$0].y < boxes[$1].y } }
    }

    /// A speck can only be a decimal point between two digits, or a dot of a `÷` over or
    /// under its bar: one at either end of an expression or beside an operator, and not over
    /// or under a bar, is dust, left out.
    static func withoutStraySpecks(_ ordered: [Int], frames: [Frame], labels: [String], isSpeck: (Int) -> Bool) -> [Int] {
        let isDigit = { (index: Int) in MathSymbol.digits.contains(labels[index]) }
        return ordered.enumerated().filter { position, index in
            guard isSpeck(index) else { return true }
            let stacked = ordered.contains { other in
                (labels[other] == MathSymbol.minus || labels[other] == MathSymbol.divide) && frames[other].x0 < frames[index].x1 && frames[index].x0 < frames[other].x1
            }
            if stacked { return true }
            guard position > 0, position + 1 < ordered.count else { return false }
            return isDigit(ordered[position - 1]) && isDigit(ordered[position + 1])
        }.map(\.element)
    }

    /// The number an item label states (`12)` → 12), nil when it is not digits.
    public static func number(of label: [Int], labels: [String]) -> Int? {
        let digits = label.map { labels[$0] }.filter { $0 != MathSymbol.closeParenthesis && $0 != MathSymbol.decimalPoint }.joined()
        return digits.isEmpty ? nil : Int(digits)
    }

    // MARK: the cut

    /// A box in coordinates along (x) and across (y) the writing.
    struct Frame {
        var x0, x1, y0, y1: Double
        init(_ box: Box, skew: Double) {
            let corners = [(box.x, box.y), (box.maxX, box.y), (box.x, box.maxY), (box.maxX, box.maxY)].map { (Double($0.0), Double($0.1)) }
            let xs = corners.map { $0.0 * cos(skew) + $0.1 * sin(skew) }
            let ys = corners.map { -$0.0 * sin(skew) + $0.1 * cos(skew) }
            // Rotating a box inflates it: shrink back by the inflation, as the line finder does.
            let inflateY = abs(sin(skew)) * Double(box.width) / 2, inflateX = abs(sin(skew)) * Double(box.height) / 2
            x0 = (xs.min() ?? 0) + inflateX; x1 = max(x0, (xs.max() ?? 0) - inflateX)
            y0 = (ys.min() ?? 0) + inflateY; y1 = max(y0, (ys.max() ?? 0) - inflateY)
        }
    }

    /// Cuts rows first, so a grid is read row by row as people read a page; each row then by
    /// its columns, and each piece again until nothing splits.
    private func cut(_ indices: [Int], frames: [Frame], labels: [String], height: Double, into pieces: inout [[Int]], printed: inout [[Int]]) {
        guard indices.count > 1 else {
            if !indices.isEmpty { pieces.append(indices) }
            return
        }
        let rows = Self.split(indices, gap: rowGap * height) { (frames[$0].y0, frames[$0].y1) }
        if rows.count > 1 {
            for row in rows { cut(row, frames: frames, labels: labels, height: height, into: &pieces, printed: &printed) }
            return
        }
        // A band that no clear row splits: printed text is set aside whole, before its words
        // could be cut into "problems".
        if isPrintedText(indices, frames: frames, height: height) {
            printed.append(indices)
            return
        }
        // Specks between two problems are no bridge from one to the other.
        let isSpeck = { (index: Int) in max(frames[index].x1 - frames[index].x0, frames[index].y1 - frames[index].y0) < self.speckSize * height }
        let split = Self.split(indices, gap: narrowColumnGap * height) { (frames[$0].x0, frames[$0].x1) }
        let written = split.filter { !$0.allSatisfy(isSpeck) }
        let columns = finishedColumns(written.isEmpty ? split : written, frames: frames, labels: labels, height: height, isSpeck: isSpeck)
        if columns.count > 1 {
            for column in columns { cut(column, frames: frames, labels: labels, height: height, into: &pieces, printed: &printed) }
            return
        }
        pieces.append(indices)
    }

    /// Columns split at a narrow gap joined again when the gap leaves an operator dangling.
    /// Specks (dust, or a decimal point) neither finish nor leave unfinished a piece.
    private func finishedColumns(_ columns: [[Int]], frames: [Frame], labels: [String], height: Double, isSpeck: (Int) -> Bool) -> [[Int]] {
        let operators = MathSymbol.binaryOperators.union([MathSymbol.equals, MathSymbol.decimalPoint, MathSymbol.multiplicationDot])
        var result: [[Int]] = []
        for column in columns {
            if let last = result.last {
                let left = last.filter { !isSpeck($0) }, right = column.filter { !isSpeck($0) }
                let leftEnd = (left.isEmpty ? last : left).max { frames[$0].x1 < frames[$1].x1 } ?? last[0]
                let rightStart = (right.isEmpty ? column : right).min { frames[$0].x0 < frames[$1].x0 } ?? column[0]
                let gap = frames[rightStart].x0 - frames[leftEnd].x1
                // Both sides must be expressions of their own: a lone number beside an expression
                // is part of it (a spaced-out number, or an answer).
                let isExpression = { (piece: [Int]) in piece.contains { self.binaryOperators.contains(labels[$0]) } }
                if gap < columnGap * height,
                   operators.contains(labels[leftEnd]) || operators.contains(labels[rightStart]) || !isExpression(last) || !isExpression(column) {
                    result[result.count - 1] += column
                    continue
                }
            }
            result.append(column)
        }
        return result
    }

    /// Whether a band's marks are printed text (see `printedMinimumMarks`).
    func isPrintedText(_ indices: [Int], frames: [Frame], height: Double) -> Bool {
        guard indices.count >= printedMinimumMarks else { return false }
        let heights = indices.map { frames[$0].y1 - frames[$0].y0 }.sorted()
        let medianHeight = heights[heights.count / 2]
        guard medianHeight <= printedMaximumHeight * height else { return false }
        // Type is aligned to the pixel; allow for the blur and threshold of a scan or photo.
        let tolerance = max(1.5, 0.04 * medianHeight)
        let byBottom = indices.sorted { frames[$0].y1 < frames[$1].y1 }
        var aligned = Set<Int>()
        var lower = 0
        for (position, index) in byBottom.enumerated() {
            while frames[byBottom[lower]].y1 < frames[index].y1 - tolerance { lower += 1 }
            var partners = 0
            var other = lower
            while other < byBottom.count, frames[byBottom[other]].y1 <= frames[index].y1 + tolerance {
                if other != position, abs(frames[byBottom[other]].y0 - frames[index].y0) <= tolerance { partners += 1 }
                other += 1
            }
            if partners >= 2 { aligned.insert(index) }
        }
        guard Double(aligned.count) >= printedAlignedShare * Double(indices.count) else { return false }
        let standingOut = indices.filter { !aligned.contains($0) && frames[$0].y1 - frames[$0].y0 >= printedMaximumHeight * height }
        return standingOut.count <= max(2, indices.count / 10)
    }

    /// Ruled lines: single long thin marks, and chains of thin pieces lined up along one
    /// direction with short breaks (a dashed, faint or broken line), as long as a long mark.
    /// A chain of pieces that are all of a symbol's size might be a column of `1`s or a row of
    /// minus signs, so a chain counts only when some piece is a fragment or a long stroke.
    func ruledLines(_ boxes: [Box], frames: [Frame], height: Double) -> Set<Int> {
        var rules = Set<Int>()
        let isRule = { (width: Double, height: Double, typical: Double) -> Bool in
            height > width ? height > self.verticalRuleLength * typical && height / max(1, width) > self.ruleAspect
                           : width > self.ruleLength * typical && width / max(1, height) > self.ruleAspect
        }
        for (index, box) in boxes.enumerated() where isRule(Double(box.width), Double(box.height), height) { rules.insert(index) }
        // Vertical lines may break for a symbol's height (a faint pencil line); horizontal
        // ones for less, since minus signs and fraction bars lie along the writing.
        for (vertical, reach, length) in [(true, 1.0, verticalRuleLength), (false, 0.6, ruleLength)] {
            // Along / across the line's direction, along the page's skew.
            let along = { (f: Frame) -> (Double, Double) in vertical ? (f.y0, f.y1) : (f.x0, f.x1) }
            let across = { (f: Frame) -> Double in vertical ? (f.x0 + f.x1) / 2 : (f.y0 + f.y1) / 2 }
            let thin = frames.indices.filter { index in
                let f = frames[index]
                return !rules.contains(index) && (vertical ? f.x1 - f.x0 : f.y1 - f.y0) <= 0.25 * height
            }.sorted { across(frames[$0]) < across(frames[$1]) }
            // Each piece's window: the pieces whose centres lie within a quarter height of its
            // own, in runs along the line with breaks no longer than `reach` heights.
            var lower = 0
            for (position, index) in thin.enumerated() {
                let centre = across(frames[index])
                while across(frames[thin[lower]]) < centre - 0.25 * height { lower += 1 }
                var window: [Int] = []
                var upper = lower
                while upper < thin.count, across(frames[thin[upper]]) <= centre + 0.25 * height { window.append(thin[upper]); upper += 1 }
                guard window.count > 1, position >= lower else { continue }
                window.sort { along(frames[$0]).0 < along(frames[$1]).0 }
                var run: [Int] = []
                var runStart = 0.0, runEnd = -Double.infinity
                func close() {
                    let fragment = run.contains { let (a0, a1) = along(frames[$0]); return a1 - a0 < 0.3 * height || a1 - a0 > 1.5 * height }
                    if run.count > 1, fragment, runEnd - runStart > length * height { rules.formUnion(run) }
                }
                for piece in window {
                    let (a0, a1) = along(frames[piece])
                    if a0 - runEnd > reach * height { close(); run = []; runStart = a0 }
                    run.append(piece)
                    runEnd = max(runEnd, a1)
                }
                close()
            }
        }
        return rules
    }

    /// Groups of indices separated by a clear strip at least `gap` wide in the projection.
    static func split(_ indices: [Int], gap: Double, extent: (Int) -> (Double, Double)) -> [[Int]] {
        let sorted = indices.sorted { extent($0).0 < extent($1).0 }
        var groups: [[Int]] = []
        var reach = -Double.infinity
        for index in sorted {
            let (start, end) = extent(index)
            if groups.isEmpty || start - reach >= gap {
                groups.append([index])
            } else {
                groups[groups.count - 1].append(index)
            }
            reach = max(reach, end)
        }
        return groups
    }

    /// The student's answer stays with its problem: a piece ending in `=` takes the number
    /// right of it on the same band, whatever the gap; a piece ending in an operator takes
    /// the piece after it, and one starting with `=` or a binary operator joins the one before; a piece that is only an item label takes the
    /// expression right of it.
    private func joiningAcrossEquals(_ pieces: [[Int]], frames: [Frame], labels: [String], height: Double) -> [[Int]] {
        var result: [[Int]] = []
        for piece in pieces {
            if let last = result.last, Self.sameBand(last, piece, frames: frames), Self.isLeftOf(last, piece, frames: frames) {
                let ordered = last.sorted { frames[$0].x0 < frames[$1].x0 }
                // The answer is a number; a piece with an operator is the next problem (after a
                // problem left blank).
                let answer = piece.allSatisfy { [MathSymbol.decimalPoint, MathSymbol.minus].contains(labels[$0]) || MathSymbol.digits.contains(labels[$0]) }
                let endsInEquals = answer && (ordered.last.map { labels[$0] == MathSymbol.equals } ?? false)
                // Nor does an expression end in an operator, or start with one (but `-`, a sign).
                let dangling = ordered.last.map { MathSymbol.binaryOperators.contains(labels[$0]) } ?? false
                let first = piece.min { frames[$0].x0 < frames[$1].x0 }
                let continues = first.map { [MathSymbol.equals, MathSymbol.plus, MathSymbol.times, MathSymbol.divide].contains(labels[$0]) } ?? false
                let labelOnly = Self.labelLength(ordered + [piece[0]], frames: frames, labels: labels, height: height, requireGap: false) == ordered.count
                if endsInEquals || dangling || continues || labelOnly {
                    result[result.count - 1] += piece
                    continue
                }
            }
            result.append(piece)
        }
        return result
    }

    private static func sameBand(_ a: [Int], _ b: [Int], frames: [Frame]) -> Bool {
        let (a0, a1) = (a.map { frames[$0].y0 }.min() ?? 0, a.map { frames[$0].y1 }.max() ?? 0)
        let (b0, b1) = (b.map { frames[$0].y0 }.min() ?? 0, b.map { frames[$0].y1 }.max() ?? 0)
        return min(a1, b1) - max(a0, b0) > 0.3 * min(a1 - a0, b1 - b0)
    }

    private static func isLeftOf(_ a: [Int], _ b: [Int], frames: [Frame]) -> Bool {
        (a.map { frames[$0].x1 }.max() ?? 0) <= (b.map { frames[$0].x0 }.min() ?? 0)
    }

    /// How many leading symbols of an item (left to right) are its label: one or two symbols
    /// closed by `)` (with no `(` opened) or by a `.` on the baseline, followed by more writing
    /// — after a gap wider than the writing's own spacing when the label ends in `.`, so that
    /// `2.5` stays a decimal.
    static func labelLength(_ ordered: [Int], frames: [Frame], labels: [String], height: Double, requireGap: Bool = true) -> Int {
        for closer in 1...3 where closer + 1 < ordered.count {
            let mark = labels[ordered[closer]]
            guard mark == MathSymbol.closeParenthesis || mark == MathSymbol.decimalPoint else { continue }
            let prefix = ordered[..<closer].map { labels[$0] }
            guard !prefix.contains(MathSymbol.openParenthesis), !prefix.contains(MathSymbol.closeParenthesis), !prefix.contains(MathSymbol.equals) else { return 0 }
            if mark == MathSymbol.decimalPoint {
                guard prefix.allSatisfy(MathSymbol.digits.contains) else { return 0 }
                if requireGap, frames[ordered[closer + 1]].x0 - frames[ordered[closer]].x1 < 0.6 * height { return 0 }
            } else if prefix.count > 1, !prefix.allSatisfy(MathSymbol.digits.contains) {
                return 0
            }
            return closer + 1
        }
        return 0
    }

    /// The typical symbol height: the median of the heights of the marks that are not long
    /// bars, each weighted by its area, so that a page full of specks or fragments of a
    /// broken ruled line still measures its writing.
    static func typicalHeight(_ boxes: [Box]) -> Double {
        let marks = boxes.filter { max($0.width, $0.height) <= 4 * max(1, min($0.width, $0.height)) }
            .map { (height: Double($0.height), weight: Double($0.width * $0.height)) }.sorted { $0.height < $1.height }
        guard !marks.isEmpty else { return Double(max(1, boxes.map(\.height).max() ?? 1)) }
        let half = marks.map(\.weight).reduce(0, +) / 2
        var sum = 0.0
        for mark in marks {
            sum += mark.weight
            if sum >= half { return max(1, mark.height) }
        }
        return max(1, marks[marks.count - 1].height)
    }
}
