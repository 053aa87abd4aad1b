/// `quarry-index verify`: checks every checksum, then cross-checks the structures of each segment
/// (term order, postings against their dictionary entries, document counts and field statistics,
/// positions against field lengths, ids against the id field and the stored documents, deletes).
enum IndexVerifier {
    /// Verifies the index in `directory`; throws the first problem found, naming its file.
    static func verify(directory: String) throws(IndexError) -> VerificationReport {
        try verifiedReader(directory: directory).report
    }

    /// Verifies the index in `directory` as ``verify(directory:)`` does, and returns a reader of
    /// the commit it verified, over the segments it checked.
    static func verifiedReader(directory: String) throws(IndexError) -> (reader: IndexReader, report: VerificationReport) {
        let hold = try CommitHold.acquire(directory: directory)
        let manifest = hold.manifest
        var report = VerificationReport()
        report.files = 1
        var segmentNames = Set<String>()
        var segmentIDs = Set<String>()
        var segments: [SegmentReader] = []
        segments.reserveCapacity(manifest.segments.count)
        for info in manifest.segments {
            guard segmentNames.insert(info.name).inserted, segmentIDs.insert(info.id.description).inserted else {
                throw .corrupt(file: "\(directory)/\(Manifest.fileName)", reason: "names segment \(info.name) (id \(info.id)) twice")
            }
            for kind in SegmentInfo.fileKinds + (info.deletesGeneration > 0 ? [.deletes] : []) {
                let path = info.path(kind, in: directory)
                guard let size = FileSystem.size(path) else {
                    throw .corrupt(file: path, reason: "missing (named by the manifest)")
                }
                if let expected = info.fileSizes[kind], expected != size {
                    throw .corrupt(file: path, reason: "\(size) bytes, the manifest says \(expected)")
                }
                report.files += 1
            }
            let segment = try SegmentReader(info: info, directory: directory, verifyChecksums: true)
            try verify(segment, settings: manifest.settings, layout: FieldLayout(manifest.schema), into: &report)
            report.segments += 1
            segments.append(segment)
        }
        try verifyIDsLiveOnce(segments, directory: directory, expected: manifest.liveCount)
        let names = try FileSystem.list(directory)
        var named = manifest.fileNames.union([IndexLock.fileName, SynonymRules.fileName])
        let currentName = IndexFileName.manifest(generation: manifest.generation)
        guard names.contains(currentName) else {
            throw .corrupt(file: "\(directory)/\(currentName)", reason: "missing (the current commit's second name, which readers hold)")
        }
        for name in names {
            guard case .manifestGeneration(let generation) = IndexFileName(name) else { continue }
            let path = "\(directory)/\(name)"
            if generation == manifest.generation {
                // The current commit's second name: the same bytes as MANIFEST.
                let current = try MappedFile(path: "\(directory)/\(Manifest.fileName)")
                let copy = try MappedFile(path: path)
                guard current.bytes.elementsEqual(copy.bytes) else { throw .corrupt(file: path, reason: "differs from MANIFEST") }
                named.insert(name)
            } else if let held = try? Manifest.read(path: path, directory: directory) {
                // An older commit a reader may still hold: its files stay until it is released.
                named.insert(name)
                named.formUnion(held.fileNames)
            }
        }
        report.unreferencedFiles = names.filter { !named.contains($0) }.sorted()
        return (IndexReader(directory: directory, hold: hold, segments: segments), report)
    }

    /// Checks that no id is live in two places (an add replaces, it never duplicates). Ids are
    /// compared by 64-bit hash first; only a hash seen twice is compared as text.
    private static func verifyIDsLiveOnce(_ segments: [SegmentReader], directory: String, expected: Int) throws(IndexError) {
        var seen: [UInt64: (segment: Int, doc: Int)] = [:]
        seen.reserveCapacity(expected)
        // Ids of another id's hash (a 1 in 2^64 chance each), by text.
        var collided: Set<String> = []
        for (s, segment) in segments.enumerated() {
            for doc in 0..<segment.info.documentCount where !segment.isDeleted(doc) {
                var id = segment.ids.id(doc)
                let hash = id.withUTF8 { ByteHash.hash(UnsafeRawBufferPointer($0)) }
                if let earlier = seen[hash] {
                    if segments[earlier.segment].ids.id(earlier.doc) == id {
                        throw .corrupt(file: segment.info.path(.ids, in: directory),
                                       reason: "id '\(ControlCharacters.forDisplay(id))' is live twice: document \(earlier.doc) of "
                                           + "\(segments[earlier.segment].info.name) and document \(doc) of \(segment.info.name)")
                    }
                    guard collided.insert(id).inserted else {
                        throw .corrupt(file: segment.info.path(.ids, in: directory), reason: "id '\(ControlCharacters.forDisplay(id))' is live twice")
                    }
                    continue
                }
                seen[hash] = (s, doc)
            }
        }
    }

