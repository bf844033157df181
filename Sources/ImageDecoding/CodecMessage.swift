/// Text of a NUL-terminated message buffer filled by the C codec (imported as a tuple of CChar).
enum CodecMessage {
    static func text<Buffer>(of buffer: Buffer) -> String {
        withUnsafeBytes(of: buffer) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
