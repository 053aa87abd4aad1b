/// How a search runs.
public struct SearchOptions: Sendable {
    /// Hits to return, after skipping `offset`.
    public var k: Int
    public var offset: Int
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
        return ranking.problem
    }

    public init(k: Int = 10, offset: Int = 0, ranking: Ranking = .default, explain: Bool = false,
                prefixExpansionLimit: Int = 64, pruning: Bool = true, dropStopWords: Bool = Ranking.dropsStopWords,
                exactTotal: Bool = true, facets: [FacetRequest] = [], sort: SortOrder? = nil) {
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
    }
}

/// One result.
public struct SearchHit: Sendable {
    /// The document's number in the index (global over segments; stable until the next merge).
    public var document: Int
    public var id: String
    public var score: Double
    public var explanation: Explanation?
    /// The value it was sorted by (a date as ISO 8601 text), when the search sorts by a field.
    public var sortValue: FieldValue?
}

/// What a search found.
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    /// Matching documents: exact when `totalIsExact`, else a lower bound (pruning skipped some).
    public var total: Int
    public var totalIsExact: Bool
    /// Things the user should know (a prefix expansion cut short, words that match nothing).
    public var notes: [String]
    /// The analyzed terms of the query (for highlighting), and its phrases as term sequences.
    public var terms: Set<String>
    public var phrases: [[String]]
    /// The counts of the facets asked for, in the order asked.
    public var facets: [FacetResult] = []
}

/// Why a search failed.
public enum SearchError: Error, Sendable, CustomStringConvertible {
    case syntax(QuerySyntaxError)
    case index(IndexError)
    case invalid(String)

    public var description: String {
        switch self {
        case .syntax(let error): return error.description
        case .index(let error): return error.description
        case .invalid(let message): return message
        }
    }
}

/// Runs queries against an open index. Holds analyzers (not thread-safe): one per thread; they
/// can share the `IndexReader`.
public final class Searcher {
    public let reader: IndexReader
    /// The index language's analyzers.
    private let analyzers: LanguageAnalyzers
    /// Case and accent folding without stemming, for prefixes.
    private let prefixAnalyzer: Analyzer
    /// The other languages the index's documents named (`lang`): queries are analyzed in each too.
    private let otherLanguages: [LanguageAnalyzers]
    let statistics: CollectionStatistics
    /// What a query naming no field searches (`Schema.searchFields`).
    private let searchFields: [Field]

    public init(reader: IndexReader) throws(SearchError) {
        self.reader = reader
        do {
            analyzers = try LanguageAnalyzers(settings: reader.settings)
            prefixAnalyzer = try Analyzer(settings: reader.settings.with(language: .none))
            var seen: Set<Language> = [reader.settings.language]
            var others: [LanguageAnalyzers] = []
            for code in Set(reader.manifest.segments.flatMap(\.languages)).sorted() {
                let language = Language.parse(code).language
                guard seen.insert(language).inserted else { continue }
                others.append(try LanguageAnalyzers(settings: reader.settings.with(language: language)))
            }
            otherLanguages = others
        } catch {
            throw .invalid("cannot analyze queries: \(error)")
        }
        statistics = CollectionStatistics(reader)
        searchFields = reader.schema.searchFields
    }

    /// Parses and runs `text` in the query language.
    public func search(_ text: String, defaultOperator: QueryParser.DefaultOperator = .or,
                       options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        let query: Query
        do {
            query = try QueryParser(defaultOperator: defaultOperator, schema: reader.schema).parse(text)
        } catch {
            throw .syntax(error)
        }
        return try search(query, options: options)
    }

