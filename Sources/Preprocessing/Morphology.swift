/// Grey-level dilation and erosion with a square window, in constant time per pixel
/// whatever the window (van Herk / Gil–Werman), as a row pass and a column pass.
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
        if maximum {
            rows(&values, width: width, height: height, radius: radius, Largest.self)
            columns(&values, width: width, height: height, radius: radius, Largest.self)
        } else {
            rows(&values, width: width, height: height, radius: radius, Smallest.self)
            columns(&values, width: width, height: height, radius: radius, Smallest.self)
        }
    }

    /// Max or min as a type, so that each filter loop is compiled for one of them.
    private protocol Extremum { static func pick(_ a: UInt8, _ b: UInt8) -> UInt8 }
    private enum Largest: Extremum { @inline(__always) static func pick(_ a: UInt8, _ b: UInt8) -> UInt8 { max(a, b) } }
    private enum Smallest: Extremum { @inline(__always) static func pick(_ a: UInt8, _ b: UInt8) -> UInt8 { min(a, b) } }

    /// Each row on its own: running extremes from the left (`forward`) and from the right
    /// (`backward`) within blocks of the window size; a window is then one backward value
    /// and one forward value.
    private static func rows<E: Extremum>(_ values: inout [UInt8], width: Int, height: Int, radius: Int, _: E.Type) {
        let pick = E.pick
        let window = 2 * radius + 1, total = width + 2 * radius
        var padded = [UInt8](repeating: 0, count: total)
        var forward = padded, backward = padded
        values.withUnsafeMutableBufferPointer { pixels in
            padded.withUnsafeMutableBufferPointer { line in
                forward.withUnsafeMutableBufferPointer { forward in
                    backward.withUnsafeMutableBufferPointer { backward in
                        for y in 0..<height {
                            let row = pixels.baseAddress! + y * width
                            for i in 0..<total { line[i] = row[min(width - 1, max(0, i - radius))] }
                            var start = 0
                            while start < total {
                                let end = min(start + window, total)
                                forward[start] = line[start]
                                var i = start + 1
                                while i < end { forward[i] = pick(forward[i - 1], line[i]); i += 1 }
                                backward[end - 1] = line[end - 1]
                                i = end - 2
                                while i >= start { backward[i] = pick(backward[i + 1], line[i]); i -= 1 }
                                start = end
                            }
                            for x in 0..<width { row[x] = pick(backward[x], forward[x + window - 1]) }
                        }
                    }
                }
            }
        }
    }

    /// The same along columns, a whole row at a time so that memory is read in order.
    private static func columns<E: Extremum>(_ values: inout [UInt8], width: Int, height: Int, radius: Int, _: E.Type) {
        let pick = E.pick
        let window = 2 * radius + 1, total = height + 2 * radius
        var forward = [UInt8](repeating: 0, count: total * width)
        var backward = forward
        values.withUnsafeMutableBufferPointer { pixels in
            forward.withUnsafeMutableBufferPointer { forward in
                backward.withUnsafeMutableBufferPointer { backward in
                    let source = pixels.baseAddress!, ahead = forward.baseAddress!, behind = backward.baseAddress!
                    // Padded row i is image row clamp(i − radius).
                    func row(_ i: Int) -> UnsafeMutablePointer<UInt8> { source + min(height - 1, max(0, i - radius)) * width }
                    var start = 0
                    while start < total {
                        let end = min(start + window, total)
                        (ahead + start * width).update(from: row(start), count: width)
                        var i = start + 1
                        while i < end {
                            let previous = ahead + (i - 1) * width, current = ahead + i * width, input = row(i)
                            for x in 0..<width { current[x] = pick(previous[x], input[x]) }
                            i += 1
                        }
                        (behind + (end - 1) * width).update(from: row(end - 1), count: width)
                        i = end - 2
                        while i >= start {
                            let next = behind + (i + 1) * width, current = behind + i * width, input = row(i)
                            for x in 0..<width { current[x] = pick(next[x], input[x]) }
                            i -= 1
                        }
                        start = end
                    }
                    for y in 0..<height {
                        let out = source + y * width, a = behind + y * width, b = ahead + (y + window - 1) * width
                        for x in 0..<width { out[x] = pick(a[x], b[x]) }
                    }
                }
            }
        }
    }
}
