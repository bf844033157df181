import XCTest
@testable import ImageDecoding

/// Coloured ink on near-neutral paper is read in the darkest of R, G, B; everything else in
/// luminance, exactly as without the option.
final class ColoredInkTests: XCTestCase {
    /// A `width` × `height` page of `paper` with a band of strokes (every other 6-pixel column
    /// of the middle rows) in `ink`, with a little grain (±6) so that the paper is not flat.
    func page(paper: (UInt8, UInt8, UInt8), ink: (UInt8, UInt8, UInt8), width: Int = 160, height: Int = 120) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let isInk = (40..<80).contains(y) && (20..<140).contains(x) && (x / 6) % 2 == 0
                let grain = Int((x * 7 + y * 13) % 13) - 6
                let (r, g, b) = isInk ? ink : paper
                pixels += [r, g, b].map { UInt8(clamping: Int($0) + grain) }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Paper level (median) minus ink level (the darkest 2 %) of a decoded page.
    func contrast(_ image: GrayImage) -> Int {
        let sorted = image.pixels.sorted()
        return Int(sorted[sorted.count / 2]) - Int(sorted[sorted.count / 50])
    }

    func testAPinkMarkerOnGreyCardIsReadInItsDarkestChannel() throws {
        let jpeg = try ImageEncoder.jpeg(page(paper: (168, 168, 166), ink: (235, 60, 150)), quality: 92)
        let luminance = try ImageDecoder.decode(jpeg)
        let inked = try ImageDecoder.decode(jpeg, options: DecodeOptions(channel: .darkestForColoredInk))
        XCTAssertLessThan(contrast(luminance), 60, "pink is hardly darker than grey card in luminance")
        XCTAssertGreaterThan(contrast(inked), 2 * contrast(luminance))
    }

    func testBlackInkOnWhiteAndAnyInkOnColouredPaperStayInLuminance() throws {
        for (paper, ink) in [((245, 245, 240), (30, 30, 35)),      // black ink, white paper
                             ((240, 225, 120), (30, 30, 35)),      // black ink, yellow paper
                             ((240, 225, 120), (235, 60, 150))] as [((UInt8, UInt8, UInt8), (UInt8, UInt8, UInt8))] {
            let jpeg = try ImageEncoder.jpeg(page(paper: paper, ink: ink), quality: 92)
            // The Y channel, whether or not the colour planes were decoded to compare.
            XCTAssertEqual(try ImageDecoder.decode(jpeg, options: DecodeOptions(channel: .darkestForColoredInk)), try ImageDecoder.decode(jpeg), "\(paper) \(ink)")
        }
    }

    func testTheRuleOnPlanes() {
        func planes(paper: (UInt8, UInt8), ink: (UInt8, UInt8), inkShare: Double) -> ([UInt8], [UInt8]) {
            let count = 10_000, inked = Int(inkShare * Double(count))
            return ((0..<count).map { $0 < inked ? ink.0 : paper.0 }, (0..<count).map { $0 < inked ? ink.1 : paper.1 })
        }
        // (luminance, darkest) of paper and of ink.
        var (l, d) = planes(paper: (168, 166), ink: (121, 60), inkShare: 0.03)
        XCTAssertTrue(ColoredInk.prefersDarkestChannel(luminance: l, darkest: d), "pink on grey")
        (l, d) = planes(paper: (230, 226), ink: (70, 40), inkShare: 0.03)
        XCTAssertFalse(ColoredInk.prefersDarkestChannel(luminance: l, darkest: d), "blue ink gains too little")
        (l, d) = planes(paper: (219, 150), ink: (120, 60), inkShare: 0.03)
        XCTAssertFalse(ColoredInk.prefersDarkestChannel(luminance: l, darkest: d), "coloured paper")
        (l, d) = planes(paper: (168, 166), ink: (150, 140), inkShare: 0.03)
        XCTAssertFalse(ColoredInk.prefersDarkestChannel(luminance: l, darkest: d), "too faint to be ink")
        XCTAssertFalse(ColoredInk.prefersDarkestChannel(luminance: [], darkest: []))
    }
}
