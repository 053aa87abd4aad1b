/// Writes a segment's term dictionary (`.terms`): every field's terms in byte order, in blocks of
/// up to 32 entries that share prefixes, with an index of each block's first term for binary
/// search, and the per-field statistics.
///
///     terms   := block* index fields indexOffset:u64 fieldsOffset:u64
///     block   := count:vint entry{count}
///     entry   := shared:vint suffix:bytes docFreq:vint (single | several) titleOnly:vint?
///     single  := (totalTermFreq - 1):vint doc:vint positions:vint             docFreq = 1
///     several := (totalTermFreq - docFreq):vint postings:vint positions:vint maxFreq:vint minLength:vint
///     index   := blocks:u32 entryOffset:u64{blocks} (firstTerm:bytes blockOffset:vint firstOrdinal:vint){blocks}
///     fields  := count:u8 (field:u8 termCount:vint firstBlock:vint blockCount:vint docCount:vint
///                sumTotalTermFreq:vint sumDocFreq:vint){count}
///
/// `bytes` is a vint length and the bytes; `shared` counts the bytes the entry shares with the
/// previous entry of its block (0 for the first); `postings` and `positions` are file offsets,
/// as they are for a block's first entry and as the difference from the previous entry's after.
final class TermDictionaryWriter {
    static let blockSize = 32

    private let file: FileWriter
    /// The block being filled, in a cell: appending runs without exclusivity checks.
    private let block = PointerCell(ByteStream(capacity: 1 << 12))
    private var blockEntries = 0
    private var blockFirstTerm: [UInt8] = []
    private var previousTerm: [UInt8] = []
    private var previousInfo: TermInfo?
    /// The postings offset of the block's last entry that has postings (single ones have none).
    private var previousPostings = 0
    private var index: [(firstTerm: [UInt8], offset: Int, ordinal: Int)] = []
    private var fields: [(stats: FieldStatistics, firstBlock: Int, blockCount: Int)] = []
    private var fieldFirstBlock = 0
    private var fieldTerms = 0
    private var field = Field.title

    init(file: FileWriter) {
        self.file = file
    }

    func startField(_ field: Field) {
        self.field = field
        fieldFirstBlock = index.count
        fieldTerms = 0
    }

    /// Adds the next term of the current field (greater than the previous one).
    func add(_ term: UnsafeRawBufferPointer, info: TermInfo) {
        if blockEntries == 0 {
            blockFirstTerm = Array(term)
            previousTerm = []
            previousInfo = nil
            previousPostings = 0
        }
        var shared = 0
        let limit = min(previousTerm.count, term.count)
        while shared < limit && previousTerm[shared] == term[shared] { shared += 1 }
        block.value.appendVInt(shared)
        block.value.appendBytes(UnsafeRawBufferPointer(rebasing: term[shared...]))
        block.value.appendVInt(info.docFreq)
        block.value.appendVInt(info.totalTermFreq - info.docFreq)
        if info.docFreq == 1 {
            block.value.appendVInt(info.inlineDoc)
        } else {
            block.value.appendVInt(info.postingsOffset - previousPostings)
            previousPostings = info.postingsOffset
        }
        block.value.appendVInt(info.positionsOffset - (previousInfo?.positionsOffset ?? 0))
        if info.docFreq > 1 {
            block.value.appendVInt(info.maxFreq)
            block.value.appendVInt(info.minLength)
        }
        if field == .body { block.value.appendVInt(info.titleOnlyDocuments) }
        previousTerm = Array(term)
        previousInfo = info
        blockEntries += 1
        fieldTerms += 1
        if blockEntries == Self.blockSize { flushBlock() }
    }

    /// Ends the current field.
    func finishField(_ stats: FieldStatistics) {
        if blockEntries > 0 { flushBlock() }
        var stats = stats
        stats.termCount = fieldTerms
        fields.append((stats, fieldFirstBlock, index.count - fieldFirstBlock))
    }

    /// Writes the index, the field table and the trailer, and closes the file; returns its size.
    func finish() throws(IndexError) -> Int {
        let indexOffset = file.position
        file.writeUInt32(UInt32(index.count))
        var entries = ByteStream()
        var entryOffsets: [Int] = []
        let entriesStart = indexOffset + 4 + 8 * index.count
        for entry in index {
            entryOffsets.append(entriesStart + entries.count)
            entry.firstTerm.withUnsafeBytes { entries.appendBytes($0) }
            entries.appendVInt(entry.offset)
            entries.appendVInt(entry.ordinal)
        }
        for offset in entryOffsets { file.writeUInt64(UInt64(offset)) }
        file.write(entries)
        let fieldsOffset = file.position
        file.withBuffer { out in
            out.append(UInt8(fields.count))
            for (stats, firstBlock, blockCount) in fields {
                out.append(stats.field.number)
                out.appendVInt(stats.termCount)
                out.appendVInt(firstBlock)
                out.appendVInt(blockCount)
                out.appendVInt(stats.docCount)
                out.appendVInt(stats.sumTotalTermFreq)
                out.appendVInt(stats.sumDocFreq)
            }
        }
        file.writeUInt64(UInt64(indexOffset))
        file.writeUInt64(UInt64(fieldsOffset))
        return try file.finish()
    }

    private func flushBlock() {
        let ordinal = fieldTerms - blockEntries
        index.append((blockFirstTerm, file.position, ordinal))
        file.writeVInt(blockEntries)
        file.write(block.value)
        block.value.removeAll()
        blockEntries = 0
    }
}
