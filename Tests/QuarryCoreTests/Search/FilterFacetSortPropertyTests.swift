import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Filters, facets and sorts against a brute-force scan of the documents generated
/// (`FilterFacetSortReference`, which shares no code with the engine's filters, columns, facets
/// or sorting): seeded random schemas (single- or multi-valued dates and numbers), documents with
/// missing, repeated and mixed-case values, extreme integers, several segments with deletes and
/// replaced documents, then a merge into one segment with more deletes.
///
/// The words of a query are matched and scored by the engine itself, without the filters: the
/// filtered search must return exactly those of its documents the scan keeps, with the same
/// scores (filters add nothing), and a query of only filters the scan's documents, scoring 0.
@Suite struct FilterFacetSortPropertyTests {
    private typealias Reference = FilterFacetSortReference

    private static let words = (0..<12).map { "w\($0)" }
    private static let sources = ["reuters", "bbc", "ap", "afp", "guardian"]
    private static let tags = ["sport", "politics", "tech", "health", "obituary", "science"]
    private static let years = [1955, 1969, 1970, 1999, 2000, 2020, 2021, 2022, 2023, 2024]
    /// Integers that stress the columns' frames of reference and the bounds of 64 bits; around
    /// 2^53 a double cannot tell them apart.
    private static let extremeCounts: [Int64] = [Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 1_000_000_000_000,
                                                 -987_654_321_012, 9_007_199_254_740_993, 9_007_199_254_740_995]
    private static let pricePool: [Double] = [-2.5, -0.125, 0, 0.1, 0.25, 1.5, 2, 3, 3.75, 99.99, 1e10, -1e-3]

    /// The generated collection: the live documents by id, and whether each numeric field is
    /// multi-valued.
    private struct Corpus {
        var live: [String: ReferenceDocument] = [:]
        var multiDate = false
        var multiCount = false
        var multiPrice = false

        /// The live documents in id order (a dictionary's order changes from run to run; the
        /// generator's draws must not).
        var documents: [ReferenceDocument] { live.values.sorted { $0.id < $1.id } }

        var schema: Schema {
            get throws {
                try Schema(fields: [
                    FieldDefinition(name: "source", type: .keyword),
                    FieldDefinition(name: "tag", type: .keyword, multiValued: true),
                    FieldDefinition(name: "date", type: .date, multiValued: multiDate),
                    FieldDefinition(name: "count", type: .integer, multiValued: multiCount),
                    FieldDefinition(name: "price", type: .float, multiValued: multiPrice),
                ])
            }
        }
    }

    /// A query's text and the scan's verdict on a document (words aside).
    private struct Filter {
        let text: String
        let admits: (ReferenceDocument) -> Bool
    }

    /// A generated query: its text, its words (nil for a query of only filters), and which
    /// documents the filters keep.
    private struct GeneratedQuery {
        let text: String
        let words: [String]?
        let admits: (ReferenceDocument) -> Bool
    }

    @Test func filtersFacetsAndSortsMatchABruteForceScan() throws {
        var generator = SeededGenerator(seed: 20261202)
        for round in 0..<3 {
            var collection = Corpus()
            collection.multiDate = Bool.random(using: &generator)
            collection.multiCount = Bool.random(using: &generator)
            collection.multiPrice = Bool.random(using: &generator)
            let directory = TemporaryDirectory()
            try build(&collection, in: directory.path, &generator)
            var reader = try IndexReader(directory: directory.path)
            #expect(reader.segments.count > 1, "round \(round): one segment only")
            try check(reader, collection, queries: 40, context: "round \(round)", &generator)

            let merging = try IndexWriterCore(directory: directory.path)
            try deleteSome(merging, &collection, &generator)
            try merging.merge(maximumSegments: 1)
            try merging.commit()
            reader = try IndexReader(directory: directory.path)
            #expect(reader.segments.count == 1, "round \(round): \(reader.segments.count) segments after the merge")
            try check(reader, collection, queries: 25, context: "round \(round), merged", &generator)
        }
    }