    fileprivate static func verify(_ segment: SegmentReader, settings: AnalysisSettings, layout: FieldLayout,
                                   into report: inout VerificationReport) throws(IndexError) {
        let count = segment.documentCount
        let termsPath = segment.terms.file.path
        let inverted = layout.invertedFields
        if let stray = segment.terms.fields.keys.first(where: { !inverted.contains($0) }) {
            throw .corrupt(file: termsPath, reason: "holds terms of \(stray), which the schema does not index")
        }
        for field in inverted {
            let positional = layout.hasPositions(field)
            let stats = segment.terms.statistics(field)
            let lengths = segment.norms[field]
            var iterator = try segment.terms.terms(in: field)
            var previous: [UInt8]?
            var terms = 0
            var sumDocFreq = 0
            var sumTotalTermFreq = 0
            while let (bytes, info) = try iterator.next() {
                if let previous, !previous.lexicographicallyPrecedes(bytes) {
                    throw .corrupt(file: termsPath, reason: "\(field) terms out of order at '\(String(decoding: bytes, as: UTF8.self))'")
                }
                previous = bytes
                terms += 1
                let name = "\(field) term '\(String(decoding: bytes, as: UTF8.self))'"
                let cursor = segment.postings(info)
                var docs = 0
                var occurrences = 0
                var documentList: [UInt32] = []
                var maxFreq = 0
                var minLength = Int.max
                var block = BlockBounds(name: name, file: segment.postings.path, checksLength: positional && info.docFreq > 1,
                                        hasSkips: PostingsLayout.blockCount(docFreq: info.docFreq) > 1)
                while cursor.next() != PostingsCursor.noMoreDocs {
                    let doc = Int(cursor.doc)
                    let positions = positional ? cursor.positions() : UnsafeBufferPointer(start: nil, count: 0)
                    if let corruption = cursor.corruption { throw corruption }
                    guard cursor.freq > 0, !positional || positions.count == cursor.freq else {
                        throw .corrupt(file: segment.positions.path,
                                       reason: "\(name): \(positions.count) positions in document \(doc), its frequency is \(cursor.freq)")
                    }
                    let length = positional ? Int(lengths?[doc] ?? 0) : 1
                    try block.add(cursor, length: length)
                    var last = -1
                    for position in positions {
                        guard Int(position) > last else {
                            throw .corrupt(file: segment.positions.path, reason: "\(name): positions out of order in document \(doc)")
                        }
                        if !settings.stopWords, Int(position) >= max(length, 1) {
                            throw .corrupt(file: segment.positions.path,
                                           reason: "\(name): position \(position) beyond the field's length \(length) in document \(doc)")
                        }
                        last = Int(position)
                    }
                    docs += 1
                    if field == .body { documentList.append(cursor.doc) }
                    occurrences += cursor.freq
                    maxFreq = max(maxFreq, cursor.freq)
                    minLength = min(minLength, length)
                }
                if let corruption = cursor.corruption { throw corruption }
                try block.finish()
                guard docs == info.docFreq, occurrences == info.totalTermFreq else {
                    throw .corrupt(file: segment.postings.path,
                                   reason: "\(name): \(docs) documents and \(occurrences) occurrences, the dictionary says \(info.docFreq) and \(info.totalTermFreq)")
                }
                guard maxFreq == info.maxFreq, !positional || info.docFreq == 1 || minLength == info.minLength else {
                    throw .corrupt(file: segment.postings.path, reason: "\(name): block-max data does not match the postings")
                }
                if field == .body {
                    let titleOnly = try documents(withTerm: bytes, inTitleOf: segment, notIn: documentList)
                    guard titleOnly == info.titleOnlyDocuments else {
                        throw .corrupt(file: termsPath, reason: "\(name): \(titleOnly) documents have it only in the title, the dictionary says \(info.titleOnlyDocuments)")
                    }
                }
                sumDocFreq += docs
                sumTotalTermFreq += occurrences
            }
            guard terms == stats.termCount, sumDocFreq == stats.sumDocFreq else {
                throw .corrupt(file: termsPath, reason: "\(field): \(terms) terms and \(sumDocFreq) postings, the statistics say \(stats.termCount) and \(stats.sumDocFreq)")
            }
            if field == .id {
                guard sumDocFreq == count else {
                    throw .corrupt(file: termsPath, reason: "id field posts \(sumDocFreq) documents of \(count)")
                }
            } else if !positional {
                // A keyword field: each document's values, case folded, are its terms, once each;
                // its column holds the values as given for the same documents.
                let withValue = segment.columns.keyword(field.number).map { column in (0..<count).reduce(0) { $0 + (column.first($1) == nil ? 0 : 1) } } ?? 0
                guard sumTotalTermFreq == sumDocFreq, stats.sumTotalTermFreq == sumDocFreq, stats.docCount == withValue else {
                    throw .corrupt(file: termsPath, reason: "\(field): \(sumDocFreq) postings of \(sumTotalTermFreq) occurrences over \(stats.docCount) documents, the column has values for \(withValue)")
                }
                report.postings += sumDocFreq
                report.terms += terms
            } else {
                var lengthSum = 0
                var withField = 0
                for doc in 0..<count {
                    let length = Int(lengths?[doc] ?? 0)
                    lengthSum += length
                    if length > 0 { withField += 1 }
                }
                guard lengthSum == stats.sumTotalTermFreq, withField == stats.docCount, sumTotalTermFreq == lengthSum || settings.stopWords else {
                    throw .corrupt(file: segment.norms[field] == nil ? termsPath : termsPath.replacingSuffix("terms", with: "norms"),
                                   reason: "\(field): field lengths sum to \(lengthSum) over \(withField) documents, the postings hold \(sumTotalTermFreq) occurrences and the statistics say \(stats.sumTotalTermFreq) over \(stats.docCount)")
                }
                report.postings += sumDocFreq
                report.positions += sumTotalTermFreq
                report.terms += terms
            }
        }
        // Every column the schema gives a field, of its kind.
        for entry in layout.entries {
            guard let kind = entry.columnKind else { continue }
            let present = kind == .numeric ? segment.columns.numeric(entry.field.number) != nil : segment.columns.keyword(entry.field.number) != nil
            guard present else {
                throw .corrupt(file: segment.info.path(.columns, in: segment.directory),
                               reason: "no \(kind) column for field '\(entry.definition.name)'")
            }
        }
        // Ids: the id field finds each document, and the stored document agrees.
        let stored = try segment.storedFields()
        for doc in 0..<count {
            let id = segment.ids.id(doc)
            let matches = try segment.documents(withID: id)
            guard segment.isDeleted(doc) || matches.contains(doc) else {
                throw .corrupt(file: termsPath, reason: "document \(doc)'s id '\(id)' does not find it")
            }
            guard try stored.document(doc)["id"] == id else {
                throw .corrupt(file: stored.file.path, reason: "document \(doc) stored with another id than '\(id)'")
            }
        }
        report.documents += count - segment.info.deletedCount
    }
}

