/// Deleted documents of a segment (`<segment>.<generation>.del`): a bitmap, bit d set when
/// document d is deleted. Each commit that deletes in a segment writes a new generation.
///
///     deletes := count:u32 deleted:u32 bits:u64{ceil(count / 64)}
struct DeletedDocuments: Equatable, Sendable {
    private(set) var words: [UInt64]
    let count: Int
    private(set) var deletedCount = 0

    init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    @inline(__always)
    func contains(_ doc: Int) -> Bool { words[doc >> 6] & (1 << UInt64(doc & 63)) != 0 }

    /// Marks `doc` deleted; returns false when it already was.
    @discardableResult
    mutating func insert(_ doc: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(doc & 63)
        guard words[doc >> 6] & bit == 0 else { return false }
        words[doc >> 6] |= bit
        deletedCount += 1
        return true
    }

    func write(to file: FileWriter) throws(IndexError) -> Int {
        file.writeUInt32(UInt32(count))
        file.writeUInt32(UInt32(deletedCount))
        for word in words { file.writeUInt64(word) }
        return try file.finish()
    }

    static func read(_ file: MappedFile, segment: SegmentID, documentCount: Int) throws(IndexError) -> DeletedDocuments {
        let body = try FileFormat.validate(file, kind: .deletes, segment: segment, verifyChecksum: true)
        var cursor = ByteCursor(file.bytes, range: body, file: file.path)
        let count = Int(try cursor.readUInt32())
        let deleted = Int(try cursor.readUInt32())
        guard count == documentCount else { throw cursor.corrupt("bitmap of \(count) documents for \(documentCount)") }
        var deletes = DeletedDocuments(count: count)
        for i in 0..<deletes.words.count { deletes.words[i] = try cursor.readUInt64() }
        if count % 64 != 0, let last = deletes.words.last, last >> UInt64(count % 64) != 0 {
            throw .corrupt(file: file.path, reason: "bits set past the \(count) documents")
        }
        deletes.deletedCount = deletes.words.reduce(0) { $0 + $1.nonzeroBitCount }
        guard deletes.deletedCount == deleted else {
            throw .corrupt(file: file.path, reason: "\(deletes.deletedCount) bits set, header says \(deleted)")
        }
        return deletes
    }
}
