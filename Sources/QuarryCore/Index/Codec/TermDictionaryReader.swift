/// Reads a term dictionary written by `TermDictionaryWriter`, in place in the mapped file:
/// exact lookups by binary search over the block index then a scan of one block, and ordered
/// iteration over a field's terms (all of them, or those with a prefix).
final class TermDictionaryReader: @unchecked Sendable {
    let file: MappedFile
    private let body: Range<Int>
    private let indexOffset: Int
    private let blockCount: Int
    /// Per field: statistics and its range of blocks.
    let fields: [Field: (stats: FieldStatistics, blocks: Range<Int>)]

    /// No segment holds more postings or occurrences in a field than this (2^48: far beyond
    /// 2^32 documents of 2^16 tokens), so summing the statistics of any number of segments
    /// cannot overflow.
    static let occurrenceLimit = 1 << 48

    init(file: MappedFile, segment: SegmentID, verifyChecksum: Bool) throws(IndexError) {
        self.file = file
        body = try FileFormat.validate(file, kind: .terms, segment: segment, verifyChecksum: verifyChecksum)
        guard body.count >= 16 else { throw .corrupt(file: file.path, reason: "no trailer") }
        var trailer = ByteCursor(file.bytes, range: (body.upperBound - 16)..<body.upperBound, file: file.path)
        let indexOffset = Int(truncatingIfNeeded: try trailer.readUInt64())
        let fieldsOffset = Int(truncatingIfNeeded: try trailer.readUInt64())
        // Compared without adding to the offsets, which can be anything in a damaged file.
        guard fieldsOffset >= body.lowerBound + 4, fieldsOffset <= body.upperBound - 16,
              indexOffset >= body.lowerBound, indexOffset <= fieldsOffset - 4 else {
            throw .corrupt(file: file.path, reason: "trailer offsets \(indexOffset), \(fieldsOffset) out of range")
        }
        self.indexOffset = indexOffset
        var index = ByteCursor(file.bytes, range: indexOffset..<fieldsOffset, file: file.path)
        blockCount = Int(try index.readUInt32())
        guard indexOffset + 4 + 8 * blockCount <= fieldsOffset else {
            throw .corrupt(file: file.path, reason: "block index of \(blockCount) entries overruns")
        }
        var cursor = ByteCursor(file.bytes, range: fieldsOffset..<(body.upperBound - 16), file: file.path)
        let fieldCount = Int(try cursor.readByte())
        var fields: [Field: (stats: FieldStatistics, blocks: Range<Int>)] = [:]
        for _ in 0..<fieldCount {
            let field = Field(number: try cursor.readByte())
            let termCount = try cursor.readInt(atMost: Int(Int32.max))
            let firstBlock = try cursor.readInt(atMost: blockCount)
            let blocks = try cursor.readInt(atMost: blockCount - firstBlock)
            let docCount = try cursor.readInt(atMost: Int(Int32.max))
            let sumTotalTermFreq = try cursor.readInt(atMost: Self.occurrenceLimit)
            let sumDocFreq = try cursor.readInt(atMost: Self.occurrenceLimit)
            fields[field] = (FieldStatistics(field: field, termCount: termCount, docCount: docCount,
                                             sumTotalTermFreq: sumTotalTermFreq, sumDocFreq: sumDocFreq),
                             firstBlock..<(firstBlock + blocks))
        }
        self.fields = fields
    }

    /// Statistics of `field` (zeros when the segment has none of it).
    func statistics(_ field: Field) -> FieldStatistics {
        fields[field]?.stats ?? FieldStatistics(field: field, termCount: 0, docCount: 0, sumTotalTermFreq: 0, sumDocFreq: 0)
    }

    /// The entry of `term` in `field`, or nil.
    func lookup(_ term: UnsafeRawBufferPointer, in field: Field) throws(IndexError) -> TermInfo? {
        guard let blocks = fields[field]?.blocks, !blocks.isEmpty else { return nil }
        // The last block whose first term is <= term.
        var low = blocks.lowerBound
        var high = blocks.upperBound - 1
        if try compare(firstTerm(ofBlock: low), term) > 0 { return nil }
        while low < high {
            let middle = (low + high + 1) / 2
            if try compare(firstTerm(ofBlock: middle), term) <= 0 { low = middle } else { high = middle - 1 }
        }
        // Scan the block comparing incrementally, so no entry's text is ever rebuilt.
        var cursor = ByteCursor(file.bytes, range: try block(low).offset..<dataEnd, file: file.path)
        let count = try cursor.readInt(atMost: TermDictionaryWriter.blockSize)
        var comparison = EntryComparison()
        var previous = TermEntryState()
        for _ in 0..<count {
            let shared = try cursor.readInt(atMost: Int(UInt16.max))
            let suffix = try cursor.readBytes()
            let info = try previous.read(&cursor, field: field)
            switch comparison.place(shared: shared, suffix: suffix, against: term) {
            case .before: continue
            case .at: return info
            case .after: return nil
            }
        }
        return nil
    }

