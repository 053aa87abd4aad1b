import CQuarry

/// Fixed-width bit packing: `count` unsigned integers of `width` bits each, little-endian, least
/// significant bits first, in `ceil(count * width / 8)` bytes. The building block of
/// `PackedInts` and of the field-length columns.
enum BitPacking {
    /// Bits needed for `value`.
    @inline(__always)
    static func width(of value: UInt32) -> Int { 32 - value.leadingZeroBitCount }

    /// The width needed for all of `values`.
    @inline(__always)
    static func width(_ values: UnsafePointer<UInt32>, count: Int) -> Int {
        var union: UInt32 = 0
        for i in 0..<count { union |= values[i] }
        return width(of: union)
    }

    /// Appends the low `width` bits of each of `values`.
    static func append(_ values: UnsafePointer<UInt32>, count: Int, width: Int, to stream: inout ByteStream) {
        guard width > 0, count > 0 else { return }
        let size = (count * width + 7) / 8
        let out = stream.reserve(size + 8)
        let mask: UInt64 = width == 32 ? UInt64(UInt32.max) : (1 << UInt64(width)) - 1
        var accumulator: UInt64 = 0
        var bits = 0
        var written = 0
        for i in 0..<count {
            let value = UInt64(values[i]) & mask
            accumulator |= value << UInt64(bits)
            bits += width
            if bits >= 64 {
                UnsafeMutableRawPointer(out).storeBytes(of: accumulator.littleEndian, toByteOffset: written, as: UInt64.self)
                written += 8
                bits -= 64
                accumulator = bits > 0 ? value >> UInt64(width - bits) : 0
            }
        }
        while bits > 0 {
            out[written] = UInt8(truncatingIfNeeded: accumulator)
            accumulator >>= 8
            written += 1
            bits -= 8
        }
        assert(written == size)
        stream.commit(size)
    }

    /// Unpacks `count` values of `width` bits from `source` (in C: AVX2 groups of eight where
    /// the processor has it and `available` allows, else one loop per width). `available` bytes
    /// from `source` are readable: the caller guarantees the packed bytes plus 8 more.
    @inline(__always)
    static func unpack(_ source: UnsafeRawPointer, count: Int, width: Int, available: Int, into values: UnsafeMutablePointer<UInt32>) {
        cq_unpack(source.assumingMemoryBound(to: UInt8.self), values, Int32(count), Int32(width), available)
    }
}
