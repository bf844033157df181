/// FNV-1a, 64-bit: a hash that is the same on every run and machine (unlike Swift's seeded
/// `Hasher`), for file checksums, cache names and stable splits of data.
public enum FNV1a {
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
