import Classification
import ImageDecoding
import InkInput
import Synthesis
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

    /// Crops of the symbols of one InkML document as they appear in a simulated phone photo of
    /// the whole expression (uneven light, shadow, blur, noise, a random pen width, JPEG at
    /// `jpegQuality`): each symbol's box cut from the photo's ink plane, as recognition cuts a
    /// segmented symbol — neighbours that reach into the box included.
    public static func photoCrops(inkML text: String, labels: Set<String>, seed: UInt64, jpegQuality: Int) throws -> [(label: String, crop: [Float])] {
        let document = try InkDocument.parse(text)
        guard document.symbols.contains(where: { SymbolLabels.crohmeLabel($0.label).map(labels.contains) ?? false }) else { return [] }
        var options = InkRenderOptions()
        options.penWidth = 2 + Double(seed % 1000) / 400  // 2 … 4.5 px at a 48 px symbol size
        let rendering = PhotoSimulator.photograph(document, seed: seed, options: options)
        let photo = try ImageDecoder.decode(try ImageEncoder.jpeg(rendering.image, quality: jpegQuality))
        let plane = InkPlane(gray: photo)
        return rendering.symbols.compactMap { drawn in
            guard let label = SymbolLabels.crohmeLabel(drawn.symbol.label), labels.contains(label) else { return nil }
            return (label, GlyphNormalizer.crop(plane, box: drawn.box))
        }
    }

    /// The crop of the single symbol in an image file (any polarity), or nil when it holds no ink.
    public static func crop(imageBytes: [UInt8]) throws -> [Float]? {
        let image = try ImageDecoder.decode(imageBytes)
        let plane = InkPlane(gray: image)
        guard let box = plane.inkBounds() else { return nil }
        return GlyphNormalizer.crop(plane, box: box)
    }
}