    /// Runs `query`.
    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        if let problem = options.problem { throw .invalid(problem) }
        let schema = reader.schema
        if let problem = options.sort?.problem(in: schema) ?? options.facets.lazy.compactMap({ $0.problem(in: schema) }).first {
            throw .invalid(problem)
        }
        var resolver = QueryResolver(reader: reader, analyzer: analyzers.plain,
                                     keywordAnalyzer: options.dropStopWords ? analyzers.keyword : analyzers.plain,
                                     prefixAnalyzer: prefixAnalyzer,
                                     otherLanguages: otherLanguages.map { (plain: $0.plain, keyword: options.dropStopWords ? $0.keyword : $0.plain) },
                                     searchFields: searchFields, statistics: statistics, options: options)
        let resolved: ResolvedQuery?
        do {
            resolved = try resolver.resolve(query)
        } catch {
            throw .index(error)
        }
        var results = SearchResults(hits: [], total: 0, totalIsExact: true, notes: resolver.notes,
                                    terms: resolver.terms, phrases: resolver.phrases)
        var counters = options.facets.map { FacetCounter($0, schema: schema) }
        guard let resolved else {
            results.facets = counters.map { $0.result() }
            return results
        }
        var collector = TopKCollector(k: options.k + options.offset)
        let compiler = ScorerCompiler(reader: reader, statistics: statistics, ranking: options.ranking,
                                      normalization: normalization(b: options.ranking.b))
        // Facets and sorts need every match scored: no pruning.
        let everyMatch = !options.facets.isEmpty || options.sort != nil
        if everyMatch {
            try collectEveryMatch(resolved, compiler: compiler, options: options, counters: &counters, into: &results)
            results.facets = counters.map { $0.result() }
            return results
        }
        // Terms, maybe narrowed by filters and exclusions: MaxScore, the filter checked on the way.
        let filtered = options.pruning ? resolved.filteredDisjunction : nil
        for (s, segment) in reader.segments.enumerated() {
            let base = reader.documentBases[s]
            if let filtered, let clauses = filtered.termScorers(in: segment, compiler: compiler) {
                let filter: Scorer?
                switch filtered.narrowing(in: segment, compiler: compiler) {
                case .nothing: continue
                case .everything: filter = nil
                case .to(let scorer): filter = scorer
                }
                let (scored, pruned) = MaxScoreCollector.collect(clauses, filter: filter, base: base, deletes: segment.deletes,
                                                                 into: &collector)
                results.total += scored
                if pruned { results.totalIsExact = false }
                if let corruption = clauses.lazy.compactMap(\.corruption).first ?? filter?.corruption { throw .index(corruption) }
                continue
            }
            guard let scorer = compiler.scorer(resolved, segment: segment) else { continue }
            var competitive = -Double.infinity
            if !options.exactTotal, collector.isFull {
                competitive = collector.threshold
                scorer.setMinimumCompetitiveScore(competitive)
            }
            while scorer.next() != Scorer.exhausted {
                if segment.isDeleted(scorer.doc) { continue }
                results.total += 1
                collector.collect(base + scorer.doc, score: scorer.score())
                if !options.exactTotal, collector.isFull, collector.threshold > competitive {
                    competitive = collector.threshold
                    scorer.setMinimumCompetitiveScore(competitive)
                    results.totalIsExact = false
                }
            }
            if let corruption = scorer.corruption { throw .index(corruption) }
        }
        for entry in collector.sorted().dropFirst(options.offset) {
            var hit = SearchHit(document: entry.doc, id: reader.id(ofDocument: entry.doc), score: entry.score, explanation: nil)
            if options.explain { hit.explanation = try explain(resolved, document: entry.doc, compiler: compiler) }
            results.hits.append(hit)
        }
        return results
    }

    /// Scores every match of `query`, counting `counters`' facets, and keeps the top hits by
    /// score or in `options.sort`'s order.
    private func collectEveryMatch(_ query: ResolvedQuery, compiler: ScorerCompiler, options: SearchOptions,
                                   counters: inout [FacetCounter], into results: inout SearchResults) throws(SearchError) {
        let window = options.k + options.offset
        var byScore = TopKCollector(k: window)
        let sortField = options.sort.flatMap { reader.schema.field(named: $0.field) }
        var bySort = SortedCollector(k: window, descending: options.sort?.descending ?? false)
        for (s, segment) in reader.segments.enumerated() {
            let base = reader.documentBases[s]
            guard let scorer = compiler.scorer(query, segment: segment) else { continue }
            for c in counters.indices { counters[c].start(segment) }
            let column = sortField.flatMap { segment.columns.numeric($0.field.number) }
            let descending = options.sort?.descending ?? false
            while scorer.next() != Scorer.exhausted {
                let doc = scorer.doc
                if segment.isDeleted(doc) { continue }
                results.total += 1
                for c in counters.indices { counters[c].count(doc) }
                if sortField == nil {
                    byScore.collect(base + doc, score: scorer.score())
                } else {
                    var key: Int64?
                    if let column {
                        if descending {
                            column.forEach(doc) { key = $0 }
                        } else {
                            key = column.first(doc)
                        }
                    }
                    bySort.collect(base + doc, key: key, score: scorer.score())
                }
            }
            for c in counters.indices { counters[c].finishSegment() }
            if let corruption = scorer.corruption { throw .index(corruption) }
        }
        let entries: [(doc: Int, score: Double, key: Int64?)] = sortField == nil
            ? byScore.sorted().map { ($0.doc, $0.score, nil) }
            : bySort.sorted().map { ($0.doc, $0.score, $0.key) }
        for entry in entries.dropFirst(options.offset) {
            var hit = SearchHit(document: entry.doc, id: reader.id(ofDocument: entry.doc), score: entry.score, explanation: nil)
            if let type = sortField?.definition.type, let key = entry.key {
                switch type {
                case .date: hit.sortValue = .string(ISODate.format(key))
                case .float: hit.sortValue = .float(SortableDouble.value(key))
                default: hit.sortValue = .integer(key)
                }
            }
            if options.explain { hit.explanation = try explain(query, document: entry.doc, compiler: compiler) }
            results.hits.append(hit)
        }
    }

    /// The explanation of `document`'s score, from a fresh scorer tree positioned on it; damage
    /// its cursors met on the way is an error, as in the search itself.
    private func explain(_ query: ResolvedQuery, document: Int, compiler: ScorerCompiler) throws(SearchError) -> Explanation? {
        let (s, local) = reader.locate(document)
        let segment = reader.segments[s]
        let scorer: Scorer?
        if let terms = query.pureDisjunction {
            scorer = DisjunctionScorer(terms.flatMap { compiler.termScorers($0, segment: segment) })
        } else {
            scorer = compiler.scorer(query, segment: segment)
        }
        guard let scorer else { return nil }
        let found = scorer.advance(to: local) == local
        if let corruption = scorer.corruption { throw .index(corruption) }
        return found ? scorer.explain() : nil
    }

    /// Analyzes `text` as queries are analyzed: its terms (to highlight matches in stored text).
    public func analyze(_ text: String) -> [Token] { analyzers.plain.tokens(of: text) }

    private var storedReaders: [Int: StoredFieldsReader] = [:]
    private var normalizations: [Double: FieldNormalizations] = [:]

    /// The length normalization tables for `b` (made on first use, kept for the next queries).
    private func normalization(b: Double) -> FieldNormalizations {
        if let tables = normalizations[b] { return tables }
        let tables = FieldNormalizations(b: b, reader: reader, statistics: statistics)
        normalizations[b] = tables
        return tables
    }

    /// The stored fields of global document `document` (id, title, text, date, url, ...).
    public func storedDocument(_ document: Int) throws(SearchError) -> StoredDocument {
        let (s, local) = reader.locate(document)
        do {
            if storedReaders[s] == nil { storedReaders[s] = try reader.segments[s].storedFields() }
            return try storedReaders[s]!.document(local)
        } catch {
            throw .index(error)
        }
    }

    /// A snippet of `text` around the matches of a search's terms and phrases.
    public func snippet(of text: String, for results: SearchResults) -> Snippet {
        SnippetBuilder().snippet(text, tokens: analyzers.plain.tokens(of: text), terms: results.terms, phrases: results.phrases)
    }
}