    /// Iterates every term of `field` in order.
    func terms(in field: Field) throws(IndexError) -> TermIterator {
        try TermIterator(dictionary: self, field: field, blocks: fields[field]?.blocks ?? 0..<0)
    }

    /// Iterates the terms of `field` that start with `prefix`, in order.
    func terms(in field: Field, withPrefix prefix: UnsafeRawBufferPointer) throws(IndexError) -> TermIterator {
        guard let blocks = fields[field]?.blocks, !blocks.isEmpty else { return try TermIterator(dictionary: self, field: field, blocks: 0..<0) }
        // The last block whose first term is < prefix may hold the first match.
        var low = blocks.lowerBound
        var high = blocks.upperBound - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if try compare(firstTerm(ofBlock: middle), prefix) < 0 { low = middle } else { high = middle - 1 }
        }
        var iterator = try TermIterator(dictionary: self, field: field, blocks: low..<blocks.upperBound)
        iterator.prefix = Array(prefix)
        return iterator
    }

    /// Byte-wise order of two terms.
    @inline(__always)
    func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int { ByteComparison.order(a, b) }

    /// The file offset of block `i`'s index entry.
    private func indexEntry(_ i: Int) throws(IndexError) -> ByteCursor {
        guard i >= 0 && i < blockCount else { throw .corrupt(file: file.path, reason: "block \(i) of \(blockCount)") }
        let offset = Int(truncatingIfNeeded: file.bytes.loadUnaligned(fromByteOffset: indexOffset + 4 + 8 * i, as: UInt64.self).littleEndian)
        guard offset >= indexOffset, offset < body.upperBound else {
            throw .corrupt(file: file.path, reason: "block index entry \(i) at \(offset) out of range")
        }
        return ByteCursor(file.bytes, range: offset..<body.upperBound, file: file.path)
    }

    func firstTerm(ofBlock i: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        var entry = try indexEntry(i)
        return try entry.readBytes()
    }

    /// Block `i`'s file offset and the ordinal of its first term.
    func block(_ i: Int) throws(IndexError) -> (offset: Int, ordinal: Int) {
        var entry = try indexEntry(i)
        _ = try entry.readBytes()
        let offset = try entry.readInt(atMost: indexOffset)
        guard offset >= body.lowerBound else { throw entry.corrupt("block offset \(offset) before the data") }
        return (offset, try entry.readInt(atMost: Int(Int32.max)))
    }

    var dataEnd: Int { indexOffset }
}

/// Walks the terms of a range of blocks in order, rebuilding each term from its shared prefix.
struct TermIterator {
    private let dictionary: TermDictionaryReader
    private let field: Field
    private let blocks: Range<Int>
    private var nextBlock: Int
    private var cursor: ByteCursor
    private var remainingInBlock = 0
    private var info = TermInfo(docFreq: 0, totalTermFreq: 0, postingsOffset: 0, positionsOffset: 0, maxFreq: 0, minLength: 0)
    private var term: [UInt8] = []
    private var previous = TermEntryState()
    /// Only terms with this prefix (the walk stops after the last of them).
    var prefix: [UInt8]?
    /// The ordinal (rank in its field) of the term last returned.
    private(set) var ordinal = -1
    /// Terms before this are passed over (set by `skip(pastPrefix:)`).
    private var lowerBound: [UInt8]?

    init(dictionary: TermDictionaryReader, field: Field, blocks: Range<Int>) throws(IndexError) {
        self.dictionary = dictionary
        self.field = field
        self.blocks = blocks
        nextBlock = blocks.lowerBound
        cursor = ByteCursor(dictionary.file.bytes, range: 0..<0, file: dictionary.file.path)
    }

    /// The next term and its entry, or nil at the end. The term is the iterator's own buffer,
    /// returned as a value (not a pointer into it that would outlive the access): while the caller
    /// keeps it, the next call rebuilds the term in a copy.
    mutating func next() throws(IndexError) -> (term: [UInt8], info: TermInfo)? {
        guard try moveToNext() else { return nil }
        return (term, info)
    }

