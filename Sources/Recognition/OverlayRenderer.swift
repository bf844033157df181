import ImageDecoding
import Preprocessing

/// Draws what mathscan saw over the original image: a box per symbol coloured by confidence and
/// its label above it — the picture a user looks at to see what went wrong.
public enum OverlayRenderer {
    /// `scale`: the image is 1/scale of the size the page's boxes refer to.
    public static func render(_ image: GrayImage, page: PageReading, scale: Int = 1) -> RGBImage {
        var canvas = RGBImage(gray: image)
        let shrink = { (b: Box) in Box(x: b.x / scale, y: b.y / scale, width: b.width / scale, height: b.height / scale) }
        // Line and label thickness grow with the image, so overlays of phone photos stay readable.
        let thickness = max(1, min(image.width, image.height) / 400)
        for line in page.lines {
            let lineBox = shrink(line.box)
            drawRectangle(lineBox, colour: (70, 110, 230), thickness: thickness, on: &canvas)
            // Labels sized by the line, not the symbol, so a `-` or `.` gets a readable label.
            let pixel = max(1, lineBox.height / 40)
            for symbol in line.symbols {
                let colour = colour(for: symbol.confidence)
                let box = shrink(symbol.box)
                drawRectangle(box, colour: colour, thickness: thickness, on: &canvas)
                let top = box.y - (OverlayFont.height + 2) * pixel
                drawLabel(symbol.latex, x: box.x, y: max(0, top), pixel: pixel, colour: colour, on: &canvas)
            }
        }
        return canvas
    }

    /// Green when sure, orange when hesitant, red when guessing.
    private static func colour(for confidence: Double) -> (UInt8, UInt8, UInt8) {
        if confidence >= 0.9 { return (20, 170, 60) }
        if confidence >= 0.6 { return (240, 150, 0) }
        return (220, 30, 30)
    }

    private static func drawRectangle(_ box: Box, colour: (UInt8, UInt8, UInt8), thickness: Int, on canvas: inout RGBImage) {
        for t in 0..<thickness {
            for x in (box.x - t)...(box.maxX + t) {
                plot(x, box.y - t - 1, colour, &canvas)
                plot(x, box.maxY + t, colour, &canvas)
            }
            for y in (box.y - t)...(box.maxY + t) {
                plot(box.x - t - 1, y, colour, &canvas)
                plot(box.maxX + t, y, colour, &canvas)
            }
        }
    }

    private static func drawLabel(_ label: String, x: Int, y: Int, pixel: Int, colour: (UInt8, UInt8, UInt8), on canvas: inout RGBImage) {
        for (row, pattern) in OverlayFont.bitmap(for: label).enumerated() {
            for (column, mark) in pattern.enumerated() where mark == "#" {
                for dy in 0..<pixel {
                    for dx in 0..<pixel {
                        plot(x + column * pixel + dx, y + row * pixel + dy, colour, &canvas)
                    }
                }
            }
        }
    }

    private static func plot(_ x: Int, _ y: Int, _ colour: (UInt8, UInt8, UInt8), _ canvas: inout RGBImage) {
        guard x >= 0, y >= 0, x < canvas.width, y < canvas.height else { return }
        let i = (y * canvas.width + x) * 3
        canvas.pixels[i] = colour.0
        canvas.pixels[i + 1] = colour.1
        canvas.pixels[i + 2] = colour.2
    }
}
