/// Reads one term's postings (the layout `PostingsWriter` writes) from the mapped `.post` and
/// `.pos` files: documents in increasing order, their frequencies and, on demand, positions.
///
/// Blocks decode 128 documents at a time; `advance(to:)` jumps over whole blocks with the skip
/// entries, and the skip entries also give each block's largest frequency and shortest field for
/// block-max pruning. Every offset and value is checked against the file: on corrupt data the
/// cursor stops (`doc` becomes `noMoreDocs`) and records the problem in `corruption`, which
/// searches check at the end, so a damaged index gives an error, never a crash.
final class PostingsCursor {
    static let noMoreDocs = UInt32.max

    let info: TermInfo
    /// Keep the mappings alive while the cursor points into them.
    private let postingsMapping: MappedFile
    private let positionsMapping: MappedFile
    private let postings: UnsafeRawBufferPointer
    private let positionsFile: UnsafeRawBufferPointer
    private let postingsPath: String
    private let positionsPath: String
    private let documentCount: UInt32
    private let blockCount: Int
    private let skipStart: Int
    /// The bound of a term of one block, from its dictionary entry.
    private let wholeList: BlockImpacts
    private let blocksStart: Int
    /// Where data may end: the start of the footer.
    private let postingsLimit: Int
    private let positionsLimit: Int

    /// The current block's documents and frequencies, in one 1 KB allocation (with
    /// `positionStarts` too it would pass the largest size malloc serves from its thread cache).
    private let blockMemory: UnsafeMutableRawPointer
    private let docs: UnsafeMutablePointer<UInt32>
    private let freqs: UnsafeMutablePointer<UInt32>
    private var block = -1
    private var count = 0
    private var index = 0
    /// The current document, or `noMoreDocs`.
    private(set) var doc: UInt32 = 0
    /// Set when the data turned out corrupt.
    private(set) var corruption: IndexError?

    // Positions of the current block, decoded lazily a chunk of 128 values at a time: only the
    // chunks holding the positions asked for are unpacked (phrase queries touch few documents
    // of a block).
    private var positionsBlock = -1
    /// Where each document's values start among the block's (prefix sums of the frequencies).
    private let positionStarts = UnsafeMutablePointer<Int>.allocate(capacity: PostingsLayout.blockSize + 1)
    /// The block's values and chunks decoded so far, in a cell: the positions loops reach them
    /// without run-time exclusivity checks.
    private let decoded = PointerCell(BlockPositions())
    /// Where the block's table of chunk lengths starts.
    private var chunkTable = 0
    private var positionsEnd = 0
    /// The document (index in the block) whose values were last made absolute in place.
    private var convertedDocument = -1

    /// A cursor before the first document; call `next()` or `advance(to:)`.
    init(info: TermInfo, postings: MappedFile, positions: MappedFile, documentCount: Int) {
        self.info = info
        postingsMapping = postings
        positionsMapping = positions
        self.postings = postings.bytes
        positionsFile = positions.bytes
        postingsPath = postings.path
        positionsPath = positions.path
        self.documentCount = UInt32(clamping: documentCount)
        blockCount = PostingsLayout.blockCount(docFreq: info.docFreq)
        skipStart = info.postingsOffset
        wholeList = BlockImpacts(maxFrequency: info.maxFreq, minLength: info.minLength)
        // Wrapping: an offset read from a damaged dictionary can be anything; the checks below
        // reject any sum that wrapped (the offset itself must lie in the file first).
        blocksStart = info.postingsOffset &+ (blockCount > 1 ? blockCount * PostingsLayout.skipEntrySize : 0)
        postingsLimit = postings.bytes.count - FileFormat.footerSize
        positionsLimit = positions.bytes.count - FileFormat.footerSize
        let blockSize = PostingsLayout.blockSize
        blockMemory = .allocate(byteCount: 8 * blockSize, alignment: MemoryLayout<UInt32>.alignment)
        docs = blockMemory.bindMemory(to: UInt32.self, capacity: blockSize)
        freqs = (blockMemory + 4 * blockSize).bindMemory(to: UInt32.self, capacity: blockSize)
        if info.docFreq == 1 {
            if info.inlineDoc < 0 || info.inlineDoc >= documentCount || info.totalTermFreq < 1
                || info.positionsOffset < FileFormat.headerSize || info.positionsOffset > positionsLimit {
                fail(.corrupt(file: postingsPath, reason: "single-document term of document \(info.inlineDoc) out of range"))
            }
        } else if info.docFreq <= 0 || info.postingsOffset < FileFormat.headerSize || info.postingsOffset > postingsLimit
            || blocksStart > postingsLimit || info.positionsOffset < FileFormat.headerSize || info.positionsOffset > positionsLimit {
            fail(.corrupt(file: postingsPath, reason: "term postings at \(info.postingsOffset) outside the file"))
        } else if blockCount > 1, Int(skipDocEnd(blockCount - 1)) + blocksStart > postingsLimit {
            fail(.corrupt(file: postingsPath, reason: "term blocks at \(blocksStart) run past the end"))
        }
    }

