/// Merges segments into one: live documents only, renumbered in segment order; every field's
/// terms merged in byte order with their postings re-encoded; stored fields, ids, columns and
/// field lengths copied. It holds per document only the document maps and the field lengths
/// throughout, and one column's values while that column is written.
struct SegmentMerger {
    /// Bytes a merge holds per document, for the merge policy's budget: the document maps and
    /// field lengths, and the largest column's values while it is written (measured: 31 at 1M
    /// synthetic documents of two text fields and three single-valued columns; the rest is
    /// room for multi-valued columns and more text fields).
    static let memoryPerDocument = 48

    let readers: [SegmentReader]
    let layout: FieldLayout
    let directory: String
    let name: String

    /// Writes the merged segment; `tracker` counts the work (and may stop it: the files written
    /// so far are left for the next commit to remove).
    func merge(tracking tracker: inout MergeTracker) throws(IndexError) -> SegmentInfo {
        try tracker.begin(readers, fields: layout.invertedFields)
        let id = SegmentID.random()
        let path = { (kind: FileFormat.Kind) in "\(directory)/\(name).\(kind.fileExtension)" }
        // New document numbers: -1 for deleted documents.
        var maps: [[Int32]] = []
        var documentCount = 0
        for reader in readers {
            var map = [Int32](repeating: -1, count: reader.documentCount)
            for doc in 0..<reader.documentCount where !reader.isDeleted(doc) {
                map[doc] = Int32(documentCount)
                documentCount += 1
            }
            maps.append(map)
        }
        var sizes: [FileFormat.Kind: Int] = [:]

        // Per-document data, each part written before the next is read: the columns one at a
        // time, the ids straight from the sources, then the stored fields; the field lengths
        // stay for the postings.
        sizes[.columns] = try ColumnsWriter.writeMerged(readers.map(\.columns), maps: maps, documentCount: documentCount,
                                                        to: try FileWriter(path: path(.columns), kind: .columns, segment: id))
        sizes[.ids] = try DocumentTableFormat.writeIDs(count: documentCount, forEach: { body in
            for (s, reader) in readers.enumerated() {
                for doc in 0..<reader.documentCount where maps[s][doc] >= 0 { body(reader.ids.bytes(doc)) }
            }
        }, to: try FileWriter(path: path(.ids), kind: .ids, segment: id))
        let textFields = layout.textFields
        // Per text field, each new document's length.
        let lengths = textFields.map { _ in UnsafeMutableBufferPointer<UInt32>.allocate(capacity: documentCount) }
        defer { for buffer in lengths { buffer.deallocate() } }
        sizes[.stored] = try copyStoredFields(maps: maps, lengths: lengths,
                                              to: try FileWriter(path: path(.stored), kind: .stored, segment: id), tracker: &tracker)
        sizes[.norms] = try NormsFormat.write(textFields.indices.map { (textFields[$0], UnsafeBufferPointer(lengths[$0])) },
                                              to: try FileWriter(path: path(.norms), kind: .norms, segment: id))

        // Terms and postings.
        let termsFile = try FileWriter(path: path(.terms), kind: .terms, segment: id)
        let postingsFile = try FileWriter(path: path(.postings), kind: .postings, segment: id)
        let positionsFile = try FileWriter(path: path(.positions), kind: .positions, segment: id)
        let dictionary = TermDictionaryWriter(file: termsFile)
        var postings = PostingsWriter(postings: postingsFile, positions: positionsFile)
        for field in layout.invertedFields {
            let index = textFields.firstIndex(of: field)
            let length: (Int) -> Int = { doc in index.map { Int(lengths[$0][doc]) } ?? 1 }
            var present = [Bool](repeating: false, count: index == nil ? documentCount : 0)
            let (sumDocFreq, termCount) = try mergeField(field, maps: maps, dictionary: dictionary, postings: &postings, length: length,
                                                         present: &present, tracker: &tracker)
            var stats = FieldStatistics(field: field, termCount: termCount, docCount: 0, sumTotalTermFreq: 0, sumDocFreq: sumDocFreq)
            if index != nil {
                for doc in 0..<documentCount {
                    let length = length(doc)
                    if length > 0 { stats.docCount += 1 }
                    stats.sumTotalTermFreq += length
                }
            } else {
                // The id and keyword fields: one occurrence per posting.
                stats.docCount = present.reduce(0) { $0 + ($1 ? 1 : 0) }
                stats.sumTotalTermFreq = sumDocFreq
            }
            dictionary.finishField(stats)
        }
        sizes[.postings] = try postingsFile.finish()
        sizes[.positions] = try positionsFile.finish()
        sizes[.terms] = try dictionary.finish()
        let languages = Set(readers.flatMap(\.info.languages)).sorted()
        tracker.finish()
        return SegmentInfo(name: name, id: id, documentCount: documentCount, deletedCount: 0, deletesGeneration: 0, fileSizes: sizes,
                           languages: languages)
    }

    /// Copies the live documents' stored fields into the merged segment's file, and their text
    /// fields' lengths into `lengths`.
    private func copyStoredFields(maps: [[Int32]], lengths: [UnsafeMutableBufferPointer<UInt32>], to file: FileWriter,
                                  tracker: inout MergeTracker) throws(IndexError) -> Int {
        let storedWriter = StoredFieldsWriter(file: file)
        let textFields = layout.textFields
        var next = 0
        for (s, reader) in readers.enumerated() {
            let stored = try reader.storedFields()
            for doc in 0..<reader.documentCount where maps[s][doc] >= 0 {
                let bytes = try stored.serialized(doc)
                bytes.withUnsafeBytes { storedWriter.add(serialized: $0) }
                for (f, field) in textFields.enumerated() { lengths[f][next] = reader.norms[field]?[doc] ?? 0 }
                next += 1
            }
            try tracker.advance(by: reader.documentCount)
        }
        return try storedWriter.finish()
    }

