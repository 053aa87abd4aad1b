/// One numeric column of a mapped `.cols` file, or a keyword column's ordinals: each document's
/// values, read in place. Hot: filters, facets and sorts call it once per matching document.
///
/// Opening validates every block entry (offsets and widths inside the data, `min + span * gcd`
/// without overflow, keyword ordinals inside the dictionary, multi-valued starts ascending), and
/// every packed value read is clamped to its block's span, so whatever the bytes hold, reads stay
/// inside the mapping and every value inside its block's range.
struct NumericColumn: @unchecked Sendable {
    private typealias Entry = ColumnsFormat.Entry
    private typealias Flag = ColumnsFormat.Flag

    /// Keeps the mapping alive while the column points into it.
    private let file: MappedFile
    /// The first block entry.
    private let entries: UnsafeRawPointer
    /// The packed data the entries' offsets point into.
    private let data: UnsafeRawPointer
    private let shift: Int
    private let gcd: UInt64
    /// Documents in the segment.
    let count: Int
    /// The smallest value of any document, nil when no document has one.
    let minimum: Int64?
    /// The largest value of any document, nil when no document has one.
    let maximum: Int64?

    /// Reads and validates a column's blocks and data at `cursor` (moved past them), for
    /// `count` documents in blocks of `2^shift`. With `limit`, every value must be below it (a
    /// keyword column's ordinals, below its number of distinct values).
    init(file: MappedFile, cursor: inout ByteCursor, count: Int, shift: Int, gcd: UInt64, limit: Int?) throws(IndexError) {
        guard let base = file.bytes.baseAddress else { throw cursor.corrupt("no data") }
        let blocks = (count + (1 << shift) - 1) >> shift
        guard blocks <= cursor.remaining / ColumnsFormat.entrySize else {
            throw cursor.corrupt("\(blocks) column blocks past the end")
        }
        let entries = base + cursor.offset
        try cursor.skip(blocks * ColumnsFormat.entrySize)
        let dataLength = try cursor.readUInt64()
        guard dataLength <= UInt64(cursor.remaining) else { throw cursor.corrupt("column data of \(dataLength) bytes past the end") }
        let data = base + cursor.offset
        try cursor.skip(Int(dataLength))
        var minimum: Int64?
        var maximum: Int64?
        for block in 0..<blocks {
            let documents = min(count - (block << shift), 1 << shift)
            let entry = entries + block * ColumnsFormat.entrySize
            guard let range = try Self.validate(entry, documents: documents, data: data, dataLength: Int(dataLength), gcd: gcd,
                                                limit: limit, file: file.path, offset: entry - base) else { continue }
            minimum = Swift.min(minimum ?? range.lowerBound, range.lowerBound)
            maximum = Swift.max(maximum ?? range.upperBound, range.upperBound)
        }
        self.file = file
        self.entries = entries
        self.data = data
        self.shift = shift
        self.gcd = gcd
        self.count = count
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Checks one block entry (at file offset `offset`) against its data; returns the block's
    /// range, nil when it is empty.
    private static func validate(_ entry: UnsafeRawPointer, documents: Int, data: UnsafeRawPointer, dataLength: Int, gcd: UInt64,
                                 limit: Int?, file: String, offset: Int) throws(IndexError) -> ClosedRange<Int64>? {
        let flags = entry.load(fromByteOffset: Entry.flags, as: UInt8.self)
        let width = Int(entry.load(fromByteOffset: Entry.width, as: UInt8.self))
        let startsWidth = Int(entry.load(fromByteOffset: Entry.startsWidth, as: UInt8.self))
        let low = entry.loadUnaligned(fromByteOffset: Entry.minimum, as: UInt64.self).littleEndian
        let span = entry.loadUnaligned(fromByteOffset: Entry.span, as: UInt64.self).littleEndian
        let values = entry.loadUnaligned(fromByteOffset: Entry.values, as: UInt64.self).littleEndian
        let starts = entry.loadUnaligned(fromByteOffset: Entry.starts, as: UInt64.self).littleEndian
        func corrupt(_ reason: String) -> IndexError { .corrupt(file: file, reason: "column block at offset \(offset): \(reason)") }
        guard flags & ~Flag.all == 0, width <= 64, startsWidth <= 64 else {
            throw corrupt("flags \(flags), widths \(width) and \(startsWidth)")
        }
        if flags & Flag.empty != 0 {
            guard flags == Flag.empty | Flag.missing, width == 0 else { throw corrupt("an empty block with values") }
            return nil
        }
        // The largest value, min + span * gcd, must not overflow (in UInt64, wrapping).
        let (product, overflow) = span.multipliedReportingOverflow(by: gcd)
        guard !overflow, product <= UInt64(bitPattern: Int64.max) &- low else {
            throw corrupt("range \(Int64(bitPattern: low)) + \(span) * \(gcd) overflows")
        }
        let range = Int64(bitPattern: low)...Int64(bitPattern: low &+ product)
        if let limit, range.lowerBound < 0 || range.upperBound >= limit {
            throw corrupt("ordinals \(range) outside the dictionary's \(limit) values")
        }
        guard values <= UInt64(dataLength) else { throw corrupt("values at \(values), past the data") }
        var valueCount = documents
        if flags & Flag.multiValued != 0 {
            guard flags & Flag.missing == 0, starts <= UInt64(dataLength),
                  let size = WideBitPacking.byteCount(documents + 1, width: startsWidth), size <= dataLength - Int(starts) else {
                throw corrupt("starts of \(startsWidth) bits at \(starts), past the data")
            }
            let base = data + Int(starts)
            var previous: UInt64 = 0
            for i in 0...documents {
                let start = WideBitPacking.value(base, at: i, width: startsWidth)
                guard start >= previous, i > 0 || start == 0 else { throw corrupt("starts out of order at document \(i)") }
                previous = start
            }
            guard previous <= UInt64(Int.max) else { throw corrupt("\(previous) values") }
            valueCount = Int(previous)
        } else {
            guard startsWidth == 0 else { throw corrupt("starts in a single-valued block") }
        }
        guard let size = WideBitPacking.byteCount(valueCount, width: width), size <= dataLength - Int(values) else {
            throw corrupt("\(valueCount) values of \(width) bits at \(values), past the data")
        }
        return range
    }

    /// Documents per block.
    var blockSize: Int { 1 &<< shift }

    /// The number of blocks.
    var blockCount: Int { (count + blockSize - 1) >> shift }

    /// The smallest and largest value of block `block`'s documents, nil when none has a value (or
    /// there is no such block).
    func blockRange(_ block: Int) -> ClosedRange<Int64>? {
        guard block >= 0, block < blockCount else { return nil }
        let entry = entries + block * ColumnsFormat.entrySize
        guard entry.load(fromByteOffset: Entry.flags, as: UInt8.self) & Flag.empty == 0 else { return nil }
        let low = entry.loadUnaligned(fromByteOffset: Entry.minimum, as: UInt64.self).littleEndian
        let span = entry.loadUnaligned(fromByteOffset: Entry.span, as: UInt64.self).littleEndian
        return Int64(bitPattern: low)...Int64(bitPattern: low &+ span &* gcd)
    }

    /// Document `doc`'s smallest value (its sort key), nil when it has none (or is past the end).
    @inline(__always)
    func first(_ doc: Int) -> Int64? {
        guard UInt(bitPattern: doc) < UInt(bitPattern: count) else { return nil }
        let entry = entries + (doc &>> shift) &* ColumnsFormat.entrySize
        let index = doc & (blockSize &- 1)
        let flags = entry.load(fromByteOffset: Entry.flags, as: UInt8.self)
        if flags & Flag.multiValued == 0 {
            return single(entry, index: index, flags: flags)
        }
        let (start, end) = starts(entry, index: index)
        return start < end ? value(entry, at: start) : nil
    }

    /// Calls `body` with each of document `doc`'s values, ascending.
    @inline(__always)
    func forEach(_ doc: Int, _ body: (Int64) -> Void) {
        guard UInt(bitPattern: doc) < UInt(bitPattern: count) else { return }
        let entry = entries + (doc &>> shift) &* ColumnsFormat.entrySize
        let index = doc & (blockSize &- 1)
        let flags = entry.load(fromByteOffset: Entry.flags, as: UInt8.self)
        if flags & Flag.multiValued == 0 {
            if let value = single(entry, index: index, flags: flags) { body(value) }
            return
        }
        var (position, end) = starts(entry, index: index)
        while position < end {
            body(value(entry, at: position))
            position &+= 1
        }
    }

    /// The value of document `index` of a single-valued block, or nil.
    @inline(__always)
    private func single(_ entry: UnsafeRawPointer, index: Int, flags: UInt8) -> Int64? {
        let values = data + Int(truncatingIfNeeded: entry.loadUnaligned(fromByteOffset: Entry.values, as: UInt64.self).littleEndian)
        let width = Int(entry.load(fromByteOffset: Entry.width, as: UInt8.self))
        let packed = WideBitPacking.value(values, at: index, width: width)
        let missing = UInt64(flags & Flag.missing)
        guard packed >= missing else { return nil }
        return decode(entry, packed &- missing)
    }

    /// The positions of document `index`'s values in a multi-valued block.
    @inline(__always)
    private func starts(_ entry: UnsafeRawPointer, index: Int) -> (Int, Int) {
        let starts = data + Int(truncatingIfNeeded: entry.loadUnaligned(fromByteOffset: Entry.starts, as: UInt64.self).littleEndian)
        let width = Int(entry.load(fromByteOffset: Entry.startsWidth, as: UInt8.self))
        return (Int(truncatingIfNeeded: WideBitPacking.value(starts, at: index, width: width)),
                Int(truncatingIfNeeded: WideBitPacking.value(starts, at: index &+ 1, width: width)))
    }

    /// Value `position` of a multi-valued block.
    @inline(__always)
    private func value(_ entry: UnsafeRawPointer, at position: Int) -> Int64 {
        let values = data + Int(truncatingIfNeeded: entry.loadUnaligned(fromByteOffset: Entry.values, as: UInt64.self).littleEndian)
        let width = Int(entry.load(fromByteOffset: Entry.width, as: UInt8.self))
        return decode(entry, WideBitPacking.value(values, at: position, width: width))
    }

    /// `min + packed * gcd`, `packed` clamped to the block's span.
    @inline(__always)
    private func decode(_ entry: UnsafeRawPointer, _ packed: UInt64) -> Int64 {
        let low = entry.loadUnaligned(fromByteOffset: Entry.minimum, as: UInt64.self).littleEndian
        let span = entry.loadUnaligned(fromByteOffset: Entry.span, as: UInt64.self).littleEndian
        return Int64(bitPattern: low &+ Swift.min(packed, span) &* gcd)
    }
}
