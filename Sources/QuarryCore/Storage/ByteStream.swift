/// A growable in-memory byte buffer with the encodings index files use: little-endian fixed-width
/// integers and LEB128 variable-length integers ("vints").
struct ByteStream: ~Copyable {
    private(set) var buffer: GrowableBuffer<UInt8>

    init(capacity: Int = 4096) {
        buffer = GrowableBuffer(capacity: capacity)
    }

    var count: Int { buffer.count }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffer.elements) }

    mutating func removeAll() { buffer.removeAll() }

    @inline(__always)
    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    mutating func appendUInt16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    @inline(__always)
    mutating func appendUInt32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    @inline(__always)
    mutating func appendUInt64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    @inline(__always)
    mutating func appendVInt(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(v))
    }

    @inline(__always)
    mutating func appendVInt(_ value: Int) { appendVInt(UInt64(value)) }

    /// A length-prefixed byte string.
    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        appendVInt(bytes.count)
        append(bytes)
    }

    /// A length-prefixed UTF-8 string.
    mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    /// Room for `count` more bytes, to be filled through the pointer and then `commit`ted.
    mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if buffer.count + count > buffer.capacity { buffer.grow(to: buffer.count + count) }
        return buffer.base + buffer.count
    }

    /// Marks `count` reserved bytes as written.
    mutating func commit(_ count: Int) { buffer.advance(by: count) }
}