    /// Merges one field's terms from every segment, in byte order; returns the postings written.
    /// A body term's title-only documents are counted per source segment as it is merged
    /// (`titleOnlyDocuments(of:in:bodyDocuments:)`), so the merge holds no document lists
    /// beyond one term's.
    private func mergeField(_ field: Field, maps: [[Int32]], dictionary: TermDictionaryWriter, postings: inout PostingsWriter,
                            length: (Int) -> Int, present: inout [Bool],
                            tracker: inout MergeTracker) throws(IndexError) -> (sumDocFreq: Int, termCount: Int) {
        var sumDocFreq = 0
        var termCount = 0
        let hasPositions = layout.hasPositions(field)
        postings.recordsPositions = hasPositions
        let idPosition: [UInt32] = [0]
        // The current body term's documents in the source being read (its own numbers).
        var sourceDocuments: [UInt32] = []
        let countsTitleOnly = field == .body && layout.invertedFields.contains(.title)
        // Each source's title terms, walked alongside the body's (both in byte order).
        var titles: [TitleWalk] = []
        if countsTitleOnly { titles = try readers.map { reader throws(IndexError) in try TitleWalk(reader) } }
        dictionary.startField(field)
        var iterators: [TermIterator] = []
        var current: [(term: [UInt8], info: TermInfo)?] = []
        for reader in readers {
            var iterator = try reader.terms.terms(in: field)
            let first = try iterator.next().map { (Array($0.term), $0.info) }
            iterators.append(iterator)
            current.append(first)
        }
        while true {
            // The smallest current term.
            var smallest: [UInt8]?
            for entry in current {
                guard let entry else { continue }
                if smallest == nil || entry.term.lexicographicallyPrecedes(smallest!) { smallest = entry.term }
            }
            guard let term = smallest else { break }
            postings.startTerm()
            var documents = 0
            var visited = 0
            var titleOnly = 0
            for s in readers.indices {
                let title = countsTitleOnly ? try titles[s].entry(for: term) : nil
                guard let entry = current[s], entry.term == term else {
                    // A source with the term in titles only: those of its live documents count.
                    if let title { titleOnly += try titleOnlyDocuments(title, in: s, bodyDocuments: [], maps: maps) }
                    continue
                }
                sourceDocuments.removeAll(keepingCapacity: true)
                let cursor = readers[s].postings(entry.info)
                while cursor.next() != PostingsCursor.noMoreDocs {
                    visited += 1
                    if countsTitleOnly { sourceDocuments.append(cursor.doc) }
                    let target = maps[s][Int(cursor.doc)]
                    guard target >= 0 else { continue }
                    if !hasPositions {
                        idPosition.withUnsafeBufferPointer { postings.addDocument(UInt32(target), positions: $0, length: 1) }
                        present[Int(target)] = true
                    } else {
                        let positions = cursor.positions()
                        if let corruption = cursor.corruption { throw corruption }
                        postings.addDocument(UInt32(target), positions: positions, length: length(Int(target)))
                    }
                    documents += 1
                }
                if let corruption = cursor.corruption { throw corruption }
                if let title {
                    titleOnly += readers[s].deletes == nil ? entry.info.titleOnlyDocuments
                        : try titleOnlyDocuments(title, in: s, bodyDocuments: sourceDocuments, maps: maps)
                }
                current[s] = try iterators[s].next().map { (Array($0.term), $0.info) }
            }
            try tracker.advance(by: visited)
            guard documents > 0 else { continue }
            var info = postings.finishTerm()
            info.titleOnlyDocuments = titleOnly
            sumDocFreq += info.docFreq
            termCount += 1
            term.withUnsafeBytes { dictionary.add($0, info: info) }
        }
        return (sumDocFreq, termCount)
    }

    /// Source `s`'s live documents with the term of `title` (its title entry) in the title and not
    /// among `bodyDocuments` (its documents with the term in the body, increasing, in its own
    /// numbers).
    private func titleOnlyDocuments(_ title: TermInfo, in s: Int, bodyDocuments: [UInt32], maps: [[Int32]]) throws(IndexError) -> Int {
        let cursor = readers[s].postings(title)
        var count = 0
        var b = 0
        while cursor.next() != PostingsCursor.noMoreDocs {
            let doc = cursor.doc
            while b < bodyDocuments.count && bodyDocuments[b] < doc { b += 1 }
            if maps[s][Int(doc)] >= 0 && (b == bodyDocuments.count || bodyDocuments[b] != doc) { count += 1 }
        }
        if let corruption = cursor.corruption { throw corruption }
        return count
    }
}

/// A source segment's title terms, walked forward to each body term in turn.
private struct TitleWalk {
    private var iterator: TermIterator
    private var current: (term: [UInt8], info: TermInfo)?

    init(_ reader: SegmentReader) throws(IndexError) {
        iterator = try reader.terms.terms(in: .title)
        current = try iterator.next()
    }

    /// The title entry of `term`, or nil; terms must come in increasing order.
    mutating func entry(for term: [UInt8]) throws(IndexError) -> TermInfo? {
        while let (held, _) = current, held.lexicographicallyPrecedes(term) { current = try iterator.next() }
        guard let (held, info) = current, held == term else { return nil }
        return info
    }
}