    deinit {
        blockMemory.deallocate()
        positionStarts.deallocate()
    }

    /// The current document's frequency.
    @inline(__always)
    var freq: Int { Int(freqs[index]) }

    /// Moves to the next document; returns it, or `noMoreDocs`.
    @inline(__always)
    @discardableResult
    func next() -> UInt32 {
        if doc == Self.noMoreDocs { return doc }
        index += 1
        if index >= count {
            guard block + 1 < blockCount, loadBlock(block + 1) else { return finish() }
        }
        doc = docs[index]
        return doc
    }

    /// Moves to the first document at or after `target`; returns it, or `noMoreDocs`.
    @inline(__always)
    @discardableResult
    func advance(to target: UInt32) -> UInt32 {
        if doc == Self.noMoreDocs { return doc }
        if block >= 0, index < count, docs[count - 1] >= target {
            while docs[index] < target { index += 1 }
            doc = docs[index]
            return doc
        }
        // Skip whole blocks whose last document is before the target.
        var next = max(block + 1, 0)
        while next < blockCount - 1, skipLastDoc(next) < target { next += 1 }
        guard next < blockCount, loadBlock(next) else { return finish() }
        while index < count, docs[index] < target { index += 1 }
        if index >= count { return advance(to: target) }
        doc = docs[index]
        return doc
    }

    // MARK: Block-max data

    /// The last document of the block the cursor is in, and that block's impacts: no document
    /// up to that one scores more than they allow (a term of one block: its whole-list bound,
    /// the dictionary's largest frequency and shortest field). Call only while positioned on a
    /// document.
    @inline(__always)
    func currentBlockImpact() -> (lastDoc: UInt32, impacts: BlockImpacts) {
        guard blockCount > 1 else { return (docs[count - 1], wholeList) }
        let entry = skipStart + block * PostingsLayout.skipEntrySize
        return (load32(entry), BlockImpacts(raw: postings.loadUnaligned(fromByteOffset: entry + 16, as: UInt64.self).littleEndian))
    }

    /// The block the cursor is in (-1 before the first).
    var currentBlock: Int { block }

    // MARK: Positions

    /// The current document's positions, in increasing order; valid until the cursor moves to
    /// another block. Empty when the positions are corrupt (see `corruption`).
    func positions() -> UnsafeBufferPointer<UInt32> {
        let empty = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
        guard block >= 0, block < blockCount, index < count else { return empty }
        if positionsBlock != block { guard startPositions() else { return empty } }
        let start = positionStarts[index]
        let end = positionStarts[index + 1]
        guard end > start else { return empty }
        let chunkSize = PackedInts.maximumCount
        let chunkDecoded = decoded.value.chunkDecoded.base
        for chunk in (start / chunkSize)...((end - 1) / chunkSize) where !chunkDecoded[chunk] {
            guard decodeChunk(chunk) else { return empty }
        }
        // Gaps to absolute positions, in place (each document's values are its own).
        let values = decoded.value.values.base
        if convertedDocument != index {
            var position = values[start]
            for k in (start + 1)..<end {
                position = position &+ values[k] &+ 1
                values[k] = position
            }
            convertedDocument = index
        }
        return UnsafeBufferPointer(start: values + start, count: end - start)
    }

