/// The image formats mathscan reads and writes, detected by content (magic bytes).
public enum ImageFormat: Sendable {
    case png
    case jpeg
}
