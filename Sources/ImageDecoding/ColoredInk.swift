/// Ink that is coloured rather than dark — a pink or green marker, a red pen — can be hardly
/// darker than the paper in luminance, all the more on grey or textured card, while in one of
/// R, G, B it is as dark as black ink: that channel is what the ink absorbs. Paper reflects all
/// three alike, so on near-neutral paper the darkest channel shows such ink with its full
/// contrast and leaves the paper, grey ink and shadows as luminance does.
public enum ColoredInk {
    /// Paper is near-neutral when its darkest channel is at most this far below its luminance
    /// (of 255). Coloured paper is left to luminance: its darkest channel is dark everywhere.
    static let neutralPaper = 16
    /// The darkest channel is preferred when its ink stands out from the paper at least this
    /// many times as far as in luminance (blue or black ink gains less: luminance serves).
    static let contrastGain = 1.5
    /// …and by at least this much (of 255), so that a few coloured specks on blank paper do not switch.
    static let minimumContrast = 40

    /// Whether the darkest channel shows the ink better than luminance, from the two planes of
    /// one image: paper is the median level, ink the darkest 0.5 % of the pixels.
    public static func prefersDarkestChannel(luminance: [UInt8], darkest: [UInt8]) -> Bool {
        guard !luminance.isEmpty, luminance.count == darkest.count else { return false }
        let (bright, dark) = (levels(luminance), levels(darkest))
        guard bright.paper - dark.paper <= neutralPaper else { return false }
        let luminanceContrast = bright.paper - bright.ink, darkestContrast = dark.paper - dark.ink
        return darkestContrast >= minimumContrast && Double(darkestContrast) >= contrastGain * Double(max(1, luminanceContrast))
    }

    /// The median (paper) and the 0.5th percentile (ink) of a plane.
    private static func levels(_ plane: [UInt8]) -> (paper: Int, ink: Int) {
        var histogram = [Int](repeating: 0, count: 256)
        for value in plane { histogram[Int(value)] += 1 }
        func percentile(_ share: Double) -> Int {
            let target = Int(share * Double(plane.count))
            var seen = 0
            for (level, count) in histogram.enumerated() {
                seen += count
                if seen > target { return level }
            }
            return 255
        }
        return (percentile(0.5), percentile(0.005))
    }
}
