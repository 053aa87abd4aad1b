/// One result of a search.
public struct SearchHit: Sendable {
    /// The document's number in the searcher's snapshot (global over segments; stable until a
    /// merge renumbers), for ``Searcher/storedDocument(_:)``.
    public var document: Int
    /// The document's id.
    public var id: String
    /// Its BM25F score (0 for a query of filters only, and when sorted by a field it is still
    /// the score).
    public var score: Double
    /// How the score was reached, when ``SearchOptions/explain`` asked for it.
    public var explanation: Explanation?
    /// The value it was sorted by (a date as ISO 8601 text), when the search sorts by a field.
    public var sortValue: FieldValue?
    /// Its stored fields, when ``SearchOptions/storedFields`` asked for them.
    public var fields: StoredDocument?
    /// A passage of the field ``SearchOptions/snippetField`` around the query's matches, with
    /// their ranges, when one was asked for.
    public var snippet: Snippet?
}
