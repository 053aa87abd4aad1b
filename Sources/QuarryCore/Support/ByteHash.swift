/// A fast non-cryptographic hash of short byte strings (terms, tokens, ids), read 8 bytes at a time.
///
/// Its values are used in memory only (hash tables); nothing on disk depends on them. Callers
/// that already hold a string's 8-byte words (the analyzer lowercases 8 bytes at a time) feed
/// them to `start`/`step`/`finish` and get the same value as `hash`.
enum ByteHash {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func start(count: Int) -> UInt64 { UInt64(truncatingIfNeeded: count) &* multiplier }

    /// Mixes in one full 8-byte word.
    @inline(__always)
    static func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let h = (state ^ word) &* multiplier
        return h ^ (h >> 29)
    }

    /// Mixes in the last 1-7 bytes (little-endian, zero-padded).
    @inline(__always)
    static func tail(_ state: UInt64, _ word: UInt64) -> UInt64 { (state ^ word) &* multiplier }

    @inline(__always)
    static func finish(_ state: UInt64) -> UInt64 {
        var h = state
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var h = start(count: count)
        guard let base = bytes.baseAddress else { return finish(h) }
        var offset = 0
        while offset + 8 <= count {
            h = step(h, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            h = tail(h, word)
        }
        return finish(h)
    }
}
