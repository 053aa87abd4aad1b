/// Builds one segment in memory from documents, on one thread: analyzes them, inverts the text
/// and keyword fields, streams stored fields to the segment's `.store` file, and keeps ids and
/// column values; then `flush` writes the rest of the segment's files, the id field's terms
/// from the ids kept (they are not in the shared vocabulary, which would grow with every
/// document and every inverter's term states with it).
final class SegmentBuilder {
    let info: (name: String, id: SegmentID)
    let directory: String
    private let settings: AnalysisSettings
    private let layout: FieldLayout
    private let vocabulary: Vocabulary
    private var analyzers: [String: Analyzer]
    /// The index's analyzer (`analyzers[""]`), for documents and fields that name no language
    /// without a dictionary lookup each.
    private var indexAnalyzer: Analyzer?
    private let pool = PointerCell(ByteSlicePool())
    private let title = PointerCell(FieldInverter(field: .title))
    private let body = PointerCell(FieldInverter(field: .body))
    /// The inverter of each field of the layout (by its index in `entries`) other than title and
    /// body that is inverted (text and keyword fields); nil for the rest.
    private let inverters: [FieldInverterBox?]
    /// Those inverters, in field number order.
    private let others: [FieldInverterBox]
    private let columns = PointerCell(ColumnsWriter())
    /// Per keyword field (by index in `entries`): the vocabulary term, case folded, of each of
    /// its column's keyword ids, so that each distinct value is folded and interned once.
    private let keywordTermsByID: PointerCell<[[Int32]]>
    /// The distinct terms of the keyword field being added.
    private let keywordTerms = PointerCell(GrowableBuffer<Int32>(capacity: 16))
    private let tokens = PointerCell(TokenBuffer())
    private let storedFile: FileWriter
    private let stored: StoredFieldsWriter
    private let idBytes = PointerCell(ByteStream(capacity: 1 << 16))
    private let idEnds = PointerCell(GrowableBuffer<UInt32>(capacity: 1 << 12))
    /// The order in which the documents were read (for "the last one wins" across segments), in
    /// a cell: appending runs without run-time exclusivity checks.
    private let readOrder = PointerCell(ReadOrder())
    /// The languages this segment's documents named.
    private var languages: Set<String> = []

    /// Starts segment `name` in `directory`. Analyzers share `vocabulary`, which outlives the
    /// builder so the next segment on this thread starts with warm caches.
    init(name: String, directory: String, settings: AnalysisSettings, layout: FieldLayout, vocabulary: Vocabulary,
         analyzers: [String: Analyzer]) throws(IndexError) {
        let id = SegmentID.random()
        info = (name, id)
        self.directory = directory
        self.settings = settings
        self.layout = layout
        inverters = layout.entries.map { entry in
            entry.isInverted && entry.field != .title && entry.field != .body ? FieldInverterBox(field: entry.field) : nil
        }
        others = inverters.compactMap { $0 }.sorted { $0.inverter.value.field < $1.inverter.value.field }
        keywordTermsByID = PointerCell(Array(repeating: [], count: layout.entries.count))
        for entry in layout.entries {
            if let kind = entry.columnKind { columns.value.declare(field: entry.field.number, kind: kind) }
        }
        self.vocabulary = vocabulary
        self.analyzers = analyzers
        storedFile = try FileWriter(path: "\(directory)/\(name).\(FileFormat.Kind.stored.fileExtension)", kind: .stored, segment: id)
        stored = StoredFieldsWriter(file: storedFile)
    }

    /// The analyzers made so far (by language), to hand to the next builder.
    var analyzersByLanguage: [String: Analyzer] { analyzers }

    /// The order in which each document was read (for "the last one wins" across segments).
    var sequenceNumbers: ReadOrder { readOrder.value }

    var documentCount: Int { readOrder.value.count }

    /// Bytes of memory the segment in progress holds (postings, term tables, ids); the caller
    /// flushes when it passes its budget.
    var memoryBytes: Int {
        pool.value.memoryBytes + title.value.memoryBytes + body.value.memoryBytes
            + others.reduce(0) { $0 + $1.inverter.value.memoryBytes } + columns.value.memoryBytes
            + idBytes.value.count + idEnds.value.memoryBytes + readOrder.value.memoryBytes
    }

