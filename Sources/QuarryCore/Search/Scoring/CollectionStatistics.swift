/// The statistics BM25 needs, over the whole index (every segment, deleted documents counted
/// until merged away, as Lucene does), or over a shard set (`global`): documents, average field
/// lengths, and (through `global`, or the resolver's lookups) document frequencies.
struct CollectionStatistics {
    let documentCount: Int
    let fieldDocumentCount: [Field: Int]
    let averageLength: [Field: Double]
    /// The shard set's statistics a shard scores with, nil for an index's own.
    let global: ScoringStatistics?

    init(_ reader: IndexReader) {
        self.init(documents: reader.documentCount, fields: reader.schema.textFields.map(\.field), global: nil) { field in
            let stats = reader.statistics(field)
            return (stats.docCount, stats.sumTotalTermFreq)
        }
    }

    /// A shard set's statistics, divided out exactly as an index's own are.
    init(_ global: ScoringStatistics) {
        self.init(documents: global.documentCount, fields: global.schema.textFields.map(\.field), global: global) { field in
            let totals = global.fields[field] ?? ScoringStatistics.FieldTotals(documents: 0, length: 0)
            return (totals.documents, totals.length)
        }
    }

    private init(documents: Int, fields: [Field], global: ScoringStatistics?, totals: (Field) -> (documents: Int, length: Int)) {
        documentCount = max(documents, 1)
        var counts: [Field: Int] = [:]
        var averages: [Field: Double] = [:]
        for field in fields {
            let (documents, length) = totals(field)
            counts[field] = documents
            averages[field] = documents > 0 ? Double(length) / Double(documents) : 1
        }
        fieldDocumentCount = counts
        averageLength = averages
        self.global = global
    }

    /// The average length of the default fields together (the flat model's).
    func averageFlatLength(of fields: [Field]) -> Double {
        let total = fields.reduce(0.0) { $0 + (averageLength[$1] ?? 0) * Double(fieldDocumentCount[$1] ?? 0) }
        return max(total / Double(documentCount), 1)
    }
}
