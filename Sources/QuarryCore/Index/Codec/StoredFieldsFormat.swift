import CQuarry

/// A stored document: the fields a hit shows (id, title, text for snippets, date, url, ...), in order.
public struct StoredDocument: Sendable, Equatable {
    /// The stored members in the order the document gave them: `id`, `title`, `text` (the
    /// body), then its other members, each value as text.
    public var fields: [StoredField]

    /// A stored document of `fields`.
    public init(fields: [StoredField]) {
        self.fields = fields
    }

    /// The first value of field `name` (`body` is stored as `text`, and found by either name).
    public subscript(name: String) -> String? {
        let key = name == "body" ? "text" : name
        return fields.first { $0.name == key }?.value
    }
}

/// Stored fields (`.store`): documents serialized one after another and compressed with zstd in
/// blocks of about 16 KB, so showing a hit decompresses one small block.
///
///     store := block* index indexOffset:u64
///     block := zstd(document*)
///     document := length:vint fields:vint (name:bytes value:bytes){fields}
///     index := blocks:u32 (firstDoc:u32 offset:u64 compressedLength:u32 length:u32){blocks}
final class StoredFieldsWriter {
    static let blockBytes = 16 * 1024
    /// zstd's fastest regular level: compression was 18% of a one-thread gutenberg-250m build at
    /// level 3; level 1 builds 5–9% faster for a store 3.8% larger (BENCHMARKS.md).
    private static let level: Int32 = 1

    private let file: FileWriter
    private let compressor: OpaquePointer
    /// The block being filled and the document being serialized, in cells: appending runs
    /// without run-time exclusivity checks.
    private let pending = PointerCell(ByteStream(capacity: blockBytes * 2))
    private let document = PointerCell(ByteStream(capacity: 4096))
    private var compressed: [UInt8] = []
    private var blockFirstDoc = 0
    private var documents = 0
    private var index: [(firstDoc: Int, offset: Int, compressed: Int, length: Int)] = []
    /// The first block that failed to compress: nothing is written after it, and `finish` throws it.
    private var failure: IndexError?

    init(file: FileWriter) {
        self.file = file
        // Like any allocation in Swift, running out of memory here ends the process.
        guard let compressor = cq_zstd_compressor_open(Self.level) else { fatalError("no memory for a zstd context") }
        self.compressor = compressor
    }

    deinit {
        cq_zstd_compressor_close(compressor)
    }

    /// Appends the next document's fields.
    func add(_ fields: [StoredField]) {
        document.value.removeAll()
        document.value.appendVInt(fields.count)
        for field in fields {
            document.value.appendString(field.name)
            document.value.appendString(field.value)
        }
        add(serialized: document.value.bytes)
    }

    /// Appends a document already serialized (as `StoredFieldsReader.serialized` returns it).
    func add(serialized bytes: UnsafeRawBufferPointer) {
        if pending.value.count == 0 { blockFirstDoc = documents }
        pending.value.appendBytes(bytes)
        documents += 1
        if pending.value.count >= Self.blockBytes { flushBlock() }
    }

    /// Writes the last block and the index; throws if any block failed to compress.
    func finish() throws(IndexError) -> Int {
        if pending.value.count > 0 { flushBlock() }
        if let failure { throw failure }
        let indexOffset = file.position
        file.withBuffer { out in
            out.appendUInt32(UInt32(index.count))
            for entry in index {
                out.appendUInt32(UInt32(entry.firstDoc))
                out.appendUInt64(UInt64(entry.offset))
                out.appendUInt32(UInt32(entry.compressed))
                out.appendUInt32(UInt32(entry.length))
            }
        }
        file.writeUInt64(UInt64(indexOffset))
        return try file.finish()
    }

    private func flushBlock() {
        defer { pending.value.removeAll() }
        guard failure == nil else { return }
        let bound = cq_zstd_bound(pending.value.count)
        if compressed.count < bound { compressed = [UInt8](repeating: 0, count: bound) }
        let result = compressed.withUnsafeMutableBytes { out in
            Result { () throws(IndexError) in try Self.compress(pending.value.bytes, with: compressor, into: out, file: file.path) }
        }
        switch result {
        case .success(let size):
            index.append((blockFirstDoc, file.position, size, pending.value.count))
            compressed.withUnsafeBytes { file.write(UnsafeRawBufferPointer(rebasing: $0[..<size])) }
        case .failure(let error):
            failure = error
        }
    }

    /// Compresses `bytes` into `out` as one zstd frame; returns its length. zstd reports a failure
    /// as a length of 0, which must never become an empty block.
    static func compress(_ bytes: UnsafeRawBufferPointer, with compressor: OpaquePointer, into out: UnsafeMutableRawBufferPointer,
                         file: String) throws(IndexError) -> Int {
        let size = cq_zstd_compress(compressor, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
                                    out.baseAddress?.assumingMemoryBound(to: UInt8.self), out.count)
        guard size > 0 else {
            throw .io(path: file, operation: "zstd compression", message: "a block of \(bytes.count) bytes did not compress into \(out.count)")
        }
        return size
    }
}

/// Reads documents from a mapped `.store` file, decompressing their block (the last block read
/// is kept, so reading neighbours costs nothing more). One per thread.
final class StoredFieldsReader {
    let file: MappedFile
    private var index: [(firstDoc: Int, offset: Int, compressed: Int, length: Int)] = []
    private var cachedBlock = -1
    /// The last block decompressed (manually managed, so cursors over it stay valid until the next load).
    private var cache = UnsafeMutableRawPointer.allocate(byteCount: 64 * 1024, alignment: 8)
    private var cacheCapacity = 64 * 1024
    private var cacheLength = 0
    private let documentCount: Int

