/// Fixed-width bit packing of 64-bit values with random access, for columns: `count` values of
/// `width` bits each (0 to 64), least significant bits first, little-endian, in
/// `ceil(count * width / 8)` bytes. `BitPacking` packs 32-bit values and decodes them a run at a
/// time; columns read one value per document, anywhere.
enum WideBitPacking {
    /// Bits needed for `value`.
    @inline(__always)
    static func width(of value: UInt64) -> Int { 64 - value.leadingZeroBitCount }

    /// The bytes `count` values of `width` bits take, or nil when that is beyond any file.
    static func byteCount(_ count: Int, width: Int) -> Int? {
        guard count >= 0, width >= 0, width <= 64 else { return nil }
        let (bits, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, bits <= Int.max - 7 else { return nil }
        return (bits + 7) / 8
    }

    /// Appends the low `width` bits of each of `values`: each one ORed into zeroed bytes where
    /// `value(_:at:width:)` reads it (8 bytes, and a ninth when it straddles them).
    static func append(_ values: UnsafeBufferPointer<UInt64>, width: Int, to stream: inout ByteStream) {
        guard width > 0, !values.isEmpty else { return }
        let size = (values.count * width + 7) / 8
        let out = UnsafeMutableRawPointer(stream.reserve(size + 9))
        out.initializeMemory(as: UInt8.self, repeating: 0, count: size + 9)
        let mask = Self.mask(width)
        for (index, raw) in values.enumerated() {
            let value = raw & mask
            let bit = index * width
            let byte = bit >> 3
            let shift = bit & 7
            let word = UInt64(littleEndian: out.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) | value << UInt64(shift)
            out.storeBytes(of: word.littleEndian, toByteOffset: byte, as: UInt64.self)
            if shift + width > 64 {
                let spill = out.load(fromByteOffset: byte + 8, as: UInt8.self) | UInt8(truncatingIfNeeded: value >> UInt64(64 - shift))
                out.storeBytes(of: spill, toByteOffset: byte + 8, as: UInt8.self)
            }
        }
        stream.commit(size)
    }

    /// The low `width` bits set.
    @inline(__always)
    static func mask(_ width: Int) -> UInt64 { width >= 64 ? .max : (1 &<< UInt64(width)) &- 1 }

    /// Value `index` of the values of `width` bits packed at `base`. The caller guarantees that
    /// the packed bytes plus 8 more are readable (the footer of every file provides the 8).
    @inline(__always)
    static func value(_ base: UnsafeRawPointer, at index: Int, width: Int) -> UInt64 {
        let bit = index &* width
        let byte = bit &>> 3
        let shift = bit & 7
        var value = base.loadUnaligned(fromByteOffset: byte, as: UInt64.self).littleEndian &>> UInt64(shift)
        if shift &+ width > 64 {
            value |= UInt64(base.load(fromByteOffset: byte &+ 8, as: UInt8.self)) &<< UInt64(64 &- shift)
        }
        return value & mask(width)
    }
}
