/// Memory for the postings being built: many growing byte streams (two per term) in large
/// shared blocks, instead of one allocation per term.
///
/// A stream is a chain of slices of growing size (8, 16, 32 ... 8192 bytes); the last 4 bytes
/// of a full slice hold the address of the next. Rare terms, the great majority, take 8 bytes
/// per stream; frequent ones grow geometrically. Addresses are 32-bit offsets into the pool.
struct ByteSlicePool: ~Copyable {
    static let blockShift = 18
    static let blockSize = 1 << blockShift
    /// Slices of level n take `8 << n` bytes, up to 8 KB.
    static let maximumLevel: UInt8 = 10

    private var blocks: [UnsafeMutablePointer<UInt8>] = []
    private var used = ByteSlicePool.blockSize

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// Bytes allocated.
    var memoryBytes: Int { blocks.count * Self.blockSize }

    @inline(__always)
    static func size(ofLevel level: UInt8) -> Int { 8 << Int(level) }

    /// A new slice of `level`: its address.
    @inline(__always)
    mutating func allocate(level: UInt8) -> UInt32 {
        let size = Self.size(ofLevel: level)
        if used + size > Self.blockSize {
            precondition(blocks.count < 1 << (32 - Self.blockShift), "postings memory beyond 4 GB in one segment")
            blocks.append(.allocate(capacity: Self.blockSize))
            used = 0
        }
        let address = UInt32((blocks.count - 1) << Self.blockShift | used)
        used += size
        return address
    }

    @inline(__always)
    func pointer(_ address: UInt32) -> UnsafeMutablePointer<UInt8> {
        blocks[Int(address >> UInt32(Self.blockShift))] + Int(address & UInt32(Self.blockSize - 1))
    }

    /// Appends a vint to `stream`, chaining a new slice when the current one is full.
    @inline(__always)
    mutating func appendVInt(_ value: UInt32, to stream: inout SliceStream) {
        if value < 0x80 && stream.write != stream.end {
            pointer(stream.write).pointee = UInt8(truncatingIfNeeded: value)
            stream.write += 1
            return
        }
        appendLongVInt(value, to: &stream)
    }

    private mutating func appendLongVInt(_ value: UInt32, to stream: inout SliceStream) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80, to: &stream)
            v >>= 7
        }
        append(UInt8(v), to: &stream)
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8, to stream: inout SliceStream) {
        if stream.write == stream.end {
            let level = min(stream.level + 1, Self.maximumLevel)
            let next = allocate(level: level)
            UnsafeMutableRawPointer(pointer(stream.end)).storeBytes(of: next, as: UInt32.self)
            stream.write = next
            stream.end = next + UInt32(Self.size(ofLevel: level) - 4)
            stream.level = level
        }
        pointer(stream.write).pointee = byte
        stream.write += 1
    }

    /// A new empty stream.
    @inline(__always)
    mutating func makeStream() -> SliceStream {
        let start = allocate(level: 0)
        return SliceStream(start: start, write: start, end: start + UInt32(Self.size(ofLevel: 0) - 4), level: 0)
    }
}

/// Where a stream in a `ByteSlicePool` starts, where its next byte goes, and where its current
/// slice's forward address sits.
struct SliceStream {
    var start: UInt32
    var write: UInt32
    var end: UInt32
    var level: UInt8
}

/// Reads a stream back from the pool, following its slices.
struct SliceReader {
    private var address: UInt32
    private var end: UInt32
    private var level: UInt8 = 0
    private let limit: UInt32

    init(_ stream: SliceStream) {
        address = stream.start
        end = stream.start + UInt32(ByteSlicePool.size(ofLevel: 0) - 4)
        limit = stream.write
    }

    var isAtEnd: Bool { address == limit }

    @inline(__always)
    mutating func readVInt(_ pool: borrowing ByteSlicePool) -> UInt32 {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            if address == end {
                address = UnsafeRawPointer(pool.pointer(end)).load(as: UInt32.self)
                level = min(level + 1, ByteSlicePool.maximumLevel)
                end = address + UInt32(ByteSlicePool.size(ofLevel: level) - 4)
            }
            let byte = pool.pointer(address).pointee
            address += 1
            result |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }
}
