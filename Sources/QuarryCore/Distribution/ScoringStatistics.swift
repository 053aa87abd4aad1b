import Foundation

/// Everything a BM25F score depends on besides the document itself: the number of documents,
/// each text field's document count and sum of lengths, and every term's document frequency in
/// each text field (with the title-only counts BM25F's idf needs), of one index or summed over
/// the shards of a shard set.
///
/// A shard searched with its shard set's statistics (``Index/searcher(verifyingChecksums:statistics:)``)
/// scores every document exactly as one index of all the shards' documents would: the counts are
/// integers, summed exactly, and the averages are divided out of the sums the same way, so idf
/// and length normalization are bit-identical. Prefix and fuzzy words expand to the terms the
/// whole set would choose (by its frequencies), and queries are analyzed in every language any
/// shard's documents named.
///
/// Export one per shard (``Index/scoringStatistics()``), merge them (``merging(_:)``), and
/// write and read them as files (``write(to:)``, ``load(from:)``; `docs/FORMAT.md` gives the
/// format). Statistics are stamped with the commits they count: a shard whose commit is not
/// among them refuses them.
public struct ScoringStatistics: Sendable, Equatable {
    /// One commit of one shard that the statistics count.
    public struct Shard: Sendable, Hashable {
        /// Its commit generation.
        public var generation: Int
        /// A checksum of its commit's segments (another commit has another).
        public var fingerprint: UInt32
        /// Its documents, deleted ones included (as scoring counts them until a merge).
        public var documents: Int
    }

    /// One text field's document count and sum of lengths (tokens).
    struct FieldTotals: Sendable, Equatable {
        var documents: Int
        var length: Int
    }

    /// The analysis every shard was built with.
    public let analysis: AnalysisSettings
    /// The schema every shard has.
    public let schema: Schema
    /// The commits counted, in the order merged.
    public let shards: [Shard]
    /// Documents, deleted ones included.
    public let documentCount: Int
    /// The languages the shards' documents named for their own analysis, sorted.
    let languages: [String]
    /// Per text field, by number.
    let fields: [Field: FieldTotals]
    /// Per text field, its terms.
    let terms: [Field: TermCountTable]

    /// Distinct terms over the text fields (a term in two fields counts twice).
    public var termCount: Int { terms.values.reduce(0) { $0 + $1.documents.filter { $0 > 0 }.count } }

    init(analysis: AnalysisSettings, schema: Schema, shards: [Shard], documentCount: Int, languages: [String],
         fields: [Field: FieldTotals], terms: [Field: TermCountTable]) {
        self.analysis = analysis
        self.schema = schema
        self.shards = shards
        self.documentCount = documentCount
        self.languages = languages
        self.fields = fields
        self.terms = terms
    }

    /// The statistics of `reader`'s commit.
    init(_ reader: IndexReader) throws(IndexError) {
        var fields: [Field: FieldTotals] = [:]
        var terms: [Field: TermCountTable] = [:]
        let textFields = reader.schema.textFields.map(\.field)
        for field in textFields {
            let totals = reader.statistics(field)
            fields[field] = FieldTotals(documents: totals.docCount, length: totals.sumTotalTermFreq)
        }
        var perSegment: [Field: [TermCountTable]] = [:]
        for segment in reader.segments {
            var tables: [Field: TermCountTable] = [:]
            for field in textFields {
                var table = TermCountTable()
                var iterator = try segment.terms.terms(in: field)
                while let (term, info) = try iterator.next() {
                    table.append(term, documents: info.docFreq, titleOnly: field == .body ? info.titleOnlyDocuments : 0)
                }
                tables[field] = table
            }
            if let title = tables[.title], let body = tables[.body] {
                tables[.body] = TermCountTable.summing([body, Self.titleOnlyEntries(title: title, body: body)])
            }
            for (field, table) in tables { perSegment[field, default: []].append(table) }
        }
        for field in textFields { terms[field] = TermCountTable.summing(perSegment[field] ?? []) }
        self.init(analysis: reader.settings, schema: reader.schema,
                  shards: [Shard(reader)],
                  documentCount: reader.documentCount,
                  languages: Set(reader.manifest.segments.flatMap(\.languages)).sorted(), fields: fields, terms: terms)
    }

