/// An axis-aligned box in image pixels: a symbol's or a line's place on the page, shared by
/// every stage that speaks of image regions (rendering, segmentation, reports).
public struct Box: Sendable, Equatable, Hashable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// Encoded as `[x, y, width, height]`: reports list many boxes, and this is how people write them.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init(x: try container.decode(Int.self), y: try container.decode(Int.self),
                  width: try container.decode(Int.self), height: try container.decode(Int.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(contentsOf: [x, y, width, height])
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

extension Box {
    /// The smallest box holding all of `boxes`; an empty box at the origin for none.
    public static func union(_ boxes: [Box]) -> Box {
        guard let first = boxes.first else { return Box(x: 0, y: 0, width: 0, height: 0) }
        var (x0, y0, x1, y1) = (first.x, first.y, first.maxX, first.maxY)
        for box in boxes.dropFirst() {
            x0 = min(x0, box.x); y0 = min(y0, box.y); x1 = max(x1, box.maxX); y1 = max(y1, box.maxY)
        }
        return Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
