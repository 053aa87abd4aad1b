/// Frame-of-reference bit packing of blocks of 128 unsigned integers: every value of a block takes
/// the same number of bits (the width of the largest), packed little-endian into `16 * width`
/// bytes. Width 0 (all zeros) takes no bytes.
enum BitPacking {
    static let blockSize = 128

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

    /// Bytes a packed block of `width` takes.
    @inline(__always)
    static func packedSize(width: Int) -> Int { 16 * width }

    /// Appends the width byte and the 128 `values` packed at that width.
    static func appendBlock(_ values: UnsafePointer<UInt32>, to stream: inout ByteStream) {
        let width = width(values, count: blockSize)
        stream.append(UInt8(width))
        guard width > 0 else { return }
        let size = packedSize(width: width)
        let out = UnsafeMutableRawPointer(stream.reserve(size))
        var accumulator: UInt64 = 0
        var bits = 0
        var written = 0
        for i in 0..<blockSize {
            let value = UInt64(values[i])
            accumulator |= value << UInt64(bits)
            bits += width
            if bits >= 64 {
                out.storeBytes(of: accumulator.littleEndian, toByteOffset: written, as: UInt64.self)
                written += 8
                bits -= 64
                accumulator = bits > 0 ? value >> UInt64(width - bits) : 0
            }
        }
        assert(written == size && bits == 0)
        stream.commit(size)
    }

    /// Unpacks 128 values of `width` bits from `source` into `values`. The caller guarantees
    /// `packedSize(width:) + 8` readable bytes at `source` (every packed block in a file is
    /// followed by at least the 8-byte footer).
    @inline(__always)
    static func unpack(_ source: UnsafeRawPointer, width: Int, into values: UnsafeMutablePointer<UInt32>) {
        if width == 0 {
            values.update(repeating: 0, count: blockSize)
            return
        }
        let mask = width == 32 ? UInt64(UInt32.max) : (UInt64(1) << UInt64(width)) - 1
        var bit = 0
        for i in 0..<blockSize {
            let word = source.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self).littleEndian
            values[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
        }
    }
}
