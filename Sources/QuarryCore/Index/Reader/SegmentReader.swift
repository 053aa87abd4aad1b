/// One segment of an open index: its files mapped, their sizes checked against the manifest,
/// validated (header, footer, segment id; the checksum of the kinds `FileFormat.Kind.checksummedOnOpen`
/// names, of every file when `verifyChecksums`), and the structures read in place.
final class SegmentReader: @unchecked Sendable {
    let info: SegmentInfo
    let directory: String
    let terms: TermDictionaryReader
    let postings: MappedFile
    let positions: MappedFile
    let norms: [Field: NormsReader]
    let ids: IDTableReader
    let columns: ColumnsReader
    let storedFile: MappedFile
    let deletes: DeletedDocuments?

    init(info: SegmentInfo, directory: String, verifyChecksums: Bool = false) throws(IndexError) {
        self.info = info
        self.directory = directory
        let id = info.id
        let count = info.documentCount
        func checksum(_ kind: FileFormat.Kind) -> Bool { verifyChecksums || kind.checksummedOnOpen }
        terms = try TermDictionaryReader(file: Self.map(info, .terms, in: directory), segment: id, verifyChecksum: checksum(.terms))
        postings = try Self.map(info, .postings, in: directory)
        _ = try FileFormat.validate(postings, kind: .postings, segment: id, verifyChecksum: checksum(.postings))
        positions = try Self.map(info, .positions, in: directory)
        _ = try FileFormat.validate(positions, kind: .positions, segment: id, verifyChecksum: checksum(.positions))
        norms = try NormsReader.read(Self.map(info, .norms, in: directory), segment: id, documentCount: count,
                                     verifyChecksum: checksum(.norms))
        ids = try IDTableReader(file: Self.map(info, .ids, in: directory), segment: id, documentCount: count,
                                verifyChecksum: checksum(.ids))
        columns = try ColumnsReader(file: Self.map(info, .columns, in: directory), segment: id,
                                    documentCount: count, verifyChecksum: checksum(.columns))
        storedFile = try Self.map(info, .stored, in: directory, populate: false)
        _ = try FileFormat.validate(storedFile, kind: .stored, segment: id, verifyChecksum: checksum(.stored))
        if info.deletesGeneration > 0 {
            let loaded = try DeletedDocuments.read(Self.map(info, .deletes, in: directory), segment: id, documentCount: count)
            guard loaded.deletedCount == info.deletedCount else {
                throw .corrupt(file: info.path(.deletes, in: directory),
                               reason: "\(loaded.deletedCount) deleted documents, the manifest says \(info.deletedCount)")
            }
            deletes = loaded
        } else {
            deletes = nil
        }
    }

    /// Maps the segment's file of `kind`, which must have the size the manifest gives it (a
    /// truncated or extended file is caught here, before any of it is read).
    private static func map(_ info: SegmentInfo, _ kind: FileFormat.Kind, in directory: String,
                            populate: Bool = true) throws(IndexError) -> MappedFile {
        let file = try MappedFile(path: info.path(kind, in: directory), populate: populate)
        if let expected = info.fileSizes[kind], expected != file.count {
            throw .corrupt(file: file.path, reason: "\(file.count) bytes, the manifest says \(expected)")
        }
        return file
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
