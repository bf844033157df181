/// One point of pen input, in the file's own units (y grows downwards, as on a tablet).
public struct InkPoint: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x; self.y = y
    }
}

/// One pen stroke: the points between pen-down and pen-up.
public struct InkTrace: Sendable, Equatable {
    public var id: String
    public var points: [InkPoint]

    public init(id: String, points: [InkPoint]) {
        self.id = id; self.points = points
    }
}