/// Checks each postings block's impacts, which block-max pruning trusts: what a block's skip
/// entry records must be the `BlockImpacts` of its documents' frequencies and field lengths
/// (only their highest frequency where no length is recorded). A term of one block has no skip
/// entry: the dictionary's bounds, checked with the term, stand for it.
private struct BlockBounds {
    let name: String
    let file: String
    /// False where no field length is recorded: the id field, and a term of one document (0).
    let checksLength: Bool
    /// Whether the term has skip entries (more than one block).
    let hasSkips: Bool
    private var block = -1
    private var recorded = BlockImpacts(raw: 0)
    private var frequencies: [UInt32] = []
    private var lengths: [UInt32] = []

    init(name: String, file: String, checksLength: Bool, hasSkips: Bool) {
        self.name = name
        self.file = file
        self.checksLength = checksLength
        self.hasSkips = hasSkips
    }

    /// Counts the document `cursor` is on, of field length `length`.
    mutating func add(_ cursor: PostingsCursor, length: Int) throws(IndexError) {
        guard hasSkips else { return }
        if cursor.currentBlock != block {
            try finish()
            block = cursor.currentBlock
            recorded = cursor.currentBlockImpact().impacts
        }
        frequencies.append(UInt32(clamping: cursor.freq))
        lengths.append(UInt32(clamping: length))
    }

    /// Compares the last block's impacts (call after the last document).
    mutating func finish() throws(IndexError) {
        guard block >= 0, !frequencies.isEmpty else { return }
        let held = BlockImpacts(frequencies: frequencies, lengths: lengths, count: frequencies.count)
        guard checksLength ? recorded == held : recorded.maxFrequency == held.maxFrequency else {
            throw .corrupt(file: file, reason: "\(name): block \(block) records impacts \(String(recorded.raw, radix: 16)), its documents make \(String(held.raw, radix: 16))")
        }
        frequencies.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
    }
}

extension IndexVerifier {
    /// How many documents of `segment` have `term` in the title but are not in `body` (sorted).
    fileprivate static func documents(withTerm term: [UInt8], inTitleOf segment: SegmentReader, notIn body: [UInt32]) throws(IndexError) -> Int {
        let lookup = term.withUnsafeBytes { raw in Result { () throws(IndexError) in try segment.terms.lookup(raw, in: .title) } }
        guard let info = try lookup.get() else { return 0 }
        let cursor = segment.postings(info)
        var missing = 0
        var b = 0
        while cursor.next() != PostingsCursor.noMoreDocs {
            while b < body.count && body[b] < cursor.doc { b += 1 }
            if b == body.count || body[b] != cursor.doc { missing += 1 }
        }
        if let corruption = cursor.corruption { throw corruption }
        return missing
    }
}

extension String {
    /// The string with `suffix` at its end replaced by `replacement`.
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