    /// Adds a document, read `sequence`-th, with its members' values as `FieldConverter` gave
    /// them (a value that did not fit is not among them; the writer reported it).
    func add(_ document: Document, fields: ConvertedFields, sequence: Int) throws(IndexError) {
        let doc = Int32(documentCount)
        let analyzer = try self.analyzer(for: document.language ?? layout.schema.fields[0].language)
        analyze(document.title, with: analyzer)
        title.value.add(doc: doc, tokens: tokens.value, pool: &pool.value)
        let bodyAnalyzer = document.language != nil || layout.schema.fields[1].language == layout.schema.fields[0].language
            ? analyzer : try self.analyzer(for: layout.schema.fields[1].language)
        analyze(document.body, with: bodyAnalyzer)
        body.value.add(doc: doc, tokens: tokens.value, pool: &pool.value)
        var stored = Self.storedFields(of: document, reserving: fields.values.count + fields.unknownMembers.count)
        // Each field's values, and the strings of members the schema lacks, in member order.
        let values = fields.values
        var unknown = fields.unknownMembers[...]
        var start = 0
        while start < values.count || !unknown.isEmpty {
            let member = start < values.count ? values[start].member : Int.max
            while let next = unknown.first, next < member {
                Self.storeUnknown(document.fields[next], in: &stored)
                unknown = unknown.dropFirst()
            }
            guard start < values.count else { break }
            var end = start + 1
            while end < values.count && values[end].entry == values[start].entry { end += 1 }
            try add(values[start..<end], entry: values[start].entry, doc: doc, language: document.language, stored: &stored)
            start = end
        }
        // The fields the document did not give (or gave only values that do not fit).
        for box in others where box.inverter.value.documentCount == Int(doc) {
            tokens.value.removeAll()
            box.inverter.value.add(doc: doc, tokens: tokens.value, pool: &pool.value)
        }

        var id = document.id
        id.withUTF8 { idBytes.value.append(UnsafeRawBufferPointer($0)) }
        idEnds.value.append(UInt32(idBytes.value.count))

        self.stored.add(stored)
        readOrder.value.append(sequence)
    }

    /// Keeps the strings of a member that is not a field of the schema, for display.
    private static func storeUnknown(_ member: DocumentField, in stored: inout [StoredField]) {
        for case .string(let text) in member.values { stored.append(StoredField(name: member.name, value: text)) }
    }

