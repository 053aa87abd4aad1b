import CQuarry

/// CRC32C (Castagnoli): the checksum every index file ends with.
enum Checksum {
    /// Continues `crc` over `bytes` (start from 0).
    @inline(__always)
    static func crc32c(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return cq_crc32c(crc, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }
}
