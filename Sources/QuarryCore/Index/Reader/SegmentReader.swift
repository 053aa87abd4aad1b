/// One segment of an open index: its files mapped, validated (header, footer, segment id; every
/// checksum too when `verifyChecksums`), and the structures read in place.
final class SegmentReader: @unchecked Sendable {
    let info: SegmentInfo
    let directory: String
    let terms: TermDictionaryReader
    let postings: MappedFile
    let positions: MappedFile
    let norms: [Field: NormsReader]
    let ids: IDTableReader
    let dates: DateColumnReader
    let storedFile: MappedFile
    let deletes: DeletedDocuments?

    init(info: SegmentInfo, directory: String, verifyChecksums: Bool = false) throws(IndexError) {
        self.info = info
        self.directory = directory
        let id = info.id
        let count = info.documentCount
        terms = try TermDictionaryReader(file: MappedFile(path: info.path(.terms, in: directory)), segment: id,
                                         verifyChecksum: verifyChecksums)
        postings = try MappedFile(path: info.path(.postings, in: directory))
        _ = try FileFormat.validate(postings, kind: .postings, segment: id, verifyChecksum: verifyChecksums)
        positions = try MappedFile(path: info.path(.positions, in: directory))
        _ = try FileFormat.validate(positions, kind: .positions, segment: id, verifyChecksum: verifyChecksums)
        norms = try NormsReader.read(MappedFile(path: info.path(.norms, in: directory)), segment: id, documentCount: count,
                                     verifyChecksum: verifyChecksums)
        ids = try IDTableReader(file: MappedFile(path: info.path(.ids, in: directory)), segment: id, documentCount: count,
                                verifyChecksum: verifyChecksums)
        dates = try DateColumnReader(file: MappedFile(path: info.path(.columns, in: directory)), segment: id,
                                     documentCount: count, verifyChecksum: verifyChecksums)
        storedFile = try MappedFile(path: info.path(.stored, in: directory), populate: false)
        _ = try FileFormat.validate(storedFile, kind: .stored, segment: id, verifyChecksum: verifyChecksums)
        if info.deletesGeneration > 0 {
            let loaded = try DeletedDocuments.read(MappedFile(path: info.path(.deletes, in: directory)), segment: id, documentCount: count)
            guard loaded.deletedCount == info.deletedCount else {
                throw .corrupt(file: info.path(.deletes, in: directory),
                               reason: "\(loaded.deletedCount) deleted documents, the manifest says \(info.deletedCount)")
            }
            deletes = loaded
        } else {
            deletes = nil
        }
    }

    var documentCount: Int { info.documentCount }

    @inline(__always)
    func isDeleted(_ doc: Int) -> Bool { deletes?.contains(doc) ?? false }

    /// A cursor over `info`'s postings.
    func postings(_ info: TermInfo) -> PostingsCursor {
        PostingsCursor(info: info, postings: postings, positions: positions, documentCount: documentCount)
    }

    /// A reader of stored documents (one per thread: it caches a decompressed block).
    func storedFields() throws(IndexError) -> StoredFieldsReader {
        try StoredFieldsReader(file: storedFile, segment: info.id, documentCount: documentCount, verifyChecksum: false)
    }

    /// The live documents whose id is `id`.
    func documents(withID id: String) throws(IndexError) -> [Int] {
        var id = id
        let lookup = id.withUTF8 { bytes in
            Result { () throws(IndexError) in try terms.lookup(UnsafeRawBufferPointer(bytes), in: .id) }
        }
        let info = try lookup.get()
        guard let info else { return [] }
        let cursor = postings(info)
        var docs: [Int] = []
        while cursor.next() != PostingsCursor.noMoreDocs {
            if !isDeleted(Int(cursor.doc)) { docs.append(Int(cursor.doc)) }
        }
        if let corruption = cursor.corruption { throw corruption }
        return docs
    }
}