    /// Moves to the next term (the one `next()` would return) without handing out a copy of it,
    /// so the iterator's buffer is rebuilt in place: read it with `withCurrentTerm`, its entry
    /// with `currentInfo`. False at the end.
    mutating func moveToNext() throws(IndexError) -> Bool {
        while true {
            if let bound = lowerBound {
                lowerBound = nil
                guard try advance(toAtLeast: bound) else { return false }
            } else {
                guard try advance() else { return false }
            }
            if let prefix {
                if term.count >= prefix.count, Self.order(term[..<prefix.count], prefix) == 0 { return true }
                if Self.order(term[...], prefix) < 0 { continue }
                return false
            }
            return true
        }
    }

    /// The entry of the term `moveToNext()` moved to.
    var currentInfo: TermInfo { info }

    /// Runs `body` on the bytes of the term `moveToNext()` moved to (valid during the call).
    func withCurrentTerm<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        term.withUnsafeBufferPointer(body)
    }

    private static func order(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in ByteComparison.order(a, b) } }
    }

    /// Passes over every later term that starts with `prefix`: the next call to `next()`
    /// returns the first term after them, reached through the block index when it lies beyond
    /// the current block (so a walk that rules out a prefix does not read what follows it).
    mutating func skip(pastPrefix prefix: some Collection<UInt8>) throws(IndexError) {
        // The smallest string after every extension of `prefix`.
        var bound = Array(prefix)
        while bound.last == 0xFF { bound.removeLast() }
        guard !bound.isEmpty else {
            nextBlock = blocks.upperBound
            remainingInBlock = 0
            return
        }
        bound[bound.count - 1] += 1
        try seek(atLeast: bound)
    }

    /// Passes over every later term before `bound`: the next call to `next()` returns the first
    /// term at or after it (never an earlier one than `next()` would have), reached through the
    /// block index when it lies beyond the current block.
    mutating func seek(atLeast bound: [UInt8]) throws(IndexError) {
        lowerBound = bound
        // Jump to the last later block whose first term is at most the bound, if any.
        let later = bound.withUnsafeBytes { raw in
            Result { () throws(IndexError) -> Int? in
                guard nextBlock < blocks.upperBound,
                      dictionary.compare(try dictionary.firstTerm(ofBlock: nextBlock), raw) <= 0 else { return nil }
                var low = nextBlock
                var high = blocks.upperBound - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if dictionary.compare(try dictionary.firstTerm(ofBlock: middle), raw) <= 0 { low = middle } else { high = middle - 1 }
                }
                return low
            }
        }
        if let block = try later.get() {
            nextBlock = block
            remainingInBlock = 0
        }
    }

    /// Moves to the first entry of the next block; false after the last.
    private mutating func startBlock() throws(IndexError) -> Bool {
        guard nextBlock < blocks.upperBound else { return false }
        let (offset, firstOrdinal) = try dictionary.block(nextBlock)
        cursor = ByteCursor(dictionary.file.bytes, range: offset..<dictionary.dataEnd, file: dictionary.file.path)
        remainingInBlock = try cursor.readInt(atMost: TermDictionaryWriter.blockSize)
        guard remainingInBlock > 0 else { throw cursor.corrupt("empty term block") }
        ordinal = firstOrdinal - 1
        nextBlock += 1
        term.removeAll(keepingCapacity: true)
        previous = TermEntryState()
        return true
    }

    /// Moves to the first later entry at or after `bound`. The entries passed are compared with
    /// `bound` as they are read (`EntryComparison`, as `lookup` scans a block), never rebuilt, and
    /// only their offsets decoded; the entry landed on is `bound`'s first `shared` bytes and its
    /// suffix.
    private mutating func advance(toAtLeast bound: [UInt8]) throws(IndexError) -> Bool {
        if remainingInBlock > 0, Self.order(term[...], bound) >= 0 { return try advance() }
        var comparison = EntryComparison(after: term, before: bound)
        var previousLength = term.count
        while true {
            if remainingInBlock == 0 {
                guard try startBlock() else { return false }
                comparison = EntryComparison()
                previousLength = 0
            }
            let shared = try cursor.readInt(atMost: previousLength)
            let suffix = try cursor.readBytes()
            remainingInBlock -= 1
            ordinal += 1
            previousLength = shared + suffix.count
            guard comparison.place(shared: shared, suffix: suffix, against: bound) != .before else {
                try previous.pass(&cursor, field: field)
                continue
            }
            info = try previous.read(&cursor, field: field)
            term.removeAll(keepingCapacity: true)
            term.append(contentsOf: bound[..<shared])
            appendToTerm(suffix)
            return true
        }
    }

    private mutating func advance() throws(IndexError) -> Bool {
        if remainingInBlock == 0 {
            guard try startBlock() else { return false }
        }
        let shared = try cursor.readInt(atMost: term.count)
        term.removeLast(term.count - shared)
        appendToTerm(try cursor.readBytes())
        info = try previous.read(&cursor, field: field)
        remainingInBlock -= 1
        ordinal += 1
        return true
    }

    /// Appends an entry's suffix to the term (as typed bytes, so the append is one copy).
    @inline(__always)
    private mutating func appendToTerm(_ suffix: UnsafeRawBufferPointer) {
        term.append(contentsOf: UnsafeBufferPointer(start: suffix.baseAddress?.assumingMemoryBound(to: UInt8.self), count: suffix.count))
    }
}