    /// An index of the previous format version (every file's header saying 3, checksums
    /// consistent) is refused, for reading and for writing, with a typed error that says to
    /// rebuild, and is left as it was.
    @Test func anIndexOfTheOldFormatIsRefusedWithAMessageToRebuild() throws {
        let index = try TestIndex([Document(id: "a", title: "old", fields: [DocumentField("source", "bbc")])])
        let directory = index.directory.path
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { IndexFileName($0) != nil }
        var patched: [String: [UInt8]] = [:]
        for name in names {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)")))
            guard bytes.count >= FileFormat.headerSize + FileFormat.footerSize, bytes.starts(with: FileFormat.magic) else { continue }
            bytes.replaceSubrange(8..<12, with: [3, 0, 0, 0])
            let footer = bytes.count - FileFormat.footerSize
            let crc = bytes.withUnsafeBytes { Checksum.crc32c(UnsafeRawBufferPointer(rebasing: $0[0..<(footer + 4)])) }
            bytes.replaceSubrange((footer + 4)..<(footer + 8), with: withUnsafeBytes(of: crc.littleEndian, Array.init))
            index.directory.write(name, bytes: bytes)
            patched[name] = bytes
        }
        #expect(patched[Manifest.fileName] != nil)
        let expected = IndexError.unsupportedVersion(file: "\(directory)/\(Manifest.fileName)", found: 3, supported: FileFormat.version)
        #expect(throws: expected) { _ = try IndexReader(directory: directory) }
        #expect(throws: expected) { _ = try IndexWriterCore(directory: directory) }
        #expect(expected.description.contains("format version 3"))
        #expect(expected.description.contains("rebuild the index"))
        for (name, bytes) in patched {
            #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))) == bytes, "\(name) changed")
        }
    }

    /// Integers beyond 2^53 against range ends they round onto as doubles (found by the
    /// property test: `..9.223372036854776e+18` left out `Int64.max`).
    @Test func integerFacetRangesCompareExactly() throws {
        let top = 9_007_199_254_740_996.0  // 2^53 + 4: 2^53 + 3 rounds onto it.
        #expect(FacetRange(from: nil, to: top).contains(Int64(9_007_199_254_740_995)))
        #expect(!FacetRange(from: nil, to: top).contains(Int64(9_007_199_254_740_996)))
        #expect(!FacetRange(from: top, to: nil).contains(Int64(9_007_199_254_740_995)))
        #expect(FacetRange(from: nil, to: 0x1p63).contains(Int64.max))
        #expect(!FacetRange(from: 0x1p63, to: nil).contains(Int64.max))
        #expect(FacetRange(from: -0x1p63, to: -0x1p63 + 2048).contains(Int64.min))
        #expect(!FacetRange(from: -1e300, to: -0x1p63).contains(Int64.min))
        #expect(FacetRange(from: 2.5, to: 3.5).contains(Int64(3)) && !FacetRange(from: 2.5, to: 3.5).contains(Int64(2)))
        let schema = try Schema(fields: [FieldDefinition(name: "count", type: .integer)])
        #expect(FacetRequest(field: "count", grouping: .ranges([FacetRange(from: .nan, to: 1)])).problem(in: schema) != nil)
    }

    // MARK: Generating documents

    /// Indexes random documents into `collection` in `directory`: two to four batches (each one
    /// or two segments, by the threads), replacing some earlier documents, with deletes between
    /// commits.
    private func build(_ collection: inout Corpus, in directory: String, _ g: inout SeededGenerator) throws {
        let writer = try IndexWriterCore.create(directory: directory, settings: AnalysisSettings(language: .none),
                                            schema: try collection.schema)
        var next = 0
        for _ in 0..<Int.random(in: 2...4, using: &g) {
            var batch: [Document] = []
            for _ in 0..<Int.random(in: 60...250, using: &g) {
                // Now and then a document replaces one of an earlier batch.
                let id: String
                if !collection.live.isEmpty, Int.random(in: 0..<20, using: &g) == 0,
                   let earlier = collection.live.keys.sorted().randomElement(using: &g),
                   !batch.contains(where: { $0.id == earlier }) {
                    id = earlier
                } else {
                    id = "d\(next)"
                    next += 1
                }
                let (document, reference) = makeDocument(id, collection, &g)
                batch.append(document)
                collection.live[id] = reference
            }
            _ = try writer.add(batch, options: IndexingOptions(threads: Int.random(in: 1...2, using: &g),
                                                             memoryMB: Int.random(in: 16...64, using: &g)))
            if Bool.random(using: &g) {
                try deleteSome(writer, &collection, &g)
                try writer.commit()
            }
        }
        try deleteSome(writer, &collection, &g)
        try writer.commit()
    }

    private func makeDocument(_ id: String, _ collection: Corpus, _ g: inout SeededGenerator) -> (Document, ReferenceDocument) {
        var reference = ReferenceDocument(id: id, title: words(Int.random(in: 0...3, using: &g), &g),
                                          body: words(Int.random(in: 0...12, using: &g), &g),
                                          source: [], tags: [], dates: [], counts: [], prices: [])
        var fields: [DocumentField] = []
        if Int.random(in: 0..<5, using: &g) > 0 {
            reference.source = [cased(Self.sources.randomElement(using: &g)!, &g)]
            fields.append(DocumentField("source", reference.source[0]))
        }
        reference.tags = (0..<Int.random(in: 0...3, using: &g)).map { _ in cased(Self.tags.randomElement(using: &g)!, &g) }
        if !reference.tags.isEmpty || Bool.random(using: &g) {
            fields.append(DocumentField(name: "tag", values: reference.tags.map { .string($0) }, isArray: true))
        }
        var dateTexts: [String] = []
        for _ in 0..<valueCount(multi: collection.multiDate, &g) {
            let text = dateText(&g)
            dateTexts.append(text)
            reference.dates.append(ISODate.seconds(text)!)
        }
        if !dateTexts.isEmpty || (collection.multiDate && Bool.random(using: &g)) {
            fields.append(DocumentField(name: "date", values: dateTexts.map { .string($0) }, isArray: collection.multiDate))
        }
        reference.counts = (0..<valueCount(multi: collection.multiCount, &g)).map { _ in count(&g) }
        if !reference.counts.isEmpty {
            fields.append(DocumentField(name: "count", values: reference.counts.map { .integer($0) }, isArray: collection.multiCount))
        }
        reference.prices = (0..<valueCount(multi: collection.multiPrice, &g)).map { _ in price(&g) }
        if !reference.prices.isEmpty {
            // A float field takes integers too.
            let values: [FieldValue] = reference.prices.map { price in
                if price == price.rounded(), abs(price) < 1e6, Bool.random(using: &g) { return .integer(Int64(price)) }
                return .float(price)
            }
            fields.append(DocumentField(name: "price", values: values, isArray: collection.multiPrice))
        }
        fields.shuffle(using: &g)
        let document = Document(id: id, title: reference.title.joined(separator: " "), body: reference.body.joined(separator: " "),
                                fields: fields)
        return (document, reference)
    }

    private func words(_ count: Int, _ g: inout SeededGenerator) -> [String] {
        g.skewedWords(count, from: Self.words)
    }

    /// How many values a document gives: none about one time in five, else one, or up to four
    /// when the field is multi-valued (repeats possible).
    private func valueCount(multi: Bool, _ g: inout SeededGenerator) -> Int {
        guard Int.random(in: 0..<5, using: &g) > 0 else { return 0 }
        return multi ? Int.random(in: 1...4, using: &g) : 1
    }

    /// `value` in lower case mostly, else capitalized or in capitals.
    private func cased(_ value: String, _ g: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<6, using: &g) {
        case 0, 1: return value.prefix(1).uppercased() + value.dropFirst()
        case 2: return value.uppercased()
        default: return value
        }
    }

    private func dateText(_ g: inout SeededGenerator) -> String {
        let day = String(format: "%04d-%02d-%02d", Self.years.randomElement(using: &g)!, Int.random(in: 1...12, using: &g),
                         Int.random(in: 1...28, using: &g))
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return day
        case 1:
            // An offset moves the instant, sometimes into another day, month or year in UTC.
            return day + String(format: "T%02d:%02d:00%@%02d:00", Int.random(in: 0...23, using: &g), Int.random(in: 0...59, using: &g),
                                Bool.random(using: &g) ? "+" : "-", Int.random(in: 0...14, using: &g))
        default:
            return day + String(format: "T%02d:%02d:%02dZ", Int.random(in: 0...23, using: &g), Int.random(in: 0...59, using: &g),
                                Int.random(in: 0...59, using: &g))
        }
    }

    private func count(_ g: inout SeededGenerator) -> Int64 {
        switch Int.random(in: 0..<10, using: &g) {
        case 0: return Self.extremeCounts.randomElement(using: &g)!
        case 1: return Int64.random(in: -1_000_000...1_000_000, using: &g)
        default: return Int64.random(in: -5...12, using: &g)
        }
    }

    private func price(_ g: inout SeededGenerator) -> Double {
        Bool.random(using: &g) ? Self.pricePool.randomElement(using: &g)! : Double(Int.random(in: -500...500, using: &g)) / 4
    }

    private func deleteSome(_ writer: IndexWriterCore, _ collection: inout Corpus, _ g: inout SeededGenerator) throws {
        let ids = collection.live.keys.sorted()
        guard !ids.isEmpty else { return }
        let chosen = (0..<Int.random(in: 1...12, using: &g)).map { _ in ids.randomElement(using: &g)! }
        try writer.delete(ids: chosen)
        for id in chosen { collection.live[id] = nil }
    }

    // MARK: Generating queries

    /// A random query: words with filters, or filters only (all of them, any of them, or one
    /// but not another), numeric ends drawn from the values of `documents` or near them.
    private func query(_ documents: [ReferenceDocument], _ g: inout SeededGenerator) -> GeneratedQuery {
        let filterCount = Int.random(in: 1...3, using: &g)
        let filters = (0..<filterCount).map { _ in filter(documents, &g) }
        switch Int.random(in: 0..<5, using: &g) {
        case 0, 1:
            // Words next to filters: the words' matches, narrowed by every filter.
            var words: [String] = []
            let wordCount = Int.random(in: 1...2, using: &g)
            while words.count < wordCount {
                let word = Int.random(in: 0..<10, using: &g) == 0 ? "absent" : Self.words.randomElement(using: &g)!
                if !words.contains(word) { words.append(word) }
            }
            let positive = Array(filters.prefix(Int.random(in: 0...filterCount, using: &g)))
            let negated = Bool.random(using: &g) ? [filter(documents, &g)] : []
            let text = (words + positive.map(\.text) + negated.map { "-" + $0.text }).joined(separator: " ")
            return GeneratedQuery(text: text, words: words) { document in
                positive.allSatisfy { $0.admits(document) } && !negated.contains { $0.admits(document) }
            }
        case 2:
            let text = Bool.random(using: &g) ? filters.map(\.text).joined(separator: " AND ")
                : filters.map { "+" + $0.text }.joined(separator: " ")
            return GeneratedQuery(text: text, words: nil) { document in filters.allSatisfy { $0.admits(document) } }
        case 3:
            // A group of only filters is their union.
            return GeneratedQuery(text: filters.map(\.text).joined(separator: " "), words: nil) { document in
                filters.contains { $0.admits(document) }
            }
        default:
            let negated = filter(documents, &g)
            return GeneratedQuery(text: filters[0].text + " -" + negated.text, words: nil) { document in
                filters[0].admits(document) && !negated.admits(document)
            }
        }
    }

    /// A random filter on one of the fields.
    private func filter(_ documents: [ReferenceDocument], _ g: inout SeededGenerator) -> Filter {
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return keywordFilter(&g)
        case 1: return dateFilter(&g)
        case 2:
            let known = documents.flatMap(\.counts)
            return numericFilter("count", of: \.counts, least: Int64.min, greatest: Int64.max, &g) { g in
                !known.isEmpty && Bool.random(using: &g) ? known.randomElement(using: &g)! : count(&g)
            }
        default:
            let known = documents.flatMap(\.prices)
            return numericFilter("price", of: \.prices, &g) { g in
                !known.isEmpty && Bool.random(using: &g) ? known.randomElement(using: &g)! : price(&g) + (Bool.random(using: &g) ? 0 : 0.1)
            }
        }
    }

    /// `source:value` or `tag:(a OR b)`, in any case, sometimes of a value no document has.
    private func keywordFilter(_ g: inout SeededGenerator) -> Filter {
        let field = Bool.random(using: &g) ? "source" : "tag"
        let pool = field == "source" ? Self.sources : Self.tags
        let values = (0..<Int.random(in: 1...2, using: &g)).map { _ in
            Int.random(in: 0..<12, using: &g) == 0 ? "nosuch" : cased(pool.randomElement(using: &g)!, &g)
        }
        let text = values.count == 1 ? "\(field):\(values[0])" : "\(field):(\(values.joined(separator: " OR ")))"
        let folded = Set(values.map { $0.lowercased() })
        return Filter(text: text) { document in
            (field == "source" ? document.source : document.tags).contains { folded.contains($0.lowercased()) }
        }
    }

    /// A period a date filter names: its text, first and last second.
    private struct Period {
        let text: String
        let start: Int64
        let end: Int64
        var isInstant: Bool { start == end }
    }

    private func period(_ g: inout SeededGenerator) -> Period {
        let year = Self.years.randomElement(using: &g)! + Int.random(in: -1...1, using: &g)
        let month = Int.random(in: 1...12, using: &g)
        let yearText = String(format: "%04d", year)
        switch Int.random(in: 0..<4, using: &g) {
        case 0:
            return Period(text: yearText, start: ISODate.seconds(yearText)!, end: ISODate.seconds(String(format: "%04d", year + 1))! - 1)
        case 1:
            let text = String(format: "%04d-%02d", year, month)
            let next = month == 12 ? String(format: "%04d-01", year + 1) : String(format: "%04d-%02d", year, month + 1)
            return Period(text: text, start: ISODate.seconds(text)!, end: ISODate.seconds(next)! - 1)
        case 2:
            let text = String(format: "%04d-%02d-%02d", year, month, Int.random(in: 1...28, using: &g))
            return Period(text: text, start: ISODate.seconds(text)!, end: ISODate.seconds(text)! + 86_399)
        default:
            let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, Int.random(in: 1...28, using: &g),
                              Int.random(in: 0...23, using: &g), Int.random(in: 0...59, using: &g), Int.random(in: 0...59, using: &g))
            return Period(text: text, start: ISODate.seconds(text)!, end: ISODate.seconds(text)!)
        }
    }

    /// `date:[a TO b]` (an end may be `*`), `date:>=p` and the other comparisons, or `date:p`:
    /// a period from its first to its last second.
    private func dateFilter(_ g: inout SeededGenerator) -> Filter {
        let p = period(&g)
        func any(_ test: @escaping (Int64) -> Bool) -> (ReferenceDocument) -> Bool { { $0.dates.contains(where: test) } }
        switch Int.random(in: 0..<6, using: &g) {
        case 0:
            let q = period(&g)
            let low = Bool.random(using: &g) ? p : nil
            let high = Int.random(in: 0..<3, using: &g) > 0 ? q : nil
            return Filter(text: "date:[\(low?.text ?? "*") TO \(high?.text ?? "*")]",
                          admits: any { value in (low.map { value >= $0.start } ?? true) && (high.map { value <= $0.end } ?? true) })
        case 1 where p.isInstant:
            return Filter(text: "date:\"\(p.text)\"", admits: any { $0 == p.start })
        case 1: return Filter(text: "date:\(p.text)", admits: any { $0 >= p.start && $0 <= p.end })
        case 2 where !p.isInstant: return Filter(text: "date:>=\(p.text)", admits: any { $0 >= p.start })
        case 3 where !p.isInstant: return Filter(text: "date:>\(p.text)", admits: any { $0 > p.end })
        case 4 where !p.isInstant: return Filter(text: "date:<=\(p.text)", admits: any { $0 <= p.end })
        case 5 where !p.isInstant: return Filter(text: "date:<\(p.text)", admits: any { $0 < p.start })
        default: return Filter(text: "date:[\(p.text) TO \(p.text)]", admits: any { $0 >= p.start && $0 <= p.end })
        }
    }

    /// A comparison or range on `field` (`count` or `price`), its ends drawn by `bound`:
    /// `field:[a TO b]` (an end may be `*`), `field:v`, `field:>=v` and the other comparisons
    /// (none past `least` or `greatest`, which leave nothing below or above them).
    private func numericFilter<Value: Comparable>(_ field: String, of values: @escaping (ReferenceDocument) -> [Value],
                                                  least: Value? = nil, greatest: Value? = nil, _ g: inout SeededGenerator,
                                                  bound: (inout SeededGenerator) -> Value) -> Filter {
        let value = bound(&g)
        func any(_ test: @escaping (Value) -> Bool) -> (ReferenceDocument) -> Bool { { values($0).contains(where: test) } }
        switch Int.random(in: 0..<6, using: &g) {
        case 0:
            let other = bound(&g)
            let low = Bool.random(using: &g) ? min(value, other) : nil
            let high = Int.random(in: 0..<3, using: &g) > 0 ? max(value, other) : nil
            return Filter(text: "\(field):[\(low.map { "\($0)" } ?? "*") TO \(high.map { "\($0)" } ?? "*")]",
                          admits: any { found in (low.map { found >= $0 } ?? true) && (high.map { found <= $0 } ?? true) })
        case 1: return Filter(text: "\(field):\(value)", admits: any { $0 == value })
        case 2: return Filter(text: "\(field):>=\(value)", admits: any { $0 >= value })
        case 3 where value != greatest: return Filter(text: "\(field):>\(value)", admits: any { $0 > value })
        case 4: return Filter(text: "\(field):<=\(value)", admits: any { $0 <= value })
        case 5 where value != least: return Filter(text: "\(field):<\(value)", admits: any { $0 < value })
        default: return Filter(text: "\(field):[\(value) TO *]", admits: any { $0 >= value })
        }
    }

    // MARK: Facets and sorts

    /// Random facets with the scan's counts over `matching` (range ends from `documents`' values).
    private func facets(_ matching: [ReferenceDocument], _ documents: [ReferenceDocument],
                        _ g: inout SeededGenerator) -> [(request: FacetRequest, expected: FacetResult)] {
        (0..<Int.random(in: 1...3, using: &g)).map { _ in
            let size = Int.random(in: 1...6, using: &g)
            switch Int.random(in: 0..<8, using: &g) {
            case 0:
                return (FacetRequest(field: "source", size: size),
                        Reference.values(matching, field: "source", size: size, of: \.source, label: { $0 }, before: <))
            case 1:
                return (FacetRequest(field: "tag", size: size),
                        Reference.values(matching, field: "tag", size: size, of: \.tags, label: { $0 }, before: <))
            case 2:
                return (FacetRequest(field: "count", size: size),
                        Reference.values(matching, field: "count", size: size, of: \.counts, label: { String($0) }, before: <))
            case 3:
                return (FacetRequest(field: "price", size: size),
                        Reference.values(matching, field: "price", size: size, of: \.prices, label: { "\($0)" }, before: <))
            case 4 where Bool.random(using: &g):
                return (FacetRequest(field: "date", size: size),
                        Reference.values(matching, field: "date", size: size, of: \.dates, label: Reference.instantLabel, before: <))
            case 4:
                let precision = DatePrecision.allCases.randomElement(using: &g)!
                return (FacetRequest(field: "date", grouping: .dates(precision)),
                        Reference.periods(matching, field: "date", precision: precision))
            default:
                let field = ["count", "price", "date"].randomElement(using: &g)!
                let ranges = (0..<Int.random(in: 1...4, using: &g)).map { _ in rangeEnds(field, documents, &g) }
                let counts = Reference.rangeCounts(matching, ranges: ranges) { document, from, to in
                    switch field {
                    case "count": return document.counts.contains { Reference.integer($0, from: from, to: to) }
                    case "date": return document.dates.contains { Reference.integer($0, from: from, to: to) }
                    default: return document.prices.contains { price in (from.map { price >= $0 } ?? true) && (to.map { price < $0 } ?? true) }
                    }
                }
                let request = FacetRequest(field: field, grouping: .ranges(ranges.map { FacetRange(from: $0.from, to: $0.to) }))
                let labels = ranges.map { Reference.rangeLabel(from: $0.from, to: $0.to) }
                return (request, FacetResult(field: field, counts: zip(labels, counts).map { FacetResult.Count(value: $0, count: $1) },
                                             otherCount: 0))
            }
        }
    }

    /// The ends of a facet range on `field`: usually ordered, either open now and then, from the
    /// documents' values or near them (for `count`, sometimes just past a double's precision).
    private func rangeEnds(_ field: String, _ documents: [ReferenceDocument], _ g: inout SeededGenerator) -> (from: Double?, to: Double?) {
        func end() -> Double {
            switch field {
            case "count":
                let known = documents.flatMap(\.counts)
                if Int.random(in: 0..<4, using: &g) == 0 {
                    return [9_007_199_254_740_992, 9_007_199_254_740_996, 0x1p63, 1e18, -1e18].randomElement(using: &g)!
                }
                return Double(Bool.random(using: &g) && !known.isEmpty ? known.randomElement(using: &g)! : count(&g))
            case "date": return Double(period(&g).start)
            default: return price(&g)
            }
        }
        var from: Double? = end()
        var to: Double? = end()
        if let f = from, let t = to, f > t, Int.random(in: 0..<4, using: &g) > 0 { (from, to) = (t, f) }
        if Int.random(in: 0..<5, using: &g) == 0 { from = nil } else if Int.random(in: 0..<5, using: &g) == 0 { to = nil }
        return (from, to)
    }

    /// The scan's sort order of `matching` on `field`: smallest value ascending, largest descending.
    private func sortedIDs(_ matching: [ReferenceDocument], field: String, descending: Bool,
                           score: (String) -> Double, number: (String) -> Int) -> [String] {
        switch field {
        case "date": return Reference.sorted(matching, key: { Self.sortValue($0.dates, descending) }, descending: descending,
                                             score: score, number: number)
        case "count": return Reference.sorted(matching, key: { Self.sortValue($0.counts, descending) }, descending: descending,
                                             score: score, number: number)
        default: return Reference.sorted(matching, key: { Self.sortValue($0.prices, descending) }, descending: descending,
                                             score: score, number: number)
        }
    }

    // MARK: Checking

    /// Runs `queries` random queries on `reader`, each with its hits, a page of them, facets and a sort.
    private func check(_ reader: IndexReader, _ collection: Corpus, queries: Int, context: String,
                       _ g: inout SeededGenerator) throws {
        let searcher = try Searcher(reader: reader)
        #expect(reader.liveDocumentCount == collection.live.count, "\(context): live documents")
        // Document numbers, for ties only.
        var numbers: [String: Int] = [:]
        for doc in 0..<reader.documentCount {
            let (segment, local) = reader.locate(doc)
            if !reader.segments[segment].isDeleted(local) { numbers[reader.id(ofDocument: doc)] = doc }
        }
        let number = { (id: String) in numbers[id] ?? Int.max }
        let documents = collection.documents
        let everything = max(1, documents.count)
        for _ in 0..<queries {
            let query = query(documents, &g)
            let here = "\(context), query \(query.text)"
            var scores: [String: Double] = [:]
            if let words = query.words {
                let unfiltered = try searcher.search(words.joined(separator: " "), options: SearchOptions(k: everything))
                for hit in unfiltered.hits { scores[hit.id] = hit.score }
            }
            let matching = documents.filter { (query.words == nil || scores[$0.id] != nil) && query.admits($0) }
            let score = { (id: String) in scores[id] ?? 0 }
            let ranked = matching.map(\.id).sorted { score($0) > score($1) || (score($0) == score($1) && number($0) < number($1)) }

            let all = try searcher.search(query.text, options: SearchOptions(k: everything))
            #expect(all.total == matching.count, "\(here): total")
            #expect(Set(all.hits.map(\.id)) == Set(ranked), "\(here): matching documents")
            #expect(all.hits.map(\.id) == ranked, "\(here): order")
            for hit in all.hits {
                let own = score(hit.id)
                #expect(abs(hit.score - own) <= 1e-12 * max(1, own), "\(here): \(hit.id) scores \(hit.score), without filters \(own)")
            }

            let k = Int.random(in: 1...10, using: &g)
            let offset = Int.random(in: 0...4, using: &g)
            let page = Array(ranked.dropFirst(offset).prefix(k))
            // Without facets, words next to filters go through MaxScore (pruning the page).
            let top = try searcher.search(query.text, options: SearchOptions(k: k, offset: offset))
            #expect(top.hits.map(\.id) == page, "\(here): top k \(k) offset \(offset)")
            for hit in top.hits {
                let own = score(hit.id)
                #expect(abs(hit.score - own) <= 1e-12 * max(1, own), "\(here): \(hit.id) in the top scores \(hit.score), without filters \(own)")
            }
            #expect(top.totalIsExact ? top.total == matching.count : top.total <= matching.count, "\(here): total of the top")
            let wanted = facets(matching, documents, &g)
            let faceted = try searcher.search(query.text, options: SearchOptions(k: k, offset: offset, facets: wanted.map(\.request)))
            #expect(faceted.hits.map(\.id) == page, "\(here): page k \(k) offset \(offset)")
            #expect(faceted.total == matching.count, "\(here): total with facets")
            #expect(faceted.facets.count == wanted.count, "\(here): facets")
            for (facet, expected) in zip(faceted.facets, wanted.map(\.expected)) {
                #expect(facet == expected, "\(here): facet \(wanted.map(\.request))")
            }

            let field = ["date", "count", "price"].randomElement(using: &g)!
            let descending = Bool.random(using: &g)
            let order = sortedIDs(matching, field: field, descending: descending, score: score, number: number)
            let sortK = Int.random(in: 1...everything, using: &g)
            let sortOffset = Int.random(in: 0...3, using: &g)
            let sorted = try searcher.search(query.text, options: SearchOptions(k: sortK, offset: sortOffset,
                                                                                sort: SortOrder(field: field, descending: descending)))
            #expect(sorted.hits.map(\.id) == Array(order.dropFirst(sortOffset).prefix(sortK)),
                    "\(here): sorted by \(descending ? "-" : "")\(field), k \(sortK) offset \(sortOffset)")
            #expect(sorted.total == matching.count, "\(here): total when sorted")
            for hit in sorted.hits {
                guard let document = collection.live[hit.id] else { continue }
                #expect(sortKey(hit.sortValue) == sortKey(document, field: field, descending: descending), "\(here): \(hit.id)'s sort value")
            }
        }
    }

    /// The value of a multi-valued field a document sorts by: its smallest ascending, its largest descending.
    private static func sortValue<Value: Comparable>(_ values: [Value], _ descending: Bool) -> Value? {
        descending ? values.max() : values.min()
    }

    /// The value `document` sorts by on `field` (a date as its seconds), nil when it has none.
    private func sortKey(_ document: ReferenceDocument, field: String, descending: Bool) -> FieldValue? {
        switch field {
        case "date": return Self.sortValue(document.dates, descending).map { .integer($0) }
        case "count": return Self.sortValue(document.counts, descending).map { .integer($0) }
        default: return Self.sortValue(document.prices, descending).map { .float($0) }
        }
    }

    /// The sort value a hit shows, a date's text read back to seconds.
    private func sortKey(_ value: FieldValue?) -> FieldValue? {
        guard case .string(let text) = value else { return value }
        return ISODate.seconds(text).map { .integer($0) }
    }
}
