/// One keyword column of a mapped `.cols` file: the segment's distinct values sorted by bytes
/// (its dictionary) and each document's ordinals into it. Opening checks that the dictionary's
/// ends ascend inside its bytes and its values are distinct and sorted, and that every block's
/// ordinals are inside it.
struct KeywordColumn: @unchecked Sendable {
    /// Keeps the mapping alive while the column points into it.
    private let file: MappedFile
    /// `end:u32` of each value.
    private let ends: UnsafeRawPointer
    private let bytes: UnsafeRawPointer
    /// The number of distinct values in this segment.
    let valueCount: Int
    /// Each document's ordinals, as a numeric column.
    let ordinals: NumericColumn

    /// Reads and validates a keyword column's dictionary, blocks and data at `cursor` (moved past
    /// them), for `count` documents in blocks of `2^shift`.
    init(file: MappedFile, cursor: inout ByteCursor, count: Int, shift: Int, gcd: UInt64) throws(IndexError) {
        guard let base = file.bytes.baseAddress else { throw cursor.corrupt("no data") }
        let valueCount = Int(try cursor.readUInt32())
        guard valueCount <= cursor.remaining / 4 else { throw cursor.corrupt("\(valueCount) keyword values past the end") }
        let ends = base + cursor.offset
        try cursor.skip(valueCount * 4)
        let bytes = base + cursor.offset
        var previous = 0
        for ordinal in 0..<valueCount {
            let end = Int(ends.loadUnaligned(fromByteOffset: ordinal * 4, as: UInt32.self).littleEndian)
            guard end >= previous, end <= cursor.remaining else {
                throw cursor.corrupt("keyword value \(ordinal) ends at \(end), out of order")
            }
            if ordinal > 0 {
                let start = ordinal > 1 ? Int(ends.loadUnaligned(fromByteOffset: ordinal * 4 - 8, as: UInt32.self).littleEndian) : 0
                let before = UnsafeRawBufferPointer(start: bytes + start, count: previous - start)
                let value = UnsafeRawBufferPointer(start: bytes + previous, count: end - previous)
                guard ByteComparison.order(before, value) < 0 else {
                    throw cursor.corrupt("keyword value \(ordinal) is not after value \(ordinal - 1)")
                }
            }
            previous = end
        }
        try cursor.skip(previous)
        self.file = file
        self.ends = ends
        self.bytes = bytes
        self.valueCount = valueCount
        ordinals = try NumericColumn(file: file, cursor: &cursor, count: count, shift: shift, gcd: gcd, limit: valueCount)
    }

    /// The bytes of value `ordinal` (0 ..< valueCount).
    @inline(__always)
    func value(_ ordinal: Int) -> UnsafeRawBufferPointer {
        precondition(ordinal >= 0 && ordinal < valueCount, "ordinal \(ordinal) of \(valueCount) keyword values")
        let end = Int(ends.loadUnaligned(fromByteOffset: ordinal * 4, as: UInt32.self).littleEndian)
        let start = ordinal == 0 ? 0 : Int(ends.loadUnaligned(fromByteOffset: ordinal * 4 - 4, as: UInt32.self).littleEndian)
        return UnsafeRawBufferPointer(start: bytes + start, count: end - start)
    }

    /// The ordinal of `value`, nil when no document of the segment has it (a binary search).
    func ordinal(of value: UnsafeRawBufferPointer) -> Int? {
        var low = 0
        var high = valueCount
        while low < high {
            let middle = (low + high) / 2
            let order = ByteComparison.order(self.value(middle), value)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Document `doc`'s smallest ordinal, nil when it has no value.
    @inline(__always)
    func first(_ doc: Int) -> Int? { ordinals.first(doc).map { Int(truncatingIfNeeded: $0) } }

    /// Calls `body` with each of document `doc`'s ordinals, ascending.
    @inline(__always)
    func forEach(_ doc: Int, _ body: (Int) -> Void) { ordinals.forEach(doc) { body(Int(truncatingIfNeeded: $0)) } }
}
