/// The statistics BM25 needs, over the whole index (every segment, deleted documents counted
/// until merged away, as Lucene does): documents, average field lengths, document frequencies.
struct CollectionStatistics {
    let documentCount: Int
    let fieldDocumentCount: [Field: Int]
    let averageLength: [Field: Double]

    init(_ reader: IndexReader) {
        documentCount = max(reader.documentCount, 1)
        var counts: [Field: Int] = [:]
        var averages: [Field: Double] = [:]
        for (field, _) in reader.schema.textFields {
            let stats = reader.statistics(field)
            counts[field] = stats.docCount
            averages[field] = stats.docCount > 0 ? Double(stats.sumTotalTermFreq) / Double(stats.docCount) : 1
        }
        fieldDocumentCount = counts
        averageLength = averages
    }

    /// The average length of the default fields together (the flat model's).
    func averageFlatLength(of fields: [Field]) -> Double {
        let total = fields.reduce(0.0) { $0 + (averageLength[$1] ?? 0) * Double(fieldDocumentCount[$1] ?? 0) }
        return max(total / Double(documentCount), 1)
    }
}
