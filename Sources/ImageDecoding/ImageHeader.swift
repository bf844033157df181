/// What the header of an image says, without decoding the pixels.
public struct ImageHeader: Sendable, Equatable {
    public let format: ImageFormat
    /// Width as displayed, i.e. after the EXIF orientation of a JPEG.
    public let width: Int
    /// Height as displayed, i.e. after the EXIF orientation of a JPEG.
    public let height: Int
    /// A progressive JPEG (its decode holds every block until the last scan); false otherwise.
    public let isProgressive: Bool

    public init(format: ImageFormat, width: Int, height: Int, isProgressive: Bool = false) {
        self.format = format
        self.width = width
        self.height = height
        self.isProgressive = isProgressive
    }
}
