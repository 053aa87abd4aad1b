/// How a search runs.
public struct SearchOptions: Sendable {
    /// Hits to return, after skipping `offset`.
    public var k: Int
    /// Hits to skip first (for paging).
    public var offset: Int
    /// The ranking model and its parameters.
    public var ranking: Ranking
    /// Attach an explanation of its score to each hit.
    public var explain: Bool
    /// The most terms a prefix (`inspect*`) expands to; the most frequent are kept.
    public var prefixExpansionLimit: Int
    /// Use dynamic pruning (MaxScore) where it applies; off scores every match (tests compare).
    public var pruning: Bool
    /// Leave the index language's stop words out of ranked keyword terms (never out of phrases,
    /// and not when a query has nothing else).
    public var dropStopWords: Bool
    /// Count every match exactly. Off, scorers may skip documents that cannot reach the top k
    /// (the hits are the same; `total` is then a lower bound): query sets need no counts.
    public var exactTotal: Bool
    /// Facets to count over every matching document (the search then scores every match).
    public var facets: [FacetRequest]
    /// Hits by a date or numeric field instead of by score (nil: by score).
    public var sort: SortOrder?
    /// Attach each hit's stored fields (``SearchHit/fields``).
    public var storedFields: Bool
    /// Attach to each hit a snippet of this stored text field around the matches
    /// (``SearchHit/snippet``); nil: none. Only the field's first 64 KiB are searched for the
    /// matches (as Lucene's highlighter stops at 50 KB): a book's snippet comes from its start.
    public var snippetField: String?
    /// Which words may match with typos (`off`: only those written `word~N`).
    public var typos: TypoTolerance
    /// Look for a spelling suggestion when a word of the query is in no document
    /// (``SearchResults/suggestion``): in searches of query text, which the suggestion rewrites.
    public var suggest: Bool
    /// Pseudo-relevance feedback for keyword queries (``RelevanceFeedback``); nil: none.
    public var feedback: RelevanceFeedback?

    /// The most hits a search can rank: `k + offset` at most.
    public static let maximumWindow = 10_000_000
    /// The most terms `prefixExpansionLimit` may allow.
    public static let maximumPrefixExpansions = 10_000
    /// The most terms all of a query's prefixes together expand to: each gets an equal share
    /// (at most `prefixExpansionLimit`), so a query of many prefixes stays bounded.
    public static let maximumExpandedTerms = 1_024

    /// Why these options cannot run, or nil.
    public var problem: String? {
        if k < 0 || offset < 0 || k > Self.maximumWindow - offset {
            return "k and offset must be ≥ 0, with k + offset at most \(Self.maximumWindow)"
        }
        if !(1...Self.maximumPrefixExpansions).contains(prefixExpansionLimit) {
            return "the prefix expansion limit must be from 1 to \(Self.maximumPrefixExpansions)"
        }
        return ranking.problem ?? feedback?.problem
    }

    /// `problem`, or what `schema` refuses: the sort's or a facet's field, the snippet's.
    func problem(in schema: Schema) -> String? {
        if let problem = problem ?? sort?.problem(in: schema) ?? facets.lazy.compactMap({ $0.problem(in: schema) }).first {
            return problem
        }
        if let name = snippetField {
            guard let field = schema.definition(named: name), field.type == .text || field.type == .keyword, field.stored else {
                return "snippet field '\(ControlCharacters.forDisplay(name))' is not a stored text field of the index"
            }
        }
        return nil
    }

    /// Options; `k` and `offset` below 0 count as 0.
    public init(k: Int = 10, offset: Int = 0, ranking: Ranking = .default, explain: Bool = false,
                prefixExpansionLimit: Int = 64, pruning: Bool = true, dropStopWords: Bool = Ranking.dropsStopWords,
                exactTotal: Bool = true, facets: [FacetRequest] = [], sort: SortOrder? = nil,
                storedFields: Bool = false, snippetField: String? = nil, typos: TypoTolerance = .off,
                suggest: Bool = false, feedback: RelevanceFeedback? = nil) {
        self.k = max(0, k)
        self.offset = max(0, offset)
        self.ranking = ranking
        self.explain = explain
        self.prefixExpansionLimit = max(1, prefixExpansionLimit)
        self.pruning = pruning
        self.dropStopWords = dropStopWords
        self.exactTotal = exactTotal
        self.facets = facets
        self.sort = sort
        self.storedFields = storedFields
        self.snippetField = snippetField
        self.typos = typos
        self.suggest = suggest
        self.feedback = feedback
    }
}
