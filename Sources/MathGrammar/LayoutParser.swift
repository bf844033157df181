import Foundation

/// Reads placed symbols as a 2-D expression (docs/layout.md): fractions, limits and roots first
/// (a bar, a `\sum` or a radical sign dominates what it covers; bars and limits widest first, then
/// roots; each part read recursively), then each row by a beam search over the units left to
/// right. Every symbol keeps its label candidates and may attach to any open row (the main row,
/// or a script row of any base still open): right of it, as its superscript or as its subscript,
/// scored by the grammar's measured Gaussians and shares. The best whole row wins.
public struct LayoutParser: Sendable {
    public let grammar: LayoutGrammar
    /// Hypotheses kept after each symbol.
    public var beamWidth = 24
    /// Label candidates tried per symbol (the classifier's best first).
    public var labelsPerSymbol = 3
    /// A symbol must overlap a bar horizontally by this share of the narrower one to be above or
    /// below it (chosen on the selection files: 0.15 read 570, 0.3 571, 0.5 567, 0.7 563 of 662).
    public var barOverlap = 0.3
    /// A sign's label must be at least this share of its symbol's likeliest label to structure
    /// what it covers (a `v` whose third candidate is `\sqrt` covers nothing). Chosen on the
    /// selection split read through the recognizer with the CROHME model (`expression-report
    /// --part selection`): 237 of 662 expressions with any share, 242 with 0.05, 243 with 0.2,
    /// 242 with 0.5. True symbols (p = 1) are not affected.
    public var signShare = 0.2

    public init(grammar: LayoutGrammar) {
        self.grammar = grammar
    }

    /// The best tree of `symbols`; throws `GrammarError.ungrammatical` when there is nothing to read.
    /// `checkpoint` is called per symbol of each row's search and may throw to stop (a page of
    /// thousands of marks against a time budget, see `Recognizer.Options.timeBudget`).
    public func parse(_ symbols: [PlacedSymbol], checkpoint: () throws -> Void = {}) throws -> LayoutReading {
        let usable = symbols.indices.filter {
            let symbol = symbols[$0]
            return !symbol.alternatives.isEmpty && symbol.width.isFinite && symbol.height.isFinite && symbol.x.isFinite && symbol.y.isFinite
        }
        guard !usable.isEmpty else { throw GrammarError.ungrammatical(reason: "no symbols to lay out") }
        let heights = LayoutGrammar.relativeHeights(of: usable.map { (symbols[$0].width, symbols[$0].height) })
        let units = zip(usable, heights).map { index, height in
            Unit(box: Rect(symbols[index]), content: .atom(grammar.weighed(symbols[index].alternatives, relativeHeight: height)),
                 source: index, classifierAlternatives: symbols[index].alternatives)
        }
        let parsed = try parseRegion(joiningFunctionNames(joiningDottedStems(units)), checkpoint: checkpoint)
        return LayoutReading(row: parsed.row, latex: grammar.latex(of: parsed.row),
                             mathML: grammar.mathML(of: parsed.row), logScore: parsed.score,
                             symbols: parsed.symbols.sorted { $0.index < $1.index })
    }

    // MARK: - Regions: bars and roots claim what they cover