    init(file: MappedFile, segment: SegmentID, documentCount: Int, verifyChecksum: Bool) throws(IndexError) {
        self.file = file
        self.documentCount = documentCount
        let body = try FileFormat.validate(file, kind: .stored, segment: segment, verifyChecksum: verifyChecksum)
        guard body.count >= 8 else { throw .corrupt(file: file.path, reason: "no trailer") }
        var trailer = ByteCursor(file.bytes, range: (body.upperBound - 8)..<body.upperBound, file: file.path)
        let indexOffset = Int(truncatingIfNeeded: try trailer.readUInt64())
        guard indexOffset >= body.lowerBound, indexOffset <= body.upperBound - 8 else {
            throw .corrupt(file: file.path, reason: "index offset \(indexOffset) out of range")
        }
        var cursor = ByteCursor(file.bytes, range: indexOffset..<(body.upperBound - 8), file: file.path)
        let blocks = Int(try cursor.readUInt32())
        guard blocks * 20 <= cursor.remaining else { throw cursor.corrupt("index of \(blocks) blocks overruns") }
        var previousFirst = -1
        for _ in 0..<blocks {
            let firstDoc = Int(try cursor.readUInt32())
            let offset = Int(truncatingIfNeeded: try cursor.readUInt64())
            let compressed = Int(try cursor.readUInt32())
            let length = Int(try cursor.readUInt32())
            // Compared without adding to `offset`, which can be anything in a damaged file.
            guard firstDoc > previousFirst, firstDoc < documentCount, offset >= body.lowerBound,
                  offset <= indexOffset - compressed, length <= 1 << 30 else {
                throw .corrupt(file: file.path, reason: "block entry (\(firstDoc), \(offset), \(compressed)) out of range")
            }
            previousFirst = firstDoc
            index.append((firstDoc, offset, compressed, length))
        }
        guard documentCount == 0 || index.first?.firstDoc == 0 else {
            throw .corrupt(file: file.path, reason: "no block starts at document 0")
        }
    }

    deinit { cache.deallocate() }

    /// Document `doc`'s fields.
    func document(_ doc: Int) throws(IndexError) -> StoredDocument {
        var cursor = try locate(doc)
        let count = try cursor.readInt(atMost: cursor.remaining)
        var fields: [StoredField] = []
        fields.reserveCapacity(count)
        for _ in 0..<count {
            let name = try cursor.readString()
            let value = try cursor.readString()
            fields.append(StoredField(name: name, value: value))
        }
        return StoredDocument(fields: fields)
    }

    /// Document `doc` as serialized bytes (for merging without decoding the fields).
    func serialized(_ doc: Int) throws(IndexError) -> [UInt8] {
        var cursor = try locate(doc)
        return Array(try cursor.readRaw(cursor.remaining))
    }

    /// A cursor over document `doc`'s serialized bytes, in the cached decompressed block.
    private func locate(_ doc: Int) throws(IndexError) -> ByteCursor {
        guard doc >= 0 && doc < documentCount else { throw .invalidArgument("document \(doc) out of range") }
        var low = 0
        var high = index.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if index[middle].firstDoc <= doc { low = middle } else { high = middle - 1 }
        }
        try load(low)
        let raw = UnsafeRawBufferPointer(start: cache, count: cacheLength)
        var cursor = ByteCursor(raw, range: 0..<raw.count, file: file.path)
        for _ in index[low].firstDoc..<doc {
            let length = try cursor.readInt(atMost: cursor.remaining)
            try cursor.skip(length)
        }
        let length = try cursor.readInt(atMost: cursor.remaining)
        return ByteCursor(raw, range: cursor.offset..<(cursor.offset + length), file: file.path)
    }

    private func load(_ block: Int) throws(IndexError) {
        if block == cachedBlock { return }
        let entry = index[block]
        if cacheCapacity < entry.length {
            cache.deallocate()
            cacheCapacity = entry.length
            cache = .allocate(byteCount: cacheCapacity, alignment: 8)
        }
        cachedBlock = -1
        let source = UnsafeRawBufferPointer(rebasing: file.bytes[entry.offset..<(entry.offset + entry.compressed)])
        let status = cq_zstd_decompress(source.baseAddress?.assumingMemoryBound(to: UInt8.self), source.count,
                                        cache.assumingMemoryBound(to: UInt8.self), entry.length)
        guard status == 0 else {
            throw .corrupt(file: file.path, reason: "block \(block) at \(entry.offset) does not decompress (or fails its checksum)")
        }
        // The block must hold exactly the documents the index gives it, or documents would be
        // read from the wrong block.
        let documents = (block + 1 < index.count ? index[block + 1].firstDoc : documentCount) - entry.firstDoc
        var cursor = ByteCursor(UnsafeRawBufferPointer(start: cache, count: entry.length), range: 0..<entry.length, file: file.path)
        for _ in 0..<documents { try cursor.skip(try cursor.readInt(atMost: cursor.remaining)) }
        guard cursor.isAtEnd else {
            throw .corrupt(file: file.path, reason: "block \(block) at \(entry.offset) holds other than its \(documents) documents")
        }
        cacheLength = entry.length
        cachedBlock = block
    }
}
