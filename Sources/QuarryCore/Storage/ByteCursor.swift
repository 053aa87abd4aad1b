/// Reads the encodings of `ByteStream` from a range of a mapped file, checking every read against
/// the range: corrupt data gives `IndexError.corrupt` naming the file, never an out-of-bounds read.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    /// The file the bytes come from, for error messages.
    let file: String
    private(set) var offset: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, file: String) {
        self.bytes = bytes
        self.file = file
        offset = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { offset >= end }
    var remaining: Int { end - offset }

    func corrupt(_ reason: String) -> IndexError {
        .corrupt(file: file, reason: "\(reason) at offset \(offset)")
    }

    mutating func seek(to position: Int) throws(IndexError) {
        guard position >= 0 && position <= end else { throw corrupt("offset \(position) outside the data") }
        offset = position
    }

    mutating func skip(_ count: Int) throws(IndexError) {
        guard count >= 0 && count <= remaining else { throw corrupt("skip of \(count) bytes past the end") }
        offset += count
    }

    @inline(__always)
    mutating func readByte() throws(IndexError) -> UInt8 {
        guard offset < end else { throw corrupt("unexpected end of data") }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always)
    mutating func readUInt32() throws(IndexError) -> UInt32 {
        guard remaining >= 4 else { throw corrupt("unexpected end of data") }
        defer { offset += 4 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }

    @inline(__always)
    mutating func readUInt64() throws(IndexError) -> UInt64 {
        guard remaining >= 8 else { throw corrupt("unexpected end of data") }
        defer { offset += 8 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    @inline(__always)
    mutating func readVInt() throws(IndexError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw corrupt("unexpected end of data in a vint") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw corrupt("vint longer than 64 bits") }
        }
    }

    /// A vint that must be at most `limit` (a count, a length, an offset).
    @inline(__always)
    mutating func readInt(atMost limit: Int) throws(IndexError) -> Int {
        let value = try readVInt()
        guard value <= UInt64(limit) else { throw corrupt("value \(value) exceeds \(limit)") }
        return Int(value)
    }

    /// A length-prefixed byte range of the underlying buffer.
    mutating func readBytes() throws(IndexError) -> UnsafeRawBufferPointer {
        let length = try readVInt()
        // Bounded by what remains after the length itself.
        guard length <= UInt64(remaining) else { throw corrupt("a length of \(length) bytes past the end") }
        let count = Int(length)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    /// A length-prefixed UTF-8 string.
    mutating func readString() throws(IndexError) -> String {
        String(decoding: try readBytes(), as: UTF8.self)
    }

    /// The next `count` bytes.
    mutating func readRaw(_ count: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        guard count >= 0 && count <= remaining else { throw corrupt("\(count) bytes past the end") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }
}