    struct Rect {
        var x0, y0, x1, y1: Double
        init(x0: Double, y0: Double, x1: Double, y1: Double) { self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1 }
        init(_ symbol: PlacedSymbol) { self.init(x0: symbol.x, y0: symbol.y, x1: symbol.x + max(symbol.width, 0), y1: symbol.y + max(symbol.height, 0)) }
        var width: Double { x1 - x0 }
        var height: Double { y1 - y0 }
        var centerX: Double { (x0 + x1) / 2 }
        var centerY: Double { (y0 + y1) / 2 }
        func union(_ other: Rect) -> Rect { Rect(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1)) }
        /// How much of the narrower of the two boxes lies within the other's horizontal extent (0...1).
        func horizontalOverlap(with other: Rect) -> Double {
            let overlap = min(x1, other.x1) - max(x0, other.x0)
            let narrower = min(width, other.width)
            return narrower > 0 ? max(overlap, 0) / narrower : (centerX >= other.x0 && centerX <= other.x1 ? 1 : 0)
        }
    }

    /// A line: the vertical middle of what is written on it and its height.
    struct Line {
        var middle: Double
        var size: Double
    }

    /// A symbol or a finished structure, as the row search sees it.
    struct Unit {
        enum Content {
            case atom([Alternative])
            case fraction(numerator: Parsed, denominator: Parsed, score: Double)
            case root(Parsed, index: Parsed?, score: Double)
            case limits(label: String, below: Parsed?, above: Parsed?, score: Double)
        }
        var box: Rect
        var content: Content
        /// The input symbol an atom is, or a structure's sign (bar, radical, operator).
        var source: Int
        /// A structure's symbols with their chosen labels, its sign's included.
        var symbols: [LaidOutSymbol] = []
        /// An atom's candidates as the classifier gave them (the content's are weighed by frequency and size).
        var classifierAlternatives: [Alternative] = []
        /// The input symbols read with `source` as one (a function name's other letters).
        var joined: [Int] = []
    }

    struct Parsed {
        var row: [LayoutNode]
        var score: Double
        var line: Line?
        var symbols: [LaidOutSymbol] = []
    }

    /// `unit` (an atom) read as `label`.
    private func laidOut(_ unit: Unit, as label: String) -> LaidOutSymbol? {
        // The classifier's own probabilities: frequencies and sizes choose the reading, they add no certainty.
        guard case .atom = unit.content, let chosen = unit.classifierAlternatives.first(where: { $0.latex == label }) else { return nil }
        return LaidOutSymbol(index: unit.source, latex: label, probability: chosen.probability,
                             others: unit.classifierAlternatives.filter { $0.latex != label }, joined: unit.joined)
    }

    // MARK: - Function names: letters in a row read as one symbol

    /// A function name's letters must be among their marks' first `labelsPerSymbol` classifier
    /// candidates, but one after the first may be among this many. Chosen on the selection split
    /// through the recognizer: every letter among 3 read 323 of 662 expressions (88.64 % of the
    /// symbols); every letter among 5, 325 (88.56 %: `- 2 n` read `\\tan`); one after the first
    /// among 5, 325 (88.71 %).
    public var letterCandidates = 5

    /// The gap allowed between two letters of a function name, in the taller one's heights
    /// (chosen on the selection split through the recognizer: 0.6 read 304 of 662, 1.0 306, 1.5 306).
    public var letterGap = 1.0

    /// `units` (atoms) with each function name written letter by letter (`grammar.functionNames`)
    /// joined into one atom of that name: the segmenter finds `s`, `i`, `n` as three marks, but
    /// CROHME writes `\sin` as one symbol, and its letters read alone become scripts and
    /// twins (`s _ { i n }`, `c 0 s`). Each letter must be among its mark's first
    /// `labelsPerSymbol` classifier candidates (one after the first among `letterCandidates`),
    /// each next mark the nearest to the right that shares the line (overlapping half the smaller
    /// box vertically) within `letterGap`; a small mark just over the word (an `i`'s dot) joins it.
    /// The name's probability is its letters'.
    func joiningFunctionNames(_ units: [Unit]) -> [Unit] {
        guard !grammar.functionNames.isEmpty else { return units }
        let order = units.indices.sorted { units[$0].box.x0 < units[$1].box.x0 }
        var used = Set<Int>()
        var words: [Unit] = []
        func letter(_ index: Int, _ letter: String, among count: Int) -> Alternative? {
            units[index].classifierAlternatives.prefix(count).first { $0.latex == letter }
        }
        func next(after index: Int, excluding chain: [Int]) -> Int? {
            let box = units[index].box
            guard let following = order.first(where: { other in
                let candidate = units[other].box
                let overlap = min(box.y1, candidate.y1) - max(box.y0, candidate.y0)
                return !used.contains(other) && !chain.contains(other) && candidate.x0 >= box.centerX
                    && overlap >= 0.5 * min(box.height, candidate.height)
            }) else { return nil }
            let gap = units[following].box.x0 - box.x1
            return gap <= letterGap * max(box.height, units[following].box.height) ? following : nil
        }
        for start in order where !used.contains(start) {
            guard case .atom = units[start].content else { continue }
            for (name, letters) in grammar.functionNames.sorted(by: { $0.key < $1.key }) {
                guard let first = letter(start, letters[0], among: labelsPerSymbol) else { continue }
                var chain = [start], probability = first.probability, misread = false
                for wanted in letters.dropFirst() {
                    guard let last = chain.last, let following = next(after: last, excluding: chain),
                          case .atom = units[following].content else { break }
                    // One letter after the first may be read as its twin (`c 0 s`: the o's `o` 4th).
                    var found = letter(following, wanted, among: labelsPerSymbol)
                    if found == nil, !misread, let twin = letter(following, wanted, among: letterCandidates) {
                        found = twin
                        misread = true
                    }
                    guard let found else { break }
                    chain.append(following)
                    probability *= found.probability
                }
                guard chain.count == letters.count else { continue }
                let word = chain.dropFirst().reduce(units[start].box) { $0.union(units[$1].box) }
                let dots = order.filter { index in
                    let box = units[index].box
                    return !used.contains(index) && !chain.contains(index) && box.height < 0.5 * word.height
                        && box.centerX > word.x0 && box.centerX < word.x1
                        && box.y1 <= word.y0 + 0.25 * word.height && box.y1 >= word.y0 - 0.5 * word.height
                }
                used.formUnion(chain + dots)
                // Input symbols, a letter's own joined ones (an `i`'s dot) included.
                let joined = chain.flatMap { units[$0].joined } + (chain.dropFirst() + dots).flatMap { [units[$0].source] + units[$0].joined }
                words.append(Unit(box: dots.reduce(word) { $0.union(units[$1].box) },
                                  content: .atom([Alternative(latex: name, probability: 1)]), source: units[start].source,
                                  classifierAlternatives: [Alternative(latex: name, probability: probability)],
                                  joined: joined))
                break
            }
        }
        return units.indices.filter { !used.contains($0) }.map { units[$0] } + words
    }

    // MARK: Dotted letters: an `i` or `j` found as its stem and its dot

    /// Where an `i`'s or `j`'s dot lies against its stem, in stem heights, measured on the training
    /// writers' two-stroke `i` and `j` (`scripts/measure-strokes.py`: 809; 5th and 95th percentiles, the rendered pen allowed
    /// for): its centre from the stem's centre -0.30 ... 0.49 across, the gap from its bottom to
    /// the stem's top 0.19 ... 1.24, its larger side at most 0.48. (The 1st and 99th, -0.61 ...
    /// 0.88, 0.06 ... 1.63 and 0.74, joined a decimal point to a digit below it.)
    static let dotAcross = -0.30...0.49, dotGap = -0.1...1.24, dotSize = 0.48
    /// What a stem alone, and a dot alone, is read as.
    static let stemLabels: Set<String> = ["1", "l", "|", "i", "j", "\\prime", ","]
    static let dotLabels: Set<String> = [".", "\\prime", ",", "\\cdot"]

    /// `units` (atoms) with each stem and the dot over it joined into an `i` (a `j` when the
    /// stem's candidates hold one): the segmenter finds them as two marks, read as `1` and `.`
    /// (or `\\prime`, `,`), and a function name's `i` is then lost too (`s , . n`). A stem is a
    /// mark read as one of `stemLabels` (or with `i`, `j` among its first candidates), a dot a
    /// mark read as one of `dotLabels`, placed as the measured ranges say.
    func joiningDottedStems(_ units: [Unit]) -> [Unit] {
        func best(_ unit: Unit) -> String? {
            guard case .atom = unit.content else { return nil }
            return unit.classifierAlternatives.first?.latex
        }
        func candidates(_ unit: Unit) -> [String] { unit.classifierAlternatives.prefix(labelsPerSymbol).map(\.latex) }
        var used = Set<Int>()
        var joined: [Unit] = []
        for stem in units.indices {
            guard let label = best(units[stem]), !used.contains(stem),
                  Self.stemLabels.contains(label) || candidates(units[stem]).contains(where: { $0 == "i" || $0 == "j" }),
                  // A mark that may be an `\\int` (as like a `j`) or a root: its limit or index is no dot.
                  !candidates(units[stem]).contains(where: { grammar.limitSymbols.contains($0) || $0 == grammar.rootSymbol }) else { continue }
            let box = units[stem].box
            guard box.height > 0 else { continue }
            let dots = units.indices.filter { index in
                guard index != stem, !used.contains(index), let dot = best(units[index]), Self.dotLabels.contains(dot) else { return false }
                let mark = units[index].box
                return max(mark.width, mark.height) <= Self.dotSize * box.height
                    && Self.dotAcross.contains((mark.centerX - box.centerX) / box.height)
                    && Self.dotGap.contains((box.y0 - mark.y1) / box.height)
            }
            // The nearest dot, if several.
            guard let dot = dots.min(by: { box.y0 - units[$0].box.y1 < box.y0 - units[$1].box.y1 }) else { continue }
            used.formUnion([stem, dot])
            let letter = candidates(units[stem]).contains("j") ? "j" : "i"
            let probability = (units[stem].classifierAlternatives.first?.probability ?? 1) * (units[dot].classifierAlternatives.first?.probability ?? 1)
            joined.append(Unit(box: box.union(units[dot].box), content: .atom([Alternative(latex: letter, probability: 1)]),
                               source: units[stem].source, classifierAlternatives: [Alternative(latex: letter, probability: probability)],
                               joined: [units[dot].source] + units[stem].joined + units[dot].joined))
        }
        return units.indices.filter { !used.contains($0) }.map { units[$0] } + joined
    }

    private func isCandidate(_ unit: Unit, label: String) -> Double? {
        guard case .atom(let alternatives) = unit.content else { return nil }
        return alternatives.prefix(labelsPerSymbol).first { $0.latex == label && isLikely($0, among: alternatives) }?.probability
    }

    /// Whether a sign (bar, radical, big operator) is likely enough to claim what it covers.
    private func isLikely(_ alternative: Alternative, among alternatives: [Alternative]) -> Bool {
        alternative.probability > 0 && alternative.probability >= signShare * (alternatives.first?.probability ?? 0)
    }

    /// The most probable limit operator among a unit's candidates, if any.
    private func limitLabel(of unit: Unit) -> (String, Double)? {
        guard case .atom(let alternatives) = unit.content else { return nil }
        return alternatives.prefix(labelsPerSymbol).first { grammar.limitSymbols.contains($0.latex) && isLikely($0, among: alternatives) }
            .map { ($0.latex, $0.probability) }
    }

    /// The boxes (indices into `boxes`) written below and above an operator's box: those under
    /// or over it, then, one at a time, those beside them on the same side within half the
    /// operator's width (`i = 1` is wider than the `\sum`).
    func limits(of operatorBox: Rect, among boxes: [Rect]) -> (below: [Int], above: [Int]) {
        let slack = 0.2 * operatorBox.width
        func grow(_ isOnSide: (Rect) -> Bool) -> [Int] {
            var taken = boxes.indices.filter {
                isOnSide(boxes[$0]) && boxes[$0].centerX >= operatorBox.x0 - slack && boxes[$0].centerX <= operatorBox.x1 + slack
            }
            guard !taken.isEmpty else { return [] }
            var extent = taken.reduce(boxes[taken[0]]) { $0.union(boxes[$1]) }
            var grew = true
            while grew {
                grew = false
                for index in boxes.indices where !taken.contains(index) && isOnSide(boxes[index]) {
                    let box = boxes[index]
                    let gap = 0.5 * operatorBox.width
                    let near = box.x0 <= extent.x1 + gap && box.x1 >= extent.x0 - gap
                    let level = box.centerY >= extent.y0 && box.centerY <= extent.y1
                    if near && level {
                        taken.append(index)
                        extent = extent.union(box)
                        grew = true
                    }
                }
            }
            return taken
        }
        let below = grow { $0.centerY > operatorBox.y1 && $0.y0 >= operatorBox.y1 - 0.2 * operatorBox.height }
        let above = grow { $0.centerY < operatorBox.y0 && $0.y1 <= operatorBox.y0 + 0.2 * operatorBox.height }
        return (below, above)
    }

    /// `seeds` and the units of `candidates` that continue them sideways: entirely clear of the
    /// bar, at the seeds' height and within half a symbol of them (a denominator's last letter
    /// that overhangs the bar).
    private func growing(_ seeds: [Int], among candidates: [Int], units: [Unit]) -> [Int] {
        guard let first = seeds.first else { return [] }
        var taken = seeds
        var extent = seeds.reduce(units[first].box) { $0.union(units[$1].box) }
        let gap = 0.5 * seeds.map { units[$0].box.height }.reduce(0, +) / Double(seeds.count)
        var grew = true
        while grew {
            grew = false
            for index in candidates where !taken.contains(index) {
                let box = units[index].box
                if box.centerY >= extent.y0, box.centerY <= extent.y1, box.x0 <= extent.x1 + gap, box.x1 >= extent.x0 - gap {
                    taken.append(index)
                    extent = extent.union(box)
                    grew = true
                }
            }
        }
        return taken
    }

    func parseRegion(_ input: [Unit], checkpoint: () throws -> Void) throws -> Parsed {
        var units = input
        // Widest first, so that an outer bar takes a nested one with what it covers.
        var dominant = units.indices.filter {
            isCandidate(units[$0], label: grammar.fractionBar) != nil || isCandidate(units[$0], label: grammar.rootSymbol) != nil
                || limitLabel(of: units[$0]) != nil
        }
        // Roots after bars and limits: a bar's numerator may hold a root (\frac { \sqrt { b } } { 2 })
        // and a root's radicand a fraction, whose bar takes its numerator and denominator before
        // the root takes the fraction; a root sign reaches below a bar it sits on, so no bar takes it.
        let rank = { (index: Int) in self.isCandidate(units[index], label: self.grammar.rootSymbol) != nil ? 1 : 0 }
        dominant.sort { (rank($0), -units[$0].box.width) < (rank($1), -units[$1].box.width) }
        // Finished structures join the pool, so a later (outer) one can take them whole.
        var claimed = Set<Int>()
        for index in dominant where !claimed.contains(index) {
            try checkpoint()
            let unit = units[index]
            let others = units.indices.filter { $0 != index && !claimed.contains($0) }
            if let p = isCandidate(unit, label: grammar.rootSymbol) {
                // The sign's hook is about as wide as a fraction of its height, whatever it covers.
                let hook = min(0.12 * unit.box.width, 0.25 * unit.box.height)
                // What the radical covers: centres inside its box, right of the hook.
                let inside = others.filter {
                    let box = units[$0].box
                    return box.x0 > unit.box.x0 + 0.4 * hook && box.centerX > unit.box.x0 + hook
                        && box.centerX < unit.box.x1 + 0.1 * unit.box.width
                        && box.centerY > unit.box.y0 && box.centerY < unit.box.y1
                }
                // An index (\sqrt [ 3 ] { x }): small, over the hook, above the sign's middle.
                let written = grammar.rootIndexLaTeX == nil ? [] : others.filter {
                    let box = units[$0].box
                    return !inside.contains($0) && box.height < 0.6 * unit.box.height
                        && box.centerX > unit.box.x0 - hook && box.centerX < unit.box.x0 + 2 * hook
                        && box.y1 < unit.box.centerY && box.y1 > unit.box.y0 - 0.3 * unit.box.height
                }
                let fractionScore = isCandidate(unit, label: grammar.fractionBar).map(log) ?? -.infinity
                if !inside.isEmpty || fractionScore == -.infinity {
                    let radicand = try parseRegion(inside.map { units[$0] }, checkpoint: checkpoint)
                    let indexParsed = written.isEmpty ? nil : try parseRegion(written.map { units[$0] }, checkpoint: checkpoint)
                    let box = (inside + written).reduce(unit.box) { $0.union(units[$1].box) }
                    units.append(Unit(box: box, content: .root(radicand, index: indexParsed,
                                                               score: log(p) + radicand.score + (indexParsed?.score ?? 0)),
                                      source: unit.source,
                                      symbols: [laidOut(unit, as: grammar.rootSymbol)].compactMap { $0 } + radicand.symbols + (indexParsed?.symbols ?? [])))
                    claimed.insert(index)
                    claimed.formUnion(inside)
                    claimed.formUnion(written)
                    continue
                }
            }
            if let (label, p) = limitLabel(of: unit) {
                let (below, above) = limits(of: unit.box, among: others.map { units[$0].box })
                if !below.isEmpty || !above.isEmpty {
                    let belowParsed = below.isEmpty ? nil : try parseRegion(below.map { units[others[$0]] }, checkpoint: checkpoint)
                    let aboveParsed = above.isEmpty ? nil : try parseRegion(above.map { units[others[$0]] }, checkpoint: checkpoint)
                    let taken = (below + above).map { others[$0] }
                    let span = taken.reduce(unit.box) { $0.union(units[$1].box) }
                    let score = log(p) + (belowParsed?.score ?? 0) + (aboveParsed?.score ?? 0)
                    // The operator's own box places it on its row; the limits only widen it.
                    units.append(Unit(box: Rect(x0: span.x0, y0: unit.box.y0, x1: span.x1, y1: unit.box.y1),
                                     content: .limits(label: label, below: belowParsed, above: aboveParsed, score: score),
                                     source: unit.source,
                                     symbols: [laidOut(unit, as: label)].compactMap { $0 } + (belowParsed?.symbols ?? []) + (aboveParsed?.symbols ?? [])))
                    claimed.insert(index)
                    claimed.formUnion(taken)
                    continue
                }
            }
            if let p = isCandidate(unit, label: grammar.fractionBar) {
                let bar = unit.box
                let barY = bar.centerY
                let covered = others.filter { units[$0].box.horizontalOverlap(with: bar) >= barOverlap }
                let isAbove = { (box: Rect) in box.centerY < barY && box.y1 <= barY + 0.3 * box.height }
                let isBelow = { (box: Rect) in box.centerY > barY && box.y0 >= barY - 0.3 * box.height }
                let above = growing(covered.filter { isAbove(units[$0].box) }, among: others.filter { isAbove(units[$0].box) }, units: units)
                let below = growing(covered.filter { isBelow(units[$0].box) }, among: others.filter { isBelow(units[$0].box) }, units: units)
                guard !above.isEmpty, !below.isEmpty else { continue }
                let numerator = try parseRegion(above.map { units[$0] }, checkpoint: checkpoint)
                let denominator = try parseRegion(below.map { units[$0] }, checkpoint: checkpoint)
                let box = (above + below).reduce(bar) { $0.union(units[$1].box) }
                // The bar's own height stays the fraction's vertical reference; its parts widen it.
                units.append(Unit(box: Rect(x0: box.x0, y0: bar.y0, x1: box.x1, y1: bar.y1),
                                  content: .fraction(numerator: numerator, denominator: denominator,
                                                     score: log(p) + numerator.score + denominator.score),
                                  source: unit.source,
                                  symbols: [laidOut(unit, as: grammar.fractionBar)].compactMap { $0 } + numerator.symbols + denominator.symbols))
                claimed.insert(index)
                claimed.formUnion(above)
                claimed.formUnion(below)
            }
        }
        units = units.indices.filter { !claimed.contains($0) }.map { units[$0] }
        // Left to right by centre: a wide symbol starting early (a long bar, a tall bracket) comes
        // after a narrow one beside it whose middle is further left.
        units.sort { $0.box.centerX < $1.box.centerX }
        return try parseRow(units, checkpoint: checkpoint)
    }

    // MARK: - Rows: a beam over relations and labels

    /// Where a unit with a chosen label puts its line: a fixed middle and size, or (a flat mark,
    /// a fraction) a middle that depends on the height of the line it is on.
    struct Placement {
        var boxMiddle: Double
        var bandMiddle: Double
        var size: Double?
        var fixedMiddle: Double?

        func middle(lineSize: Double) -> Double {
            fixedMiddle ?? boxMiddle - (bandMiddle - 0.5) * lineSize
        }
    }

    private func placements(of unit: Unit) -> [(label: String?, logP: Double, placement: Placement)] {
        switch unit.content {
        case .atom(let alternatives):
            return alternatives.prefix(labelsPerSymbol).filter { $0.probability > 0 }.map { alternative in
                let band = grammar.band(of: alternative.latex)
                var placement = Placement(boxMiddle: unit.box.centerY, bandMiddle: band.middle)
                if !band.isFlat, unit.box.height > 0 {
                    let size = unit.box.height / (band.bottom - band.top)
                    placement.size = size
                    placement.fixedMiddle = unit.box.y0 - band.top * size + size / 2
                }
                return (alternative.latex, log(alternative.probability), placement)
            }
        case .limits(let label, _, _, let score):
            let band = grammar.band(of: label)
            var placement = Placement(boxMiddle: unit.box.centerY, bandMiddle: band.middle)
            if !band.isFlat, unit.box.height > 0 {
                let size = unit.box.height / (band.bottom - band.top)
                placement.size = size
                placement.fixedMiddle = unit.box.y0 - band.top * size + size / 2
            }
            return [(nil, score, placement)]
        case .fraction(_, _, let score):
            let band = grammar.band(of: grammar.fractionBar)
            return [(nil, score, Placement(boxMiddle: unit.box.centerY, bandMiddle: band.middle))]
        case .root(let radicand, _, let score):
            var placement = Placement(boxMiddle: unit.box.centerY, bandMiddle: 0.5)
            if let line = radicand.line {
                placement.size = line.size
                placement.fixedMiddle = line.middle
            } else if unit.box.height > 0 {
                placement.size = unit.box.height
                placement.fixedMiddle = unit.box.centerY
            }
            return [(nil, score, placement)]
        }
    }

    /// An open row of a hypothesis: the main row (parent -1) or a script row of a base unit.
    struct Level {
        var parent: Int
        var relation: LayoutGrammar.Relation
        var line: Line
        var sized: Int
        var placed: Int
        var last: Int
        var lastPlacement: Placement
        /// A script row's base line: each symbol of the row must still sit where the script does.
        var baseLine: Line? = nil
    }

    struct Hypothesis {
        var score: Double
        var labels: [String?]
        var parent: [Int]
        var relation: [LayoutGrammar.Relation]
        var levels: [Level]
    }

    private static func logGaussian(_ value: Double, mean: Double, spread: Double) -> Double {
        let z = (value - mean) / spread
        return -0.5 * z * z - log(spread) - 0.5 * log(2 * Double.pi)
    }

    /// Log score of `placement` in `relation` to a base line.
    private func relationScore(_ relation: LayoutGrammar.Relation, placement: Placement, base: Line) -> Double {
        guard let rule = grammar.relation(relation), base.size > 0 else { return -.infinity }
        return log(rule.prior) + geometryScore(rule, placement: placement, base: base, fromPeak: false)
    }

    /// A script row's next symbol against the base's line, 0 where the script is expected: a row
    /// goes on only while its symbols stay in the script's place and size (a `-` after an
    /// exponent, on the base's line, is not the exponent's).
    private func continuationScore(_ relation: LayoutGrammar.Relation, placement: Placement, base: Line) -> Double {
        guard let rule = grammar.relation(relation), base.size > 0 else { return 0 }
        return geometryScore(rule, placement: placement, base: base, fromPeak: true)
    }

    /// Log densities of the offset of `placement`'s middle from a base line and of its log size
    /// ratio, in base line heights; `fromPeak` less their largest values.
    private func geometryScore(_ rule: LayoutGrammar.RelationRule, placement: Placement, base: Line, fromPeak: Bool) -> Double {
        func density(_ value: Double, mean: Double, spread: Double) -> Double {
            Self.logGaussian(value, mean: mean, spread: spread) - (fromPeak ? Self.logGaussian(mean, mean: mean, spread: spread) : 0)
        }
        let offset = (placement.middle(lineSize: base.size) - base.middle) / base.size
        var score = density(offset, mean: rule.offset, spread: rule.spread)
        if let size = placement.size, size > 0 {
            score += density(log(size / base.size), mean: rule.ratio, spread: rule.ratioSpread)
        }
        return score
    }

    /// Script rows that end: how likely each is to end with its last symbol.
    private func closing(_ levels: ArraySlice<Level>, labels: [String?]) -> Double {
        levels.reduce(0) { total, level in
            total + (level.relation == .right ? 0 : labels[level.last].map { grammar.closeFactor(of: $0, closes: true) } ?? 0)
        }
    }

    private func adding(_ placement: Placement, unit: Int, to level: Level) -> Level {
        var level = level
        let middle = placement.middle(lineSize: level.line.size)
        level.line.middle = (level.line.middle * Double(level.placed) + middle) / Double(level.placed + 1)
        level.placed += 1
        if let size = placement.size {
            level.line.size = (level.line.size * Double(level.sized) + size) / Double(level.sized + 1)
            level.sized += 1
        }
        level.last = unit
        level.lastPlacement = placement
        return level
    }

    func parseRow(_ units: [Unit], checkpoint: () throws -> Void) throws -> Parsed {
        guard !units.isEmpty else { return Parsed(row: [], score: 0, line: nil) }
        let options = units.map(placements(of:))
        // A line height for a row that starts with a flat mark: the typical size of its symbols.
        let sizes = options.compactMap { $0.first?.placement.size }.sorted()
        let typicalSize = sizes.isEmpty ? max(units.map(\.box.height).max() ?? 1, 1) : sizes[sizes.count / 2]

        var beam: [Hypothesis] = []
        for option in options[0] {
            let size = option.placement.size ?? typicalSize
            let line = Line(middle: option.placement.middle(lineSize: size), size: size)
            beam.append(Hypothesis(
                score: option.logP, labels: [option.label], parent: [-1], relation: [.right],
                levels: [Level(parent: -1, relation: .right, line: line, sized: option.placement.size == nil ? 0 : 1,
                               placed: 1, last: 0, lastPlacement: option.placement)]))
        }
        for unit in units.indices.dropFirst() {
            try checkpoint()
            var next: [Hypothesis] = []
            for hypothesis in beam {
                for option in options[unit] {
                    for index in hypothesis.levels.indices {
                        let level = hypothesis.levels[index]
                        // Right of the row's last symbol: the row's line is the reference.
                        var extended = hypothesis
                        extended.levels = Array(hypothesis.levels[...index])
                        extended.levels[index] = adding(option.placement, unit: unit, to: level)
                        extended.score += option.logP + relationScore(.right, placement: option.placement, base: level.line)
                            + (option.label.map { grammar.scriptFactor(of: $0, inScript: level.relation != .right) } ?? 0)
                            + (level.baseLine.map { continuationScore(level.relation, placement: option.placement, base: $0) } ?? 0)
                        if let label = option.label, let previous = hypothesis.labels[level.last] {
                            extended.score += grammar.followFactor(of: previous, next: label)
                        }
                        extended.score += closing(hypothesis.levels[(index + 1)...], labels: hypothesis.labels)
                        if level.relation != .right, let previous = hypothesis.labels[level.last] {
                            extended.score += grammar.closeFactor(of: previous, closes: false)
                        }
                        extended.labels.append(option.label)
                        extended.parent.append(level.parent)
                        extended.relation.append(level.relation)
                        next.append(extended)
                        // A script of the row's last symbol.
                        let base = level.last
                        let baseLine = level.lastPlacement.size.map {
                            Line(middle: level.lastPlacement.middle(lineSize: $0), size: $0)
                        } ?? Line(middle: level.lastPlacement.middle(lineSize: level.line.size), size: level.line.size)
                        if case .limits = units[base].content { continue }  // its limits are its scripts
                        if let label = option.label, grammar.neverScriptStart.contains(label) { continue }
                        for relation in [LayoutGrammar.Relation.superscript, .subscript] {
                            // Each script row of a base is written once.
                            guard !zip(hypothesis.parent, hypothesis.relation).contains(where: { $0 == base && $1 == relation }) else { continue }
                            if let label = hypothesis.labels[base], grammar.neverBase[relation]?.contains(label) == true { continue }
                            var scripted = hypothesis
                            scripted.levels = Array(hypothesis.levels[...index])
                            let size = option.placement.size ?? baseLine.size * exp(grammar.relation(relation)?.ratio ?? 0)
                            scripted.levels.append(Level(
                                parent: base, relation: relation,
                                line: Line(middle: option.placement.middle(lineSize: size), size: size),
                                sized: option.placement.size == nil ? 0 : 1, placed: 1, last: unit, lastPlacement: option.placement,
                                baseLine: baseLine))
                            scripted.score += option.logP + relationScore(relation, placement: option.placement, base: baseLine)
                                + (option.label.map { grammar.scriptFactor(of: $0, inScript: true) } ?? 0)
                                + (hypothesis.labels[base].map { grammar.baseFactor(of: $0, relation: relation) } ?? 0)
                            scripted.score += closing(hypothesis.levels[(index + 1)...], labels: hypothesis.labels)
                            scripted.labels.append(option.label)
                            scripted.parent.append(base)
                            scripted.relation.append(relation)
                            next.append(scripted)
                        }
                    }
                }
            }
            next.sort { $0.score > $1.score }
            beam = Array(next.prefix(beamWidth))
        }
        // Paired symbols (`| x |`) are counted once the whole row is read.
        for index in beam.indices {
            beam[index].score += grammar.pairFactor(of: beam[index].labels) + closing(beam[index].levels.dropFirst(), labels: beam[index].labels)
        }
        guard let best = beam.max(by: { $0.score < $1.score }) else { return Parsed(row: [], score: -.infinity, line: nil) }
        let row = build(parent: -1, relation: .right, best: best, units: units)
        let symbols = units.indices.flatMap { index in
            best.labels[index].flatMap { laidOut(units[index], as: $0) }.map { [$0] } ?? units[index].symbols
        }
        return Parsed(row: row, score: best.score, line: best.levels.first?.line, symbols: symbols)
    }

    /// The row of `parent`'s `relation` (the main row for -1), with digit runs joined into numbers.
    private func build(parent: Int, relation: LayoutGrammar.Relation, best: Hypothesis, units: [Unit]) -> [LayoutNode] {
        var row: [LayoutNode] = []
        var digits = ""
        func flush() {
            if !digits.isEmpty { row.append(.number(digits)); digits = "" }
        }
        for index in units.indices where best.parent[index] == parent && best.relation[index] == relation {
            let sub = build(parent: index, relation: .subscript, best: best, units: units)
            let sup = build(parent: index, relation: .superscript, best: best, units: units)
            var node: LayoutNode
            switch units[index].content {
            case .atom:
                let label = best.labels[index] ?? ""
                let isNumberPart = grammar.digits.contains(label) || (label == grammar.point && !digits.isEmpty)
                if isNumberPart && sub.isEmpty && sup.isEmpty {
                    digits += label
                    continue
                }
                if isNumberPart {
                    // The scripts belong to the whole number: 10 ^ { 2 }.
                    node = .number(digits + label)
                    digits = ""
                } else {
                    flush()
                    node = .symbol(label)
                }
            case .fraction(let numerator, let denominator, _):
                flush()
                node = .fraction(numerator: numerator.row, denominator: denominator.row)
            case .root(let radicand, let index, _):
                flush()
                node = .root(radicand.row, index: index?.row)
            case .limits(let label, let below, let above, _):
                flush()
                node = .limits(base: label, below: below?.row, above: above?.row)
            }
            if !sub.isEmpty || !sup.isEmpty {
                node = .scripts(base: node, subscript: sub.isEmpty ? nil : sub, superscript: sup.isEmpty ? nil : sup)
            }
            row.append(node)
        }
        flush()
        return row
    }
}
