/// Grey-level dilation and erosion with a square window, in constant time per pixel
/// whatever the window (van Herk / Gil–Werman), separable into row and column passes.
enum Morphology {
    /// Closing (dilate, then erode): removes dark features narrower than 2·radius + 1 and
    /// keeps larger shapes and lighting edges where they are — the paper under the ink.
    static func closing(_ values: [UInt8], width: Int, height: Int, radius: Int) -> [UInt8] {
        var result = values
        filter(&result, width: width, height: height, radius: radius, maximum: true)
        filter(&result, width: width, height: height, radius: radius, maximum: false)
        return result
    }

    /// Max (or min) over the (2·radius + 1)² window around each pixel, edges replicated.
    static func filter(_ values: inout [UInt8], width: Int, height: Int, radius: Int, maximum: Bool) {
        guard width > 0, height > 0, radius > 0 else { return }
        let longest = max(width, height)
        var line = [UInt8](repeating: 0, count: longest)
        var scratch = Scratch(length: longest, radius: radius)
        values.withUnsafeMutableBufferPointer { pixels in
            for y in 0..<height {
                for x in 0..<width { line[x] = pixels[y * width + x] }
                scratch.run(&line, count: width, maximum: maximum)
                for x in 0..<width { pixels[y * width + x] = line[x] }
            }
            for x in 0..<width {
                for y in 0..<height { line[y] = pixels[y * width + x] }
                scratch.run(&line, count: height, maximum: maximum)
                for y in 0..<height { pixels[y * width + x] = line[y] }
            }
        }
    }

    /// Buffers for the 1-D van Herk / Gil–Werman pass: running extremes from the left within
    /// blocks of the window size (`forward`) and from the right (`backward`).
    private struct Scratch {
        let radius: Int
        var padded: [UInt8]
        var forward: [UInt8]
        var backward: [UInt8]

        init(length: Int, radius: Int) {
            self.radius = radius
            padded = [UInt8](repeating: 0, count: length + 2 * radius)
            forward = padded
            backward = padded
        }

        mutating func run(_ line: inout [UInt8], count: Int, maximum: Bool) {
            let window = 2 * radius + 1
            let total = count + 2 * radius
            for i in 0..<total { padded[i] = line[min(count - 1, max(0, i - radius))] }
            @inline(__always) func pick(_ a: UInt8, _ b: UInt8) -> UInt8 { maximum ? max(a, b) : min(a, b) }
            var start = 0
            while start < total {
                let end = min(start + window, total)
                forward[start] = padded[start]
                var i = start + 1
                while i < end { forward[i] = pick(forward[i - 1], padded[i]); i += 1 }
                backward[end - 1] = padded[end - 1]
                i = end - 2
                while i >= start { backward[i] = pick(backward[i + 1], padded[i]); i -= 1 }
                start = end
            }
            // The window [x, x + window) of the padded line is centred on pixel x.
            for x in 0..<count { line[x] = pick(backward[x], forward[x + window - 1]) }
        }
    }
}
