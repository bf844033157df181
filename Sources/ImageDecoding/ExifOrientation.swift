/// The EXIF orientation of a JPEG (TIFF tag 0x0112): how the stored pixels must be turned to
/// appear upright. Phone cameras store the sensor's pixels and record the rotation here.
enum ExifOrientation: Int, Sendable, CaseIterable {
    case upright = 1
    case mirroredHorizontally = 2
    case rotated180 = 3
    case mirroredVertically = 4
    case transposed = 5
    case rotated90Clockwise = 6
    case transversed = 7
    case rotated90CounterClockwise = 8

    /// Whether width and height trade places when the orientation is applied.
    var swapsSides: Bool { rawValue >= 5 }

    /// The orientation recorded in the first APP1 Exif segment of a JPEG; `.upright` when
    /// there is none or it is malformed (every offset and length is checked against the data).
    init(jpeg bytes: [UInt8]) {
        self = ExifOrientation.tagValue(inJPEG: bytes).flatMap(ExifOrientation.init(rawValue:)) ?? .upright
    }

    /// Turns a decoded image upright.
    func apply(to image: GrayImage) -> GrayImage {
        if self == .upright { return image }
        let width = image.width, height = image.height
        let (outputWidth, outputHeight) = swapsSides ? (height, width) : (width, height)
        let (origin, stepX, stepY) = sourceWalk(width: width, height: height)
        // Square tiles keep both the rows written and the columns read of a rotation in cache.
        let tile = 64
        let output = [UInt8](unsafeUninitializedCapacity: image.pixels.count) { destination, initialized in
            image.pixels.withUnsafeBufferPointer { source in
                guard let source = source.baseAddress, let destination = destination.baseAddress else { return }
                for tileY in stride(from: 0, to: outputHeight, by: tile) {
                    for tileX in stride(from: 0, to: outputWidth, by: tile) {
                        let tileWidth = min(tile, outputWidth - tileX)
                        for y in tileY..<min(tileY + tile, outputHeight) {
                            let row = destination + y * outputWidth + tileX
                            let start = source + (origin + tileX * stepX + y * stepY)
                            for x in 0..<tileWidth { row[x] = start[x * stepX] }
                        }
                    }
                }
            }
            initialized = image.pixels.count
        }
        return GrayImage(width: outputWidth, height: outputHeight, pixels: output)
    }

    /// Where displayed pixel (x, y) is stored, for a stored image width × height: at index
    /// origin + x · stepX + y · stepY of the stored row-major pixels.
    private func sourceWalk(width: Int, height: Int) -> (origin: Int, stepX: Int, stepY: Int) {
        let lastRow = (height - 1) * width, lastColumn = width - 1
        switch self {
        case .upright: return (0, 1, width)
        case .mirroredHorizontally: return (lastColumn, -1, width)
        case .rotated180: return (lastRow + lastColumn, -1, -width)
        case .mirroredVertically: return (lastRow, 1, -width)
        case .transposed: return (0, width, 1)
        case .rotated90Clockwise: return (lastRow, -width, 1)
        case .transversed: return (lastRow + lastColumn, -width, -1)
        case .rotated90CounterClockwise: return (lastColumn, width, -1)
        }
    }

    /// Walks the JPEG marker segments before the first scan, looking for APP1 "Exif\0\0".
    private static func tagValue(inJPEG bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var position = 2
        while position + 4 <= bytes.count {
            guard bytes[position] == 0xFF else { return nil }
            let marker = bytes[position + 1]
            if marker == 0xFF { position += 1; continue } // fill byte
            if marker == 0x01 || (0xD0...0xD8).contains(marker) { position += 2; continue } // no length
            if marker == 0xDA || marker == 0xD9 { return nil } // start of scan / end of image
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            let start = position + 4, end = position + 2 + length
            guard length >= 2, end <= bytes.count else { return nil }
            let exifSignature: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0] // "Exif\0\0"
            if marker == 0xE1, bytes[start..<end].starts(with: exifSignature) {
                if let value = orientationTag(tiff: bytes[(start + 6)..<end]) { return value }
            }
            position = end
        }
        return nil
    }

    /// Reads tag 0x0112 from IFD0 of a TIFF structure (little- or big-endian).
    private static func orientationTag(tiff: ArraySlice<UInt8>) -> Int? {
        let base = tiff.startIndex
        let count = tiff.count
        guard count >= 8 else { return nil }
        let littleEndian: Bool
        switch (tiff[base], tiff[base + 1]) {
        case (0x49, 0x49): littleEndian = true // "II"
        case (0x4D, 0x4D): littleEndian = false // "MM"
        default: return nil
        }
        // Unsigned integer of `size` bytes at `offset` from the TIFF start, nil when out of bounds.
        func read(_ offset: Int, size: Int) -> Int? {
            guard offset >= 0, offset <= count - size else { return nil }
            var value = 0
            for index in 0..<size {
                let byte = Int(tiff[base + offset + (littleEndian ? size - 1 - index : index)])
                value = value << 8 | byte
            }
            return value
        }
        guard read(2, size: 2) == 42, let directory = read(4, size: 4),
              let entries = read(directory, size: 2) else { return nil }
        for entry in 0..<entries {
            let offset = directory + 2 + 12 * entry
            guard let tag = read(offset, size: 2), let type = read(offset + 2, size: 2) else { return nil }
            guard tag == 0x0112 else { continue }
            switch type {
            case 3: return read(offset + 8, size: 2) // SHORT, left-aligned in the value field
            case 4: return read(offset + 8, size: 4) // LONG, written by a few tools
            default: return nil
            }
        }
        return nil
    }
}
