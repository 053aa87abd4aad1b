/// The length normalization tables of one `b` for every text field, and for the fields a query
/// naming none searches together (the flat model's).
struct FieldNormalizations {
    let title: LengthNormalization
    let body: LengthNormalization
    let flat: LengthNormalization
    /// The schema's other text fields.
    let others: [Field: LengthNormalization]

    /// The tables of `reader`'s text fields for `b`, with the whole index's statistics.
    init(b: Double, reader: IndexReader, statistics: CollectionStatistics) {
        func longest(_ field: Field) -> Int { reader.segments.map { ($0.norms[field] ?? .empty).maximum }.max() ?? 0 }
        func table(_ field: Field) -> LengthNormalization {
            LengthNormalization(b: b, averageLength: statistics.averageLength[field] ?? 1, longest: longest(field))
        }
        title = table(.title)
        body = table(.body)
        let fields = reader.schema.searchFields
        flat = LengthNormalization(b: b, averageLength: statistics.averageFlatLength(of: fields),
                                   longest: fields.reduce(0) { $0 + longest($1) })
        var others: [Field: LengthNormalization] = [:]
        for (field, _) in reader.schema.textFields where field != .title && field != .body { others[field] = table(field) }
        self.others = others
    }

    /// The table of text field `field`.
    func of(_ field: Field) -> LengthNormalization {
        field == .title ? title : field == .body ? body : others[field] ?? body
    }
}
