/// What `quarry-index stats` reports of an index.
public struct IndexStatistics: Sendable {
    /// Documents not deleted.
    public var liveDocuments: Int
    /// Deleted documents still in segments (until a merge drops them).
    public var deletedDocuments: Int
    /// Segments of the commit.
    public var segments: Int
    /// Distinct terms of the title and body fields (a term in both counts twice).
    public var terms: Int
    /// Postings (term-document pairs) and positions (occurrences) of title and body.
    public var postings: Int
    /// Positions (occurrences) of title and body terms.
    public var positions: Int
    /// Average field lengths, in tokens.
    public var averageTitleLength: Double
    /// Average body length, in tokens.
    public var averageBodyLength: Double
    /// Bytes on disk by kind of file.
    public var bytes: [String: Int]
    /// The analysis the index was built with.
    public var settings: AnalysisSettings
    /// The index's fields.
    public var schema: Schema
    /// The commit generation.
    public var generation: Int

    /// The kinds `bytes` reports, in order.
    public static let byteKinds = ["terms", "postings", "positions", "norms", "stored", "columns", "other"]

    init(_ reader: IndexReader) throws(IndexError) {
        liveDocuments = reader.liveDocumentCount
        deletedDocuments = reader.documentCount - reader.liveDocumentCount
        segments = reader.segments.count
        settings = reader.settings
        schema = reader.schema
        generation = reader.manifest.generation
        let title = reader.statistics(.title)
        let body = reader.statistics(.body)
        postings = title.sumDocFreq + body.sumDocFreq
        positions = title.sumTotalTermFreq + body.sumTotalTermFreq
        averageTitleLength = title.docCount > 0 ? Double(title.sumTotalTermFreq) / Double(title.docCount) : 0
        averageBodyLength = body.docCount > 0 ? Double(body.sumTotalTermFreq) / Double(body.docCount) : 0
        terms = try Self.distinctTerms(reader, .title) + Self.distinctTerms(reader, .body)
        var bytes = Dictionary(uniqueKeysWithValues: Self.byteKinds.map { ($0, 0) })
        for segment in reader.manifest.segments {
            for (kind, size) in segment.fileSizes {
                let name: String
                switch kind {
                case .terms: name = "terms"
                case .postings: name = "postings"
                case .positions: name = "positions"
                case .norms: name = "norms"
                case .stored, .ids: name = "stored"
                case .columns: name = "columns"
                case .deletes, .manifest, .statistics: name = "other"
                }
                bytes[name, default: 0] += size
            }
        }
        bytes["other", default: 0] += FileSystem.size("\(reader.directory)/\(Manifest.fileName)") ?? 0
        self.bytes = bytes
    }

    /// Terms of `field` over all segments, each counted once (a merge of the sorted term lists).
    private static func distinctTerms(_ reader: IndexReader, _ field: Field) throws(IndexError) -> Int {
        if reader.segments.count == 1 { return reader.segments[0].terms.statistics(field).termCount }
        var iterators = try reader.segments.map { segment throws(IndexError) in try segment.terms.terms(in: field) }
        var current: [[UInt8]?] = []
        for i in iterators.indices { current.append(try iterators[i].next()?.term) }
        var count = 0
        while let smallest = current.compactMap({ $0 }).min(by: { $0.lexicographicallyPrecedes($1) }) {
            count += 1
            for i in iterators.indices where current[i] == smallest {
                current[i] = try iterators[i].next()?.term
            }
        }
        return count
    }
}

extension IndexReader {
    /// Statistics of the index for `quarry-index stats`.
    func statistics() throws(IndexError) -> IndexStatistics { try IndexStatistics(self) }

    var segmentCount: Int { segments.count }
}
