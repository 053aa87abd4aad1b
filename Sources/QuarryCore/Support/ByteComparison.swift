#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-string equality, inline for the short strings (terms, tokens) hot paths compare.
enum ByteComparison {
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, count: Int) -> Bool {
        guard count > 0, let b else { return true }
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
}
