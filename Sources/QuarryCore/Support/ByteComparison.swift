#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-string equality, inline for the short strings (terms, tokens) hot paths compare.
enum ByteComparison {
    /// Whether the `count` bytes at `a` and `b` are equal. Zero bytes are always equal; a nil `b`
    /// (an empty buffer's base address) equals nothing of one byte or more.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let b else { return false }
        if count <= 16 {
            var i = 0
            while i + 8 <= count {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i += 8
            }
            while i < count {
                if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
                i += 1
            }
            return true
        }
        return memcmp(a, b, count) == 0
    }

    /// Byte-wise order of two byte strings (a prefix first): negative, 0 or positive.
    @inline(__always)
    static func order(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
