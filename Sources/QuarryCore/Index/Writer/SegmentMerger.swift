/// Merges segments into one: live documents only, renumbered in segment order; every field's
/// terms merged in byte order with their postings re-encoded; stored fields, ids, dates and field
/// lengths copied.
struct SegmentMerger {
    let readers: [SegmentReader]
    let directory: String
    let name: String

    func merge() throws(IndexError) -> SegmentInfo {
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
        var dates = GrowableBuffer<Int64>(capacity: documentCount + 1)
        var titleLengths = GrowableBuffer<UInt32>(capacity: documentCount + 1)
        var bodyLengths = GrowableBuffer<UInt32>(capacity: documentCount + 1)
        for (s, reader) in readers.enumerated() {
            let stored = try reader.storedFields()
            for doc in 0..<reader.documentCount where maps[s][doc] >= 0 {
                let bytes = try stored.serialized(doc)
                bytes.withUnsafeBytes { storedWriter.add(serialized: $0) }
                idBytes.append(reader.ids.bytes(doc))
                idEnds.append(UInt32(idBytes.count))
                dates.append(reader.dates[doc] ?? DocumentTableFormat.noDate)
                titleLengths.append(reader.norms[.title]?[doc] ?? 0)
                bodyLengths.append(reader.norms[.body]?[doc] ?? 0)
            }
        }
        sizes[.stored] = try storedWriter.finish()
        sizes[.ids] = try DocumentTableFormat.writeIDs(idBytes.bytes, ends: idEnds.elements,
                                                       to: try FileWriter(path: path(.ids), kind: .ids, segment: id))
        sizes[.columns] = try DocumentTableFormat.writeDates(dates.elements,
                                                             to: try FileWriter(path: path(.columns), kind: .columns, segment: id))
        sizes[.norms] = try NormsFormat.write([(.title, titleLengths.elements), (.body, bodyLengths.elements)],
                                              to: try FileWriter(path: path(.norms), kind: .norms, segment: id))

        // Terms and postings.
        let termsFile = try FileWriter(path: path(.terms), kind: .terms, segment: id)
        let postingsFile = try FileWriter(path: path(.postings), kind: .postings, segment: id)
        let positionsFile = try FileWriter(path: path(.positions), kind: .positions, segment: id)
        let dictionary = TermDictionaryWriter(file: termsFile)
        var postings = PostingsWriter(postings: postingsFile, positions: positionsFile)
        var titleDocuments: [[UInt8]: [UInt32]] = [:]
        for field in [Field.title, .body, .id] {
            let lengths: (Int) -> Int = { doc in
                field == .title ? Int(titleLengths[doc]) : field == .body ? Int(bodyLengths[doc]) : 1
            }
            let sumDocFreq = try mergeField(field, maps: maps, dictionary: dictionary, postings: &postings, length: lengths,
                                            titleDocuments: &titleDocuments)
            if field == .body { titleDocuments = [:] }
            var stats = FieldStatistics(field: field, termCount: 0, docCount: 0, sumTotalTermFreq: 0, sumDocFreq: 0)
            for doc in 0..<documentCount {
                let length = lengths(doc)
                if length > 0 { stats.docCount += 1 }
                stats.sumTotalTermFreq += length
            }
            stats.sumDocFreq = sumDocFreq
            dictionary.finishField(stats)
        }
        sizes[.postings] = try postingsFile.finish()
        sizes[.positions] = try positionsFile.finish()
        sizes[.terms] = try dictionary.finish()
        let languages = Set(readers.flatMap(\.info.languages)).sorted()
        return SegmentInfo(name: name, id: id, documentCount: documentCount, deletedCount: 0, deletesGeneration: 0, fileSizes: sizes,
                           languages: languages)
    }

    /// Merges one field's terms from every segment, in byte order; returns the postings written.
    /// Merging the title records each term's new documents in `titleDocuments`, from which the
    /// body's terms count their title-only documents.
    private func mergeField(_ field: Field, maps: [[Int32]], dictionary: TermDictionaryWriter, postings: inout PostingsWriter,
                            length: (Int) -> Int, titleDocuments: inout [[UInt8]: [UInt32]]) throws(IndexError) -> Int {
        var sumDocFreq = 0
        postings.recordsPositions = field != .id
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
            merged.removeAll(keepingCapacity: true)
            for s in readers.indices {
                guard let entry = current[s], entry.term == term else { continue }
                let cursor = readers[s].postings(entry.info)
                while cursor.next() != PostingsCursor.noMoreDocs {
                    let target = maps[s][Int(cursor.doc)]
                    guard target >= 0 else { continue }
                    if field == .id {
                        idPosition.withUnsafeBufferPointer { postings.addDocument(UInt32(target), positions: $0, length: 1) }
                    } else {
                        let positions = cursor.positions()
                        if let corruption = cursor.corruption { throw corruption }
                        postings.addDocument(UInt32(target), positions: positions, length: length(Int(target)))
                    }
                    documents += 1
                    if field != .id { merged.append(UInt32(target)) }
                }
                if let corruption = cursor.corruption { throw corruption }
                current[s] = try iterators[s].next().map { (Array($0.term), $0.info) }
            }
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
            term.withUnsafeBytes { dictionary.add($0, info: info) }
        }
        return sumDocFreq
    }
}
