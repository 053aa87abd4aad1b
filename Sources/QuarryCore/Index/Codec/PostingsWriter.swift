/// What the term dictionary records of one term of one field.
struct TermInfo: Equatable, Sendable {
    /// Documents containing the term.
    var docFreq: Int
    /// Occurrences in all documents.
    var totalTermFreq: Int
    /// Where its postings start in the `.post` file.
    var postingsOffset: Int
    /// Where its positions start in the `.pos` file.
    var positionsOffset: Int
    /// Its highest frequency in one document, and the shortest field among its documents: with
    /// them BM25 bounds the term's score in any document (MaxScore, block-max WAND). A term of one
    /// document does not record its length (0 here: the bound is then the most a document with
    /// its frequency can score).
    var maxFreq: Int
    var minLength: Int
    /// The document of a term in one document, kept in the dictionary entry itself ("pulsing"):
    /// such a term has no postings in `.post` (`postingsOffset` is 0). -1 otherwise.
    var inlineDoc: Int = -1
    /// For a body term: documents with the term in their title but not in their body, so that
    /// `docFreq + titleOnlyDocuments` counts the documents holding it in either field (what
    /// BM25F's idf needs). 0 for other fields.
    var titleOnlyDocuments: Int = 0
}

/// Postings layout constants shared by the writer and the cursor (see docs/FORMAT.md).
enum PostingsLayout {
    /// Documents per block.
    static let blockSize = PackedInts.maximumCount
    /// Bytes of one skip entry: lastDoc u32, docEnd u32, positionsEnd u64, impacts u64.
    static let skipEntrySize = 24

    /// Blocks a term of `docFreq` documents has: full blocks of 128, then a shorter tail block.
    @inline(__always)
    static func blockCount(docFreq: Int) -> Int { (docFreq + blockSize - 1) / blockSize }
}