    /// For the title's terms the body lacks, body entries of no documents that count the
    /// title's documents as title-only ones.
    private static func titleOnlyEntries(title: TermCountTable, body: TermCountTable) -> TermCountTable {
        var entries = TermCountTable()
        var b = 0
        for t in 0..<title.count {
            let term = title.term(t)
            while b < body.count && body.term(b).lexicographicallyPrecedes(term) { b += 1 }
            if b < body.count && body.term(b).elementsEqual(term) { continue }
            entries.append(term, documents: 0, titleOnly: title.documents[t])
        }
        return entries
    }

    /// The statistics of a shard set: `parts` (each a shard's, or a set's) summed. Throws when
    /// there are none, when their analysis or schema differ, or when a commit is counted twice.
    public static func merging(_ parts: [ScoringStatistics]) throws(IndexError) -> ScoringStatistics {
        guard let first = parts.first else { throw .invalidArgument("no statistics to merge") }
        var seen: Set<Shard> = []
        for (i, part) in parts.enumerated() {
            if part.analysis != first.analysis {
                throw .invalidArgument("statistics \(i + 1) were built with other analysis settings than statistics 1 "
                    + "(\(part.analysis.language.code) against \(first.analysis.language.code), or stemming, accents or stop words): "
                    + "the shards of one set must be built alike")
            }
            if part.schema != first.schema {
                throw .invalidArgument("statistics \(i + 1) have another schema than statistics 1: the shards of one set must have one schema")
            }
            for shard in part.shards where !seen.insert(shard).inserted {
                throw .invalidArgument("statistics \(i + 1) count a commit already counted (generation \(shard.generation), "
                    + "fingerprint \(shard.fingerprintText)): a shard given twice?")
            }
        }
        var fields: [Field: FieldTotals] = [:]
        for part in parts {
            for (field, totals) in part.fields {
                fields[field, default: FieldTotals(documents: 0, length: 0)].documents += totals.documents
                fields[field, default: FieldTotals(documents: 0, length: 0)].length += totals.length
            }
        }
        var terms: [Field: TermCountTable] = [:]
        for field in Set(parts.flatMap(\.terms.keys)) {
            terms[field] = TermCountTable.summing(parts.compactMap { $0.terms[field] })
        }
        return ScoringStatistics(analysis: first.analysis, schema: first.schema, shards: parts.flatMap(\.shards),
                                 documentCount: parts.reduce(0) { $0 + $1.documentCount },
                                 languages: Set(parts.flatMap(\.languages)).sorted(), fields: fields, terms: terms)
    }

    /// Why `reader`'s commit cannot be scored with these statistics, or nil.
    func problem(for reader: IndexReader) -> String? {
        if reader.settings != analysis || reader.schema != schema {
            return "they were made for shards of other analysis settings or another schema than this index's"
        }
        let manifest = reader.manifest
        if !shards.contains(where: { $0.generation == manifest.generation && $0.fingerprint == manifest.fingerprint }) {
            let counted = shards.map { "\($0.generation)" }.joined(separator: ", ")
            return "they do not count this index's commit (generation \(manifest.generation), fingerprint "
                + "\(manifest.fingerprint.hexDigits); they count generations \(counted)): export and merge them again after each commit"
        }
        return nil
    }

    /// `term`'s documents and title-only documents in `field`, or nil when no shard has it there
    /// (a body entry of 0 documents stands for a term of titles only).
    func counts(of term: some Collection<UInt8>, in field: Field) -> (documents: Int, titleOnly: Int)? {
        guard let table = terms[field], let position = table.position(of: term) else { return nil }
        return (table.documents[position], table.titleOnly[position])
    }
}

extension ScoringStatistics.Shard {
    /// The commit `reader` reads.
    init(_ reader: IndexReader) {
        self.init(generation: reader.manifest.generation, fingerprint: reader.manifest.fingerprint, documents: reader.documentCount)
    }

    /// The fingerprint as eight hex digits.
    public var fingerprintText: String { fingerprint.hexDigits }
}

extension Index {
    /// The scoring statistics of the index's current commit, to merge with its shard set's
    /// others (see ``ScoringStatistics``).
    public func scoringStatistics() throws(IndexError) -> ScoringStatistics {
        try ScoringStatistics(IndexReader(directory: url.givenPath))
    }
}
