/// Merges segments into one: live documents only, renumbered in segment order; every field's
/// terms merged in byte order with their postings re-encoded; stored fields, ids, columns and
/// field lengths copied.
struct SegmentMerger {
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

        // Per-document data.
        let storedWriter = StoredFieldsWriter(file: try FileWriter(path: path(.stored), kind: .stored, segment: id))
        var idBytes = ByteStream(capacity: 1 << 16)
        var idEnds = GrowableBuffer<UInt32>(capacity: documentCount + 1)
        let textFields = layout.textFields
        // Per text field, each new document's length.
        let lengths = textFields.map { _ in UnsafeMutableBufferPointer<UInt32>.allocate(capacity: documentCount) }
        defer { for buffer in lengths { buffer.deallocate() } }
        var next = 0
        for (s, reader) in readers.enumerated() {
            let stored = try reader.storedFields()
            for doc in 0..<reader.documentCount where maps[s][doc] >= 0 {
                let bytes = try stored.serialized(doc)
                bytes.withUnsafeBytes { storedWriter.add(serialized: $0) }
                idBytes.append(reader.ids.bytes(doc))
                idEnds.append(UInt32(idBytes.count))
                for (f, field) in textFields.enumerated() { lengths[f][next] = reader.norms[field]?[doc] ?? 0 }
                next += 1
            }
            try tracker.advance(by: reader.documentCount)
        }
        sizes[.stored] = try storedWriter.finish()
        sizes[.ids] = try DocumentTableFormat.writeIDs(idBytes.bytes, ends: idEnds.elements,
                                                       to: try FileWriter(path: path(.ids), kind: .ids, segment: id))
        let columns = try ColumnsWriter.merge(readers.map(\.columns), maps: maps)
        sizes[.columns] = try columns.write(documentCount: documentCount,
                                            to: try FileWriter(path: path(.columns), kind: .columns, segment: id))
        sizes[.norms] = try NormsFormat.write(textFields.indices.map { (textFields[$0], UnsafeBufferPointer(lengths[$0])) },
                                              to: try FileWriter(path: path(.norms), kind: .norms, segment: id))

        // Terms and postings.
        let termsFile = try FileWriter(path: path(.terms), kind: .terms, segment: id)
        let postingsFile = try FileWriter(path: path(.postings), kind: .postings, segment: id)
        let positionsFile = try FileWriter(path: path(.positions), kind: .positions, segment: id)
        let dictionary = TermDictionaryWriter(file: termsFile)
        var postings = PostingsWriter(postings: postingsFile, positions: positionsFile)
        var titleDocuments: [[UInt8]: [UInt32]] = [:]
        for field in layout.invertedFields {
            let index = textFields.firstIndex(of: field)
            let length: (Int) -> Int = { doc in index.map { Int(lengths[$0][doc]) } ?? 1 }
            var present = [Bool](repeating: false, count: index == nil ? documentCount : 0)
            let (sumDocFreq, termCount) = try mergeField(field, maps: maps, dictionary: dictionary, postings: &postings, length: length,
                                                         titleDocuments: &titleDocuments, present: &present, tracker: &tracker)
            if field == .body { titleDocuments = [:] }
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

    /// Merges one field's terms from every segment, in byte order; returns the postings written.
    /// Merging the title records each term's new documents in `titleDocuments`, from which the
    /// body's terms count their title-only documents.
    private func mergeField(_ field: Field, maps: [[Int32]], dictionary: TermDictionaryWriter, postings: inout PostingsWriter,
                            length: (Int) -> Int, titleDocuments: inout [[UInt8]: [UInt32]],
                            present: inout [Bool], tracker: inout MergeTracker) throws(IndexError) -> (sumDocFreq: Int, termCount: Int) {
        var sumDocFreq = 0
        var termCount = 0
        let hasPositions = layout.hasPositions(field)
        postings.recordsPositions = hasPositions
        let idPosition: [UInt32] = [0]
        var merged: [UInt32] = []
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
            merged.removeAll(keepingCapacity: true)
            for s in readers.indices {
                guard let entry = current[s], entry.term == term else { continue }
                let cursor = readers[s].postings(entry.info)
                while cursor.next() != PostingsCursor.noMoreDocs {
                    visited += 1
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
                    if field == .title || field == .body { merged.append(UInt32(target)) }
                }
                if let corruption = cursor.corruption { throw corruption }
                current[s] = try iterators[s].next().map { (Array($0.term), $0.info) }
            }
            try tracker.advance(by: visited)
            guard documents > 0 else { continue }
            var info = postings.finishTerm()
            if field == .title { titleDocuments[term] = merged }
            if field == .body, let title = titleDocuments[term] {
                // Both lists are in increasing order.
                var b = 0
                for doc in title {
                    while b < merged.count && merged[b] < doc { b += 1 }
                    if b == merged.count || merged[b] != doc { info.titleOnlyDocuments += 1 }
                }
            }
            sumDocFreq += info.docFreq
            termCount += 1
            term.withUnsafeBytes { dictionary.add($0, info: info) }
        }
        return (sumDocFreq, termCount)
    }
}