/// Encodes the postings and positions of terms, one term at a time, documents in increasing order.
///
/// Per term, in `.post`:
///
///     postings  := skips? block+
///     skips     := skip{blocks}           only when there is more than one block
///     skip      := lastDoc:u32 docEnd:u32 positionsEnd:u64 impacts:u64
///     block     := full | tail
///     full      := ints(doc - previous - 1){128} ints(freq - 1){128}
///     tail      := ( vint((doc - previous - 1) << 1 | freq == 1) vint(freq - 2)? ){n < 128}
///
/// and in `.pos`, per block, the positions of its documents in order, each document's first
/// position as it is and the others as `gap - 1`, as `ints` runs of 128 (the last one shorter),
/// after the byte lengths of every run but the last (u16 each, none for a single run), so a
/// reader reaches a document's run without touching the runs before it. `ints` is `PackedInts`
/// (patched bit packing or varints). `docEnd` is relative to the first block, `positionsEnd` to
/// the term's first position byte; `previous` starts at -1. `impacts` is the block's
/// `BlockImpacts`: its competitive (frequency, field length) pairs, which bound its scores.
///
/// A term of one document writes nothing to `.post`: its document goes in the dictionary entry.
/// Fields without positions (the id field) write nothing to `.pos`.
///
/// A noncopyable struct, so its per-posting work runs without dynamic exclusivity checks.
struct PostingsWriter: ~Copyable {
    private let postings: FileWriter
    private let positions: FileWriter
    private var blocks = ByteStream(capacity: 1 << 16)
    private var skips = ByteStream(capacity: 1 << 12)
    private var positionChunk = ByteStream(capacity: 1 << 16)
    private var positionTable = ByteStream(capacity: 1 << 10)
    private let docDeltas = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsLayout.blockSize)
    private let freqs = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsLayout.blockSize)
    private let lengths = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsLayout.blockSize)
    private var positionValues = GrowableBuffer<UInt32>(capacity: 1 << 12)
    private var inBlock = 0
    private var lastDoc: Int64 = -1
    private var blockLastDoc: Int64 = -1
    private var blockMaxFreq = 0
    private var blockMinLength = Int.max
    // The term being written.
    private var docFreq = 0
    private var totalTermFreq = 0
    private var maxFreq = 0
    private var minLength = Int.max
    private var positionsStart = 0
    private var positionsWritten = 0
    /// Whether positions are written (off for the id field).
    var recordsPositions = true

    init(postings: FileWriter, positions: FileWriter) {
        self.postings = postings
        self.positions = positions
    }

    deinit {
        docDeltas.deallocate()
        freqs.deallocate()
        lengths.deallocate()
    }

    mutating func startTerm() {
        blocks.removeAll()
        skips.removeAll()
        inBlock = 0
        lastDoc = -1
        docFreq = 0
        totalTermFreq = 0
        maxFreq = 0
        minLength = Int.max
        blockMaxFreq = 0
        blockMinLength = Int.max
        positionsStart = positions.position
        positionsWritten = 0
    }

    /// Adds one document of the term: its id (greater than the last), its positions in
    /// increasing order, and its field length.
    @inline(__always)
    mutating func addDocument(_ doc: UInt32, positions docPositions: UnsafeBufferPointer<UInt32>, length: Int) {
        let freq = docPositions.count
        assert(Int64(doc) > lastDoc && freq > 0)
        docDeltas[inBlock] = UInt32(truncatingIfNeeded: Int64(doc) - lastDoc - 1)
        freqs[inBlock] = UInt32(freq)
        lengths[inBlock] = UInt32(clamping: length)
        lastDoc = Int64(doc)
        if recordsPositions {
            var previous: UInt32 = 0
            for (i, position) in docPositions.enumerated() {
                positionValues.append(i == 0 ? position : position - previous - 1)
                previous = position
            }
        }
        inBlock += 1
        docFreq += 1
        totalTermFreq += freq
        blockMaxFreq = max(blockMaxFreq, freq)
        blockMinLength = min(blockMinLength, length)
        if inBlock == PostingsLayout.blockSize { finishBlock() }
    }

    /// Ends the term: writes its skips and blocks; returns what the dictionary records.
    mutating func finishTerm() -> TermInfo {
        if inBlock > 0 { finishBlock() }
        let postingsOffset = postings.position
        if docFreq == 1 {
            return TermInfo(docFreq: 1, totalTermFreq: totalTermFreq, postingsOffset: 0,
                            positionsOffset: positionsStart, maxFreq: totalTermFreq, minLength: 0, inlineDoc: Int(lastDoc))
        }
        if PostingsLayout.blockCount(docFreq: docFreq) > 1 { postings.write(skips.bytes) }
        postings.write(blocks.bytes)
        return TermInfo(docFreq: docFreq, totalTermFreq: totalTermFreq, postingsOffset: postingsOffset,
                        positionsOffset: positionsStart, maxFreq: maxFreq, minLength: minLength)
    }

    private mutating func finishBlock() {
        let impacts = BlockImpacts(frequencies: freqs, lengths: lengths, count: inBlock)
        if inBlock == PostingsLayout.blockSize {
            PackedInts.append(docDeltas, count: inBlock, to: &blocks)
            for i in 0..<inBlock { freqs[i] -= 1 }
            PackedInts.append(freqs, count: inBlock, to: &blocks)
        } else {
            for i in 0..<inBlock {
                let delta = UInt64(docDeltas[i])
                if freqs[i] == 1 {
                    blocks.appendVInt(delta << 1 | 1)
                } else {
                    blocks.appendVInt(delta << 1)
                    blocks.appendVInt(UInt64(freqs[i] - 2))
                }
            }
        }
        if recordsPositions { writePositions() }
        skips.appendUInt32(UInt32(truncatingIfNeeded: lastDoc))
        skips.appendUInt32(UInt32(blocks.count))
        skips.appendUInt64(UInt64(positionsWritten))
        skips.appendUInt64(impacts.raw)
        maxFreq = max(maxFreq, blockMaxFreq)
        minLength = min(minLength, blockMinLength)
        blockMaxFreq = 0
        blockMinLength = Int.max
        inBlock = 0
    }

    private mutating func writePositions() {
        positionChunk.removeAll()
        positionTable.removeAll()
        let values = positionValues.elements
        var start = 0
        while start < values.count {
            let count = min(PackedInts.maximumCount, values.count - start)
            let before = positionChunk.count
            PackedInts.append(values.baseAddress! + start, count: count, to: &positionChunk)
            start += count
            // A run of 128 takes at most 2 + 512 + 128 * 6 bytes: its length fits 16 bits.
            if start < values.count { positionTable.appendUInt16(UInt16(positionChunk.count - before)) }
        }
        positions.write(positionTable.bytes)
        positions.write(positionChunk.bytes)
        positionsWritten += positionTable.count + positionChunk.count
        positionValues.removeAll()
    }
}
