import Foundation

/// Printed rules of lined paper, table lines and the edge of the page: long, thin, straight
/// strokes running across much of the page. They are not ink of an equation, and taken for
/// symbols they become a `-` before a line or a line of its own. A fraction bar or a long
/// minus is as thin and straight, but as long as what it divides, not as the page: the test
/// is length against the page, together with length against the writing.
enum RuledLines {
    /// Shortest rule, as a share of the page's extent in the rule's direction.
    static let pageShare = 0.6
    /// Shortest rule, in typical symbol heights: a rule is far longer than any symbol.
    static let symbolHeights = 3.0
    /// Thickest rule, in pen stroke widths (a printed rule is as thin as a stroke or thinner).
    static let strokeWidths = 2.5
    /// Most a rule may bend away from its straight axis, as a share of its length (paper that
    /// is not flat bends printed rules a little).
    static let bend = 0.06
    /// How far from a fraction bar its numerator and denominator may lie, in symbol heights
    /// (a numerator may itself be a fraction).
    static let fractionReach = 3.0

    /// The components that are not rules.
    static func removing(from components: [Component], pageWidth: Int, pageHeight: Int, strokeWidth: Double) -> [Component] {
        guard components.count > 1, strokeWidth > 0 else { return components }
        let symbolHeight = SymbolGrouper.typicalHeight(components)
        let rules = Set(components.indices.filter { index in
            guard let axis = ruleAxis(components[index], pageWidth: pageWidth, pageHeight: pageHeight,
                                      strokeWidth: strokeWidth, symbolHeight: symbolHeight) else { return false }
            return !isFractionBar(axis, among: components, symbolHeight: symbolHeight)
        })
        return components.indices.filter { !rules.contains($0) }.map { components[$0] }
    }

    /// The axis of `c` when it is long, thin and straight enough to be a rule; nil otherwise.
    static func ruleAxis(_ c: Component, pageWidth: Int, pageHeight: Int, strokeWidth: Double, symbolHeight: Double) -> PrincipalAxis? {
        // Cheap rejection first: a rule is long along x or y.
        let longSide = Double(max(c.box.width, c.box.height))
        guard longSide >= symbolHeights * symbolHeight,
              longSide >= pageShare * Double(c.box.width >= c.box.height ? pageWidth : pageHeight),
              let axis = PrincipalAxis(c) else { return nil }
        // The page's extent along the stroke's direction (a slanted rule crosses more of it).
        let extent = min(Double(pageWidth) / max(abs(axis.direction.x), 1e-9), Double(pageHeight) / max(abs(axis.direction.y), 1e-9))
        let thickness = Double(c.area) / max(axis.length, 1)
        let isRule = axis.length >= pageShare * extent && axis.length >= symbolHeights * symbolHeight
            && thickness <= strokeWidths * strokeWidth && axis.spread - thickness <= bend * axis.length + strokeWidth
        return isRule ? axis : nil
    }

    /// A fraction bar, however long: writing near it on both sides (numerator and
    /// denominator, which may be fractions themselves), each side's extent centred on the
    /// bar. Writing between two rules of lined paper lies on one side of each.
    static func isFractionBar(_ axis: PrincipalAxis, among components: [Component], symbolHeight: Double) -> Bool {
        var sides: [(lower: Double, upper: Double)] = [(.infinity, -.infinity), (.infinity, -.infinity)]
        for c in components {
            let (dx, dy) = (c.centreX - axis.centre.x, c.centreY - axis.centre.y)
            let along = dx * axis.direction.x + dy * axis.direction.y, across = -dx * axis.direction.y + dy * axis.direction.x
            // Neighbours over the bar's length, not the bar itself (nothing is centred on it).
            guard abs(along) <= axis.length / 2, abs(across) > axis.spread / 2,
                  abs(across) <= axis.spread / 2 + fractionReach * symbolHeight else { continue }
            let side = across < 0 ? 0 : 1
            let halfWidth = Double(c.box.width) / 2
            sides[side] = (min(sides[side].lower, along - halfWidth), max(sides[side].upper, along + halfWidth))
        }
        return sides.allSatisfy { side in side.lower <= side.upper && abs(side.lower + side.upper) / 2 <= 0.25 * axis.length }
    }
}

/// A component's main direction from the second moments of its pixels, its length along that
/// direction and how far its ink strays across it.
struct PrincipalAxis {
    /// Unit vector along the component.
    var direction: (x: Double, y: Double)
    /// Extent of the ink along `direction`.
    var length: Double
    /// Extent of the ink across `direction`.
    var spread: Double
    /// Centre of the ink's extent along and across `direction`, in page pixels.
    var centre: (x: Double, y: Double)

    init?(_ c: Component) {
        guard c.area > 0 else { return nil }
        // Moments from the runs: a run of n pixels from x0 has sums of x and x² in closed form.
        var (n, sx, sy, sxx, syy, sxy) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        for run in c.runs {
            let count = Double(run.x1 - run.x0), y = Double(run.y)
            let first = Double(run.x0), last = Double(run.x1 - 1)
            let sumX = (first + last) * count / 2
            let sumXX = (last * (last + 1) * (2 * last + 1) - (first - 1) * first * (2 * first - 1)) / 6
            n += count; sx += sumX; sy += y * count
            sxx += sumXX; syy += y * y * count; sxy += y * sumX
        }
        let (mx, my) = (sx / n, sy / n)
        let (cxx, cyy, cxy) = (sxx / n - mx * mx, syy / n - my * my, sxy / n - mx * my)
        let angle = 0.5 * atan2(2 * cxy, cxx - cyy)
        direction = (cos(angle), sin(angle))
        var (along0, along1, across0, across1) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for run in c.runs {
            let y = Double(run.y) - my
            for x in [Double(run.x0), Double(run.x1 - 1)] {
                let dx = x - mx
                let along = dx * direction.x + y * direction.y, across = -dx * direction.y + y * direction.x
                along0 = min(along0, along); along1 = max(along1, along)
                across0 = min(across0, across); across1 = max(across1, across)
            }
        }
        length = along1 - along0 + 1
        spread = across1 - across0 + 1
        let (along, across) = ((along0 + along1) / 2, (across0 + across1) / 2)
        centre = (mx + along * direction.x - across * direction.y, my + along * direction.y + across * direction.x)
    }
}