    /// Adds one field's values (`entry`, its index in the layout): analyzed text, keyword terms
    /// and column values, and their text to `stored` when the field is stored.
    private func add(_ values: ArraySlice<ConvertedFields.Value>, entry index: Int, doc: Int32, language: String?,
                     stored: inout [StoredField]) throws(IndexError) {
        // The definition is read in place, not copied (a copy retains its strings).
        let number = layout.entries[index].field.number
        let isStored = layout.entries[index].definition.stored
        tokens.value.removeAll()
        keywordTerms.value.removeAll()
        for value in values {
            switch value.typed {
            case .text(let text):
                var text = text
                let analyzer = try self.analyzer(for: language ?? layout.entries[index].definition.language)
                text.withUTF8 { analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens.value) }
            case .keyword(let text):
                var text = text
                let id = text.withUTF8 { columns.value.addKeyword(field: number, doc: Int(doc), value: UnsafeRawBufferPointer($0)) }
                if id == keywordTermsByID.value[index].count {
                    var folded = KeywordTerm.folded(text)
                    keywordTermsByID.value[index].append(folded.withUTF8 { vocabulary.intern(UnsafeRawBufferPointer($0)) })
                }
                let term = keywordTermsByID.value[index][id]
                if !keywordTerms.value.elements.contains(term) { keywordTerms.value.append(term) }
            case .seconds(let value), .integer(let value):
                columns.value.addNumeric(field: number, doc: Int(doc), value: value)
            case .float(let value):
                columns.value.addNumeric(field: number, doc: Int(doc), value: SortableDouble.bits(value))
            case .stored:
                break
            }
            if isStored { stored.append(StoredField(name: layout.entries[index].definition.name, value: value.given.text)) }
        }
        guard let box = inverters[index] else { return }
        for (position, term) in keywordTerms.value.elements.enumerated() {
            tokens.value.append(term: term, position: Int32(position), start: 0, end: 0)
        }
        box.inverter.value.add(doc: doc, tokens: tokens.value, pool: &pool.value)
    }

    /// The id, title, body, language and path, stored for display and snippets, in a fixed order,
    /// with room for `extra` more fields.
    private static func storedFields(of document: Document, reserving extra: Int) -> [StoredField] {
        var fields: [StoredField] = []
        fields.reserveCapacity(5 + extra)
        fields.append(StoredField(name: "id", value: document.id))
        fields.append(StoredField(name: "title", value: document.title))
        fields.append(StoredField(name: "text", value: document.body))
        if let language = document.language { fields.append(StoredField(name: "lang", value: language)) }
        if let path = document.path { fields.append(StoredField(name: "path", value: path)) }
        return fields
    }

    private func analyze(_ text: String, with analyzer: Analyzer) {
        tokens.value.removeAll()
        var text = text
        text.withUTF8 { analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens.value) }
    }

    /// The analyzer for a document's language (the index's when it names none).
    private func analyzer(for language: String?) throws(IndexError) -> Analyzer {
        if language == nil, let indexAnalyzer { return indexAnalyzer }
        let key = language?.lowercased() ?? ""
        if !key.isEmpty { languages.insert(key) }
        if let analyzer = analyzers[key] {
            if key.isEmpty { indexAnalyzer = analyzer }
            return analyzer
        }
        var documentSettings = settings
        if !key.isEmpty { documentSettings = settings.with(language: Language.parse(key).language) }
        do {
            let analyzer = try Analyzer(settings: documentSettings, vocabulary: vocabulary)
            analyzers[key] = analyzer
            if key.isEmpty { indexAnalyzer = analyzer }
            return analyzer
        } catch {
            throw .invalidArgument("cannot analyze language '\(key)': \(error)")
        }
    }

    /// Writes the segment's files and returns its manifest entry. The builder is spent.
    func flush() throws(IndexError) -> SegmentInfo {
        var sizes: [FileFormat.Kind: Int] = [:]
        let path = { (kind: FileFormat.Kind) in "\(self.directory)/\(self.info.name).\(kind.fileExtension)" }
        sizes[.stored] = try stored.finish()

        let termsFile = try FileWriter(path: path(.terms), kind: .terms, segment: info.id)
        let postingsFile = try FileWriter(path: path(.postings), kind: .postings, segment: info.id)
        let positionsFile = try FileWriter(path: path(.positions), kind: .positions, segment: info.id)
        let dictionary = TermDictionaryWriter(file: termsFile)
        var postings = PostingsWriter(postings: postingsFile, positions: positionsFile)
        write(title.value, title: title.value, pool: pool.value, dictionary: dictionary, postings: &postings)
        write(body.value, title: title.value, pool: pool.value, dictionary: dictionary, postings: &postings)
        writeIdentifiers(dictionary: dictionary, postings: &postings)
        for box in others {
            write(box.inverter.value, title: title.value, pool: pool.value, dictionary: dictionary, postings: &postings)
        }
        sizes[.postings] = try postingsFile.finish()
        sizes[.positions] = try positionsFile.finish()
        sizes[.terms] = try dictionary.finish()

        let normsFile = try FileWriter(path: path(.norms), kind: .norms, segment: info.id)
        var lengths = [(field: Field.title, values: title.value.lengths.elements), (Field.body, body.value.lengths.elements)]
        for box in others where layout.hasPositions(box.inverter.value.field) {
            lengths.append((box.inverter.value.field, box.inverter.value.lengths.elements))
        }
        sizes[.norms] = try NormsFormat.write(lengths, to: normsFile)
        let idsFile = try FileWriter(path: path(.ids), kind: .ids, segment: info.id)
        sizes[.ids] = try DocumentTableFormat.writeIDs(idBytes.value.bytes, ends: idEnds.value.elements, to: idsFile)
        let columnsFile = try FileWriter(path: path(.columns), kind: .columns, segment: info.id)
        sizes[.columns] = try columns.value.write(documentCount: documentCount, to: columnsFile)
        return SegmentInfo(name: info.name, id: info.id, documentCount: documentCount, deletedCount: 0,
                           deletesGeneration: 0, fileSizes: sizes, languages: languages.sorted())
    }

    /// Writes one field's terms in byte order, with their postings; for the body, `title` gives
    /// each term's title documents, to count those that lack it in the body.
    private func write(_ inverter: borrowing FieldInverter, title: borrowing FieldInverter, pool: borrowing ByteSlicePool,
                       dictionary: TermDictionaryWriter, postings: inout PostingsWriter) {
        let order = sortedTerms(inverter)
        var positions = GrowableBuffer<UInt32>(capacity: 256)
        var documentList = GrowableBuffer<Int32>(capacity: 256)
        postings.recordsPositions = layout.hasPositions(inverter.field)
        dictionary.startField(inverter.field)
        var sumDocFreq = 0
        for term in order {
            let state = inverter.states[Int(term)]
            var documents = SliceReader(state.documents)
            var positionStream = SliceReader(state.positions)
            postings.startTerm()
            documentList.removeAll()
            var doc: Int32 = -1
            while !documents.isAtEnd {
                let value = documents.readVInt(pool)
                doc += Int32(value >> 1) + 1
                documentList.append(doc)
                let freq = value & 1 == 1 ? 1 : Int(documents.readVInt(pool))
                positions.removeAll()
                var position: UInt32 = 0
                for k in 0..<freq {
                    let gap = positionStream.readVInt(pool)
                    position = k == 0 ? gap : position + gap + 1
                    positions.append(position)
                }
                postings.addDocument(UInt32(doc), positions: positions.elements, length: Int(inverter.lengths[Int(doc)]))
            }
            var info = postings.finishTerm()
            if inverter.field == .body {
                info.titleOnlyDocuments = Self.documents(of: term, in: title, pool: pool, notIn: documentList.elements)
            }
            sumDocFreq += info.docFreq
            dictionary.add(vocabulary.bytes(of: term), info: info)
        }
        dictionary.finishField(FieldStatistics(field: inverter.field, termCount: order.count,
                                               docCount: inverter.documentsWithField,
                                               sumTotalTermFreq: inverter.tokenCount, sumDocFreq: sumDocFreq))
    }

    /// Writes the id field's terms in byte order, each with the documents that have it (more than
    /// one only when an id came twice): what an inverter of the ids would hold, one token at
    /// position 0 in each document, found by sorting the ids kept for the ids file.
    private func writeIdentifiers(dictionary: TermDictionaryWriter, postings: inout PostingsWriter) {
        let bytes = idBytes.value.bytes
        let ends = idEnds.value.elements
        let id = { (doc: Int) in
            UnsafeRawBufferPointer(rebasing: bytes[(doc == 0 ? 0 : Int(ends[doc - 1]))..<Int(ends[doc])])
        }
        var keys: [(prefix: UInt64, doc: Int32)] = []
        keys.reserveCapacity(ends.count)
        for doc in 0..<ends.count { keys.append((Self.sortPrefix(id(doc)), Int32(doc))) }
        keys.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            let order = ByteComparison.order(id(Int(a.doc)), id(Int(b.doc)))
            return order != 0 ? order < 0 : a.doc < b.doc
        }
        postings.recordsPositions = layout.hasPositions(.id)
        dictionary.startField(.id)
        var firstPosition = GrowableBuffer<UInt32>(capacity: 1)
        firstPosition.append(0)
        var terms = 0
        var start = 0
        while start < keys.count {
            let term = id(Int(keys[start].doc))
            var end = start + 1
            while end < keys.count && keys[end].prefix == keys[start].prefix
                && ByteComparison.order(id(Int(keys[end].doc)), term) == 0 { end += 1 }
            postings.startTerm()
            for key in keys[start..<end] {
                postings.addDocument(UInt32(key.doc), positions: firstPosition.elements, length: 1)
            }
            dictionary.add(term, info: postings.finishTerm())
            terms += 1
            start = end
        }
        dictionary.finishField(FieldStatistics(field: .id, termCount: terms, docCount: keys.count,
                                               sumTotalTermFreq: keys.count, sumDocFreq: keys.count))
    }

    /// A term's first 8 bytes as a big-endian number (zeros after a shorter term): the
    /// byte order of terms, compared at once for most pairs.
    private static func sortPrefix(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var prefix: UInt64 = 0
        for i in 0..<8 { prefix = prefix << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
        return prefix
    }

    /// How many of `term`'s documents in `inverter` are not among `others` (sorted).
    private static func documents(of term: Int32, in inverter: borrowing FieldInverter, pool: borrowing ByteSlicePool,
                                  notIn others: UnsafeBufferPointer<Int32>) -> Int {
        guard Int(term) < inverter.states.count else { return 0 }
        let state = inverter.states[Int(term)]
        guard state.lastDoc != -2 else { return 0 }
        var documents = SliceReader(state.documents)
        var doc: Int32 = -1
        var other = 0
        var missing = 0
        while !documents.isAtEnd {
            let value = documents.readVInt(pool)
            doc += Int32(value >> 1) + 1
            if value & 1 == 0 { _ = documents.readVInt(pool) }
            while other < others.count && others[other] < doc { other += 1 }
            if other == others.count || others[other] != doc { missing += 1 }
        }
        return missing
    }

    /// The field's terms (vocabulary ids) in the byte order of their text.
    private func sortedTerms(_ inverter: borrowing FieldInverter) -> [Int32] {
        var keys: [(prefix: UInt64, term: Int32)] = []
        keys.reserveCapacity(inverter.termCount)
        for term in inverter.vocabularyIDs.elements {
            keys.append((Self.sortPrefix(vocabulary.bytes(of: term)), term))
        }
        let vocabulary = self.vocabulary
        keys.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            return vocabulary.bytes(of: a.term).lexicographicallyPrecedes(vocabulary.bytes(of: b.term))
        }
        return keys.map(\.term)
    }
}