    // MARK: Decoding

    @inline(__always)
    private func load32(_ offset: Int) -> UInt32 {
        postings.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }

    @inline(__always)
    private func skipLastDoc(_ i: Int) -> UInt32 { load32(skipStart + i * PostingsLayout.skipEntrySize) }

    @inline(__always)
    private func skipDocEnd(_ i: Int) -> UInt32 { load32(skipStart + i * PostingsLayout.skipEntrySize + 4) }

    @inline(__always)
    private func skipPositionsEnd(_ i: Int) -> Int {
        Int(truncatingIfNeeded: postings.loadUnaligned(fromByteOffset: skipStart + i * PostingsLayout.skipEntrySize + 8,
                                                       as: UInt64.self).littleEndian)
    }

    private func finish() -> UInt32 {
        doc = Self.noMoreDocs
        return doc
    }

    private func fail(_ error: IndexError) {
        if corruption == nil { corruption = error }
        doc = Self.noMoreDocs
        block = blockCount
    }

    /// Decodes block `i`; false (with `corruption` set) when its data is damaged.
    private func loadBlock(_ i: Int) -> Bool {
        if info.docFreq == 1 {
            docs[0] = UInt32(info.inlineDoc)
            freqs[0] = UInt32(clamping: info.totalTermFreq)
            block = 0
            count = 1
            index = 0
            return true
        }
        let start = blocksStart + (i == 0 ? 0 : Int(skipDocEnd(i - 1)))
        let end = blockCount > 1 ? blocksStart + Int(skipDocEnd(i)) : postingsLimit
        let blockDocs = i < blockCount - 1 ? PostingsLayout.blockSize : info.docFreq - (blockCount - 1) * PostingsLayout.blockSize
        var previous: Int64 = i == 0 ? -1 : Int64(skipLastDoc(i - 1))
        guard start <= end, end <= postingsLimit else {
            fail(.corrupt(file: postingsPath, reason: "block \(i) of a term at \(info.postingsOffset) outside the file"))
            return false
        }
        var offset = start
        if blockDocs == PostingsLayout.blockSize {
            for pass in 0..<2 {
                guard let next = PackedInts.decode(postings, at: offset, limit: end, count: blockDocs, into: pass == 0 ? docs : freqs) else {
                    fail(.corrupt(file: postingsPath, reason: "bad packed block at \(offset)"))
                    return false
                }
                offset = next
            }
            // Gaps and frequencies are at most 32 bits, so `previous` (at most 2^32 + 128 * 2^32)
            // cannot overflow, and the sum needs no overflow check per document; a frequency
            // stored as UInt32.max wraps to 0 (and its document reads no positions).
            for j in 0..<blockDocs {
                previous &+= Int64(docs[j]) &+ 1
                docs[j] = UInt32(truncatingIfNeeded: previous)
                freqs[j] &+= 1
            }
        } else {
            var cursor = ByteCursor(postings, range: offset..<end, file: postingsPath)
            do throws(IndexError) {
                for j in 0..<blockDocs {
                    let value = try cursor.readVInt()
                    guard value >> 1 < UInt64(documentCount) else { throw cursor.corrupt("document gap \(value >> 1)") }
                    // At most 128 gaps below 2^32 each: no overflow.
                    previous &+= Int64(value >> 1) &+ 1
                    docs[j] = UInt32(truncatingIfNeeded: previous)
                    freqs[j] = value & 1 == 1 ? 1 : UInt32(try cursor.readInt(atMost: Int(UInt32.max) - 2) + 2)
                }
            } catch {
                fail(error)
                return false
            }
        }
        guard previous < Int64(documentCount), blockCount == 1 || UInt32(truncatingIfNeeded: previous) == skipLastDoc(i) else {
            fail(.corrupt(file: postingsPath, reason: "document \(previous) out of range in a block at \(start)"))
            return false
        }
        block = i
        count = blockDocs
        index = 0
        return true
    }

