import ImageDecoding
import InkInput
import Preprocessing

/// Turns labelled training material into classifier crops through exactly the normalisation
/// recognition uses: ink plane (`InkPlane`), ink box, `GlyphNormalizer`.
public enum CropExtractor {
    /// Crops of the symbols of one InkML document that belong to `labels`, one per symbol and
    /// pen width. Each symbol is rendered alone (at the whole expression's scale, so a `.` stays
    /// small), so that neighbours do not leak into its crop.
    public static func crops(inkML text: String, labels: Set<String>, penWidths: [Double]) throws -> [(label: String, crop: [Float])] {
        let document = try InkDocument.parse(text)
        var crops: [(label: String, crop: [Float])] = []
        for symbol in document.symbols {
            guard let label = SymbolLabels.crohmeLabel(symbol.label), labels.contains(label), !symbol.traceIDs.isEmpty else { continue }
            for penWidth in penWidths {
                let options = InkRenderOptions(penWidth: penWidth, margin: 4)
                let rendering = InkRenderer.render(document, traceIDs: Set(symbol.traceIDs), options: options)
                guard let drawn = rendering.symbols.first(where: { $0.symbol == symbol }) else { continue }
                let plane = InkPlane(gray: rendering.image)
                let box = plane.inkBounds() ?? drawn.box
                crops.append((label, GlyphNormalizer.crop(plane, box: box)))
            }
        }
        return crops
    }

    /// The crop of the single symbol in an image file (any polarity), or nil when it holds no ink.
    public static func crop(imageBytes: [UInt8]) throws -> [Float]? {
        let image = try ImageDecoder.decode(imageBytes)
        let plane = InkPlane(gray: image)
        guard let box = plane.inkBounds() else { return nil }
        return GlyphNormalizer.crop(plane, box: box)
    }
}
