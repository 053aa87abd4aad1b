/// Runs queries against an open index on one thread at a time: it holds analyzers and caches
/// that are not thread-safe. `Searcher` keeps a pool of them over one `IndexReader`.
final class SearchSession {
    let reader: IndexReader
    /// The index language's analyzers.
    private let analyzers: LanguageAnalyzers
    /// Case and accent folding without stemming, for prefixes.
    private let prefixAnalyzer: Analyzer
    /// The other languages the index's documents named (`lang`): queries are analyzed in each too.
    private let otherLanguages: [LanguageAnalyzers]
    let statistics: CollectionStatistics
    /// What a query naming no field searches (`Schema.searchFields`).
    private let searchFields: [Field]
    /// The index's synonyms, analyzed with the index language's analyzer.
    private let synonyms: SynonymMap

    init(reader: IndexReader, synonyms rules: SynonymRules = .none) throws(SearchError) {
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
        synonyms = SynonymMap(rules, analyzer: analyzers.plain)
    }

    /// Parses and runs `text` in the query language.
    func search(_ text: String, defaultOperator: QueryParser.DefaultOperator = .or,
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
    func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        if let problem = options.problem(in: reader.schema) { throw .invalid(problem) }
        var resolver = QueryResolver(reader: reader, analyzer: analyzers.plain,
                                     keywordAnalyzer: options.dropStopWords ? analyzers.keyword : analyzers.plain,
                                     prefixAnalyzer: prefixAnalyzer,
                                     otherLanguages: otherLanguages.map { (plain: $0.plain, keyword: options.dropStopWords ? $0.keyword : $0.plain) },
                                     searchFields: searchFields, statistics: statistics, options: options, synonyms: synonyms)
        let resolved: ResolvedQuery?
        do {
            resolved = try resolver.resolve(query)
        } catch {
            throw .index(error)
        }
        var results = SearchResults(hits: [], total: 0, totalIsExact: true, notes: resolver.notes,
                                    terms: resolver.terms, phrases: resolver.phrases)
        if options.suggest {
            do {
                results.corrections = try resolver.corrections()
            } catch {
                throw .index(error)
            }
        }
        var counters = options.facets.map { FacetCounter($0, schema: reader.schema) }
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

    /// How the documents write `correction`'s replacement: of the words that analyze to it in
    /// the first `surfaceDocuments` live documents holding it (the first 64 KiB of each field
    /// searched, as snippets read), the closest to the typed word ignoring case, then the most
    /// frequent; lower-cased when the typed word is. Nil when those documents do not show it.
    func surfaceForm(of correction: SpellingCorrection) throws(SearchError) -> String? {
        guard let term = correction.replacement else { return nil }
        var counts: [String: Int] = [:]
        var documents = 0
        let bytes = Array(term.utf8)
        search: for field in correction.field.map({ [$0] }) ?? searchFields {
            guard let name = reader.schema.definition(of: field.number)?.name else { continue }
            for (s, segment) in reader.segments.enumerated() {
                let lookup = bytes.withUnsafeBytes { raw in
                    Result { () throws(IndexError) in try segment.terms.lookup(raw, in: field) }
                }
                guard let info = try lookup.mapError(SearchError.index).get() else { continue }
                let postings = segment.postings(info)
                while postings.next() != PostingsCursor.noMoreDocs {
                    let local = Int(postings.doc)
                    if segment.isDeleted(local) { continue }
                    let text = SnippetBuilder().analyzedPrefix(of: try storedDocument(reader.documentBases[s] + local)[name] ?? "")
                    let utf8 = text.utf8
                    for token in analyzers.plain.tokens(of: text) where token.term == term {
                        let word = utf8.index(utf8.startIndex, offsetBy: token.start)..<utf8.index(utf8.startIndex, offsetBy: token.end)
                        counts[String(text[word]), default: 0] += 1
                    }
                    documents += 1
                    if documents == Self.surfaceDocuments { break search }
                }
                if let corruption = postings.corruption { throw .index(corruption) }
            }
        }
        analyzers.plain.forgetWhenLargerThan(bytes: Self.snippetAnalyzerBytes)
        let typed = correction.typed.lowercased()
        func distance(_ word: String) -> Int {
            var rows = EditDistanceRows(word: typed, bound: 3)
            return rows.match(Array(word.lowercased().utf8)).distance ?? 4
        }
        let ranked = counts.map { (word: $0.key, distance: distance($0.key), count: $0.value) }
        guard let best = ranked.min(by: { ($0.distance, -$0.count, $0.word) < ($1.distance, -$1.count, $1.word) }) else { return nil }
        return correction.typed == typed ? best.word.lowercased() : best.word
    }

    /// How many documents `surfaceForm(of:)` reads at most.
    static let surfaceDocuments = 8

    /// Analyzes `text` as queries are analyzed: its terms (to highlight matches in stored text).
    func analyze(_ text: String) -> [Token] { analyzers.plain.tokens(of: text) }

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
    func storedDocument(_ document: Int) throws(SearchError) -> StoredDocument {
        let (s, local) = reader.locate(document)
        do {
            if storedReaders[s] == nil { storedReaders[s] = try reader.segments[s].storedFields() }
            return try storedReaders[s]!.document(local)
        } catch {
            throw .index(error)
        }
    }

    /// A snippet of `text` around the matches of a search's terms and phrases.
    func snippet(of text: String, for results: SearchResults) -> Snippet {
        let snippet = SnippetBuilder().snippet(text, analyzer: analyzers.plain, terms: results.terms, phrases: results.phrases)
        // Every distinct word of every text a snippet was made from stays in the analyzer's
        // cache and vocabulary: a server would grow them to the collection's vocabulary, per session.
        analyzers.plain.forgetWhenLargerThan(bytes: Self.snippetAnalyzerBytes)
        return snippet
    }

    /// What the snippets' analyzer may hold (its surface cache and vocabulary) between searches.
    static let snippetAnalyzerBytes = 16 << 20
}