    /// Prepares the current block's positions: the documents' value ranges and where its bytes lie.
    private func startPositions() -> Bool {
        var total = 0
        positionStarts[0] = 0
        for j in 0..<count {
            total += Int(freqs[j])
            positionStarts[j + 1] = total
        }
        // Wrapping sums of offsets from the skip entries: one that wrapped lands before the term's
        // first position byte, which the guard rejects.
        let start = info.positionsOffset &+ (block == 0 ? 0 : skipPositionsEnd(block - 1))
        let end = blockCount > 1 ? info.positionsOffset &+ skipPositionsEnd(block) : positionsLimit
        guard start >= info.positionsOffset, start <= end, end <= positionsLimit else {
            fail(.corrupt(file: positionsPath, reason: "positions of a term at \(info.positionsOffset) outside the file"))
            return false
        }
        guard total <= info.totalTermFreq else {
            fail(.corrupt(file: postingsPath, reason: "block \(block) of a term at \(info.postingsOffset) holds \(total) positions, the term \(info.totalTermFreq)"))
            return false
        }
        let chunks = (total + PackedInts.maximumCount - 1) / PackedInts.maximumCount
        let firstChunk = start + 2 * max(chunks - 1, 0)
        guard firstChunk <= end else {
            fail(.corrupt(file: positionsPath, reason: "positions table at \(start) runs past its block"))
            return false
        }
        positionsEnd = end
        chunkTable = start
        decoded.value.reset(values: total, chunks: chunks, firstChunk: firstChunk)
        convertedDocument = -1
        positionsBlock = block
        return true
    }

    /// Unpacks chunk `chunk` of the current block's positions, found from the lengths of the
    /// chunks before it.
    private func decodeChunk(_ chunk: Int) -> Bool {
        let chunkSize = PackedInts.maximumCount
        let total = positionStarts[count]
        while decoded.value.chunkOffsets.count <= chunk {
            let c = decoded.value.chunkOffsets.count - 1
            let offset = decoded.value.chunkOffsets[c]
            let length = Int(positionsFile.loadUnaligned(fromByteOffset: chunkTable + 2 * c, as: UInt16.self).littleEndian)
            guard offset + length <= positionsEnd else {
                fail(.corrupt(file: positionsPath, reason: "positions chunk at \(offset) runs past its block"))
                return false
            }
            decoded.value.chunkOffsets.append(offset + length)
        }
        let offset = decoded.value.chunkOffsets[chunk]
        guard let next = PackedInts.decode(positionsFile, at: offset, limit: positionsEnd,
                                           count: min(chunkSize, total - chunk * chunkSize),
                                           into: decoded.value.values.base + chunk * chunkSize) else {
            fail(.corrupt(file: positionsPath, reason: "bad packed positions at \(offset)"))
            return false
        }
        if decoded.value.chunkOffsets.count == chunk + 1 { decoded.value.chunkOffsets.append(next) }
        decoded.value.chunkDecoded[chunk] = true
        return true
    }
}

/// A block's positions as far as a `PostingsCursor` decoded them: the values, unpacked a chunk
/// of `PackedInts.maximumCount` at a time, and where each chunk's bytes start. Its buffers are
/// allocated on the first positions asked for (keyword queries never ask).
private struct BlockPositions: ~Copyable {
    /// The block's values as stored (first position, then gaps - 1), where decoded.
    var values = GrowableBuffer<UInt32>(capacity: 0)
    /// Byte offsets of the chunks found so far; `chunkDecoded[c]` when chunk c is unpacked.
    var chunkOffsets = GrowableBuffer<Int>(capacity: 0)
    var chunkDecoded = GrowableBuffer<Bool>(capacity: 0)

    /// Starts a block of `values` values in `chunks` chunks, nothing decoded, the first chunk's
    /// bytes at `firstChunk`.
    mutating func reset(values total: Int, chunks: Int, firstChunk: Int) {
        values.removeAll()
        if values.capacity < total { values.grow(to: total) }
        values.advance(by: total)
        chunkOffsets.removeAll()
        if chunkOffsets.capacity <= chunks { chunkOffsets.grow(to: chunks + 1) }
        chunkOffsets.append(firstChunk)
        chunkDecoded.removeAll()
        if chunkDecoded.capacity < chunks { chunkDecoded.grow(to: chunks) }
        for _ in 0..<chunks { chunkDecoded.append(false) }
    }
}
