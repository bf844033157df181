/// A rectangle of image pixels. The same fields as Preprocessing's `Box`, which a pen-input
/// module should not depend on: `Box(x: r.x, y: r.y, width: r.width, height: r.height)`.
public struct PixelBox: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}