/// Where a block's entries lie against a term sought, compared as they are read, never rebuilt:
/// `common` is how many leading bytes the entry before shares with the term, which that entry
/// precedes, so an entry sharing more with it precedes the term too, one sharing less follows
/// it, and only one sharing exactly that much has its suffix compared.
struct EntryComparison {
    enum Place { case before, at, after }

    private var common = 0

    /// Before a block's first entry.
    init() {}

    /// After `entry`, a term that precedes `term`.
    init(after entry: [UInt8], before term: [UInt8]) {
        while common < entry.count, common < term.count, entry[common] == term[common] { common += 1 }
    }

    /// Where the next entry (its first `shared` bytes the entry before's, then `suffix`) lies
    /// against `term`.
    @inline(__always)
    mutating func place<Term: RandomAccessCollection<UInt8>>(shared: Int, suffix: UnsafeRawBufferPointer,
                                                            against term: Term) -> Place where Term.Index == Int {
        if shared > common { return .before }
        if shared < common { return .after }
        var matched = 0
        while matched < suffix.count, common + matched < term.count, suffix[matched] == term[term.startIndex + common + matched] { matched += 1 }
        if matched == suffix.count {
            if common + matched == term.count { return .at }
        } else if common + matched == term.count || suffix[matched] > term[term.startIndex + common + matched] {
            return .after
        }
        common += matched
        return .before
    }
}

/// What decoding an entry needs from the entries before it in its block: the offsets its own
/// are relative to.
struct TermEntryState {
    private var positions = 0
    private var postings = 0

    /// Reads the rest of an entry (after its term) and returns its dictionary data.
    @inline(__always)
    mutating func read(_ cursor: inout ByteCursor, field: Field) throws(IndexError) -> TermInfo {
        let docFreq = try cursor.readInt(atMost: Int(Int32.max))
        guard docFreq > 0 else { throw cursor.corrupt("term of no documents") }
        let extra = try cursor.readInt(atMost: Int(Int32.max))
        var info: TermInfo
        if docFreq == 1 {
            let doc = try cursor.readInt(atMost: Int(Int32.max))
            positions += try cursor.readInt(atMost: Int.max - positions)
            info = TermInfo(docFreq: 1, totalTermFreq: 1 + extra, postingsOffset: 0, positionsOffset: positions,
                            maxFreq: 1 + extra, minLength: 0, inlineDoc: doc)
        } else {
            postings += try cursor.readInt(atMost: Int.max - postings)
            positions += try cursor.readInt(atMost: Int.max - positions)
            info = TermInfo(docFreq: docFreq, totalTermFreq: docFreq + extra, postingsOffset: postings,
                            positionsOffset: positions, maxFreq: try cursor.readInt(atMost: Int.max),
                            minLength: try cursor.readInt(atMost: Int.max))
        }
        if field == .body { info.titleOnlyDocuments = try cursor.readInt(atMost: Int(Int32.max)) }
        return info
    }

    /// Reads past the rest of an entry (after its term), as `read` does but keeping only what
    /// the entries after it need: its offsets.
    @inline(__always)
    mutating func pass(_ cursor: inout ByteCursor, field: Field) throws(IndexError) {
        let docFreq = try cursor.readVInt()
        guard docFreq > 0 else { throw cursor.corrupt("term of no documents") }
        _ = try cursor.readVInt()
        if docFreq == 1 {
            _ = try cursor.readVInt()
        } else {
            postings += try cursor.readInt(atMost: Int.max - postings)
        }
        positions += try cursor.readInt(atMost: Int.max - positions)
        if docFreq > 1 {
            _ = try cursor.readVInt()
            _ = try cursor.readVInt()
        }
        if field == .body { _ = try cursor.readVInt() }
    }
}
