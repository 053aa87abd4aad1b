/// What a search found.
public struct SearchResults: Sendable {
    /// The hits, best first (or in the sort's order), after skipping the options' offset.
    public var hits: [SearchHit]
    /// Matching documents: exact when `totalIsExact`, else a lower bound (pruning skipped some).
    public var total: Int
    /// Whether `total` is exact (see ``SearchOptions/exactTotal``).
    public var totalIsExact: Bool
    /// Things the user should know (a prefix expansion cut short, words that match nothing).
    public var notes: [String]
    /// The analyzed terms of the query (what a highlighter marks).
    public var terms: Set<String>
    /// The query's phrases, as sequences of analyzed terms.
    public var phrases: [[String]]
    /// The counts of the facets asked for, in the order asked.
    public var facets: [FacetResult] = []
    /// The query with its misspelled words corrected, when ``SearchOptions/suggest`` asked for
    /// one and a word of it is in no document: each such word replaced by the
    /// closest word the index has, as its documents write it (see ``Searcher/suggestion(for:after:defaultOperator:narrowedBy:)``).
    public var suggestion: String?
    /// The words no document holds and their candidates (`SearchOptions.suggest`).
    var corrections: [SpellingCorrection] = []
}
