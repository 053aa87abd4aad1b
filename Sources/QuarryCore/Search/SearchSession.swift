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

    /// `global`: a shard set's statistics to score with instead of the index's own (checked
    /// against the index by the caller).
    init(reader: IndexReader, synonyms rules: SynonymRules = .none, global: ScoringStatistics? = nil) throws(SearchError) {
        self.reader = reader
        do {
            analyzers = try LanguageAnalyzers(settings: reader.settings)
            prefixAnalyzer = try Analyzer(settings: reader.settings.with(language: .none))
            var seen: Set<Language> = [reader.settings.language]
            var others: [LanguageAnalyzers] = []
            for code in global?.languages ?? Set(reader.manifest.segments.flatMap(\.languages)).sorted() {
                let language = Language.parse(code).language
                guard seen.insert(language).inserted else { continue }
                others.append(try LanguageAnalyzers(settings: reader.settings.with(language: language)))
            }
            otherLanguages = others
        } catch {
            throw .invalid("cannot analyze queries: \(error)")
        }
        statistics = global.map(CollectionStatistics.init) ?? CollectionStatistics(reader)
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

    /// A resolver of queries run with `options`.
    private func resolver(_ options: SearchOptions) -> QueryResolver {
        QueryResolver(reader: reader, analyzer: analyzers.plain,
                      keywordAnalyzer: options.dropStopWords ? analyzers.keyword : analyzers.plain,
                      prefixAnalyzer: prefixAnalyzer,
                      otherLanguages: otherLanguages.map { (plain: $0.plain, keyword: options.dropStopWords ? $0.keyword : $0.plain) },
                      searchFields: searchFields, statistics: statistics, options: options, synonyms: synonyms)
    }

    /// Runs `query`.
    func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        if let problem = options.problem(in: reader.schema) { throw .invalid(problem) }
        var resolver = resolver(options)
        var resolved: ResolvedQuery?
        do {
            resolved = try resolver.resolve(query)
        } catch {
            throw .index(error)
        }
        var notes = resolver.notes
        var highlighted = resolver.terms
        if let feedback = options.feedback, let query = resolved {
            if let filtered = query.filteredDisjunction {
                if let expanded = try expanded(query, as: filtered, feedback: feedback, options: options, resolver: &resolver) {
                    resolved = expanded.query
                    highlighted.formUnion(expanded.terms.map(\.text))
                }
            } else {
                notes.append("feedback applies to queries of words (with filters); this one ran without it")
            }
        }
        var results = SearchResults(hits: [], total: 0, totalIsExact: true, notes: notes,
                                    terms: highlighted, phrases: resolver.phrases)
        if options.suggest {
            do {
                results.corrections = try resolver.corrections()
            } catch {
                throw .index(error)
            }
        }
        return try collect(resolved, options: options, into: results)
    }

    /// The documents most like global document `document` (`MoreLikeThis`: a query of its
    /// characteristic terms over the fields a query searches), without itself and its exact
    /// duplicates (the same text in every field searched).
    func similar(to document: Int, options: SearchOptions) throws(SearchError) -> SearchResults {
        if let problem = options.problem(in: reader.schema) { throw .invalid(problem) }
        let stored = try storedDocument(document)
        let names = searchedFieldNames
        var resolver = resolver(options)
        var candidates: [(term: ResolvedTerm, frequency: Int)] = []
        do {
            for (term, frequency) in termFrequencies(of: stored) {
                candidates.append((try resolver.lookUp(term), frequency))
            }
        } catch {
            throw .index(error)
        }
        let terms = MoreLikeThis.select(candidates, documentCount: statistics.documentCount)
        let query = ResolvedQuery.anyOf(terms)
        // Room for the document itself and a few duplicates; the offset is applied after.
        var wider = options
        wider.offset = 0
        wider.k = min(SearchOptions.maximumWindow, options.offset + options.k + Self.similarSlack)
        var results = try collect(query, options: wider,
                                  into: SearchResults(hits: [], total: 0, totalIsExact: true, notes: [], terms: Set(terms.map(\.text)), phrases: []))
        let own = results.hits.first { $0.document == document }?.score
        var kept: [SearchHit] = []
        for hit in results.hits where hit.document != document {
            if hit.score == own {
                let other = try storedDocument(hit.document)
                if names.allSatisfy({ other[$0] == stored[$0] }) { continue }
            }
            kept.append(hit)
        }
        results.total -= results.hits.count - kept.count
        results.hits = Array(kept.dropFirst(options.offset).prefix(options.k))
        return results
    }

    /// How many hits `similar` asks for beyond those it returns: the document and its duplicates.
    static let similarSlack = 16

    /// The names of the fields a query naming none searches.
    private var searchedFieldNames: [String] {
        searchFields.compactMap { reader.schema.definition(of: $0.number)?.name }
    }

    /// How often each term occurs in the fields searched of `stored` (the first 64 KiB of each,
    /// as snippets read them), analyzed as keyword queries are (stop words out). Tokens are
    /// counted by term id: only each distinct term becomes a String.
    private func termFrequencies(of stored: StoredDocument) -> [String: Int] {
        let analyzer = analyzers.keyword
        defer { analyzer.forgetWhenLargerThan(bytes: Self.snippetAnalyzerBytes) }
        var counts: [Int32: Int] = [:]
        var tokens = TokenBuffer()
        for name in searchedFieldNames {
            var text = SnippetBuilder().analyzedPrefix(of: stored[name] ?? "")
            text.withUTF8 { bytes in
                tokens.removeAll()
                analyzer.analyze(UnsafeRawBufferPointer(bytes), into: &tokens)
                for token in tokens.all { counts[token.term, default: 0] += 1 }
            }
        }
        var frequencies: [String: Int] = [:]
        for (id, count) in counts { frequencies[analyzer.term(id), default: 0] += count }
        return frequencies
    }

    /// `query` (whose terms and filters are `filtered`) with RM3's feedback (`RelevanceFeedback`):
    /// its `feedback.documents` best hits give the relevance model, whose best terms join the
    /// query's own, reweighted, inside the same filters and exclusions. The new query and its
    /// terms; nil when the first search finds nothing to learn from.
    private func expanded(_ query: ResolvedQuery, as filtered: FilteredDisjunction, feedback: RelevanceFeedback, options: SearchOptions,
                          resolver: inout QueryResolver) throws(SearchError) -> (query: ResolvedQuery, terms: [ResolvedTerm])? {
        var first = options
        first.k = feedback.documents
        first.offset = 0
        first.facets = []
        first.sort = nil
        first.explain = false
        first.exactTotal = false
        let hits = try collect(query, options: first,
                               into: SearchResults(hits: [], total: 0, totalIsExact: true, notes: [], terms: [], phrases: [])).hits
        var documents: [RelevanceModel.Document] = []
        for hit in hits {
            documents.append(RelevanceModel.Document(score: hit.score, frequencies: termFrequencies(of: try storedDocument(hit.document))))
        }
        let common = RelevanceModel.maximumDocumentShare * Double(statistics.documentCount)
        let found: [(term: ResolvedTerm, weight: Double)]
        do {
            found = try RelevanceModel.feedbackTerms(documents, limit: feedback.terms) { (text) throws(IndexError) -> ResolvedTerm? in
                let term = try resolver.lookUp(text)
                return term.unionDocumentFrequency > 0 && Double(term.unionDocumentFrequency) <= common ? term : nil
            }
        } catch {
            throw .index(error)
        }
        guard !found.isEmpty else { return nil }
        struct Key: Hashable {
            let text: String
            let fields: [Field]
        }
        var terms: [Key: ResolvedTerm] = [:]
        for term in filtered.terms + found.map(\.term) { terms[Key(text: term.text, fields: term.fields)] = term }
        let weights = RelevanceModel.interpolate(original: filtered.terms.map { (Key(text: $0.text, fields: $0.fields), $0.boost) },
                                                 feedback: found.map { (Key(text: $0.term.text, fields: $0.term.fields), $0.weight) },
                                                 originalWeight: feedback.originalWeight)
        let reweighted = weights.compactMap { entry in terms[entry.key].map { $0.boosted(entry.weight) } }.filter { $0.boost > 0 }
        return filtered.query(with: reweighted).map { ($0, reweighted) }
    }

    /// Scores `resolved` (nil: nothing matches) and collects its hits into `results`.
    private func collect(_ resolved: ResolvedQuery?, options: SearchOptions, into results: SearchResults) throws(SearchError) -> SearchResults {
        var results = results
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
        // Terms, maybe narrowed by filters and exclusions: MaxScore, the filter checked on the way
        // (unless every match is to be counted: MaxScore skips what cannot enter the top k).
        let filtered = options.pruning && !options.exactTotal ? resolved.filteredDisjunction : nil
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

    /// The word that replaces `correction`'s typed word in a suggestion: of its candidates, as
    /// the documents write them, the one written closest to the typed word (ignoring case,
    /// within `SpellingCorrection.distance(forWordOf:)` edits), then the most frequent; in that
    /// written form, lower-cased when the typed word is. Nil when no candidate is written near
    /// enough.
    func replacement(for correction: SpellingCorrection) throws(SearchError) -> String? {
        let typed = correction.typed.lowercased()
        let allowed = SpellingCorrection.distance(forWordOf: correction.typed.count)
        var best: (word: String, distance: Int, frequency: Int)?
        for candidate in correction.candidates {
            try forEachWrittenForm(of: candidate.term, field: correction.field) { word in
                var rows = EditDistanceRows(word: typed, bound: allowed)
                guard let distance = rows.match(Array(word.lowercased().utf8)).distance else { return false }
                let entry = (word: word, distance: distance, frequency: candidate.frequency)
                if best.map({ (entry.distance, -entry.frequency, entry.word) < ($0.distance, -$0.frequency, $0.word) }) ?? true {
                    best = entry
                }
                // A typed word no document holds is at least one edit from every written word.
                return distance <= 1
            }
        }
        guard let best else { return nil }
        return correction.typed == typed ? best.word.lowercased() : best.word
    }

    /// Calls `body` with each word that analyzes to `term` in the first `writtenFormDocuments`
    /// live documents holding it in each of `field` (nil: the fields searched, the title, which
    /// is short, first), reading the first 64 KiB of each field as snippets do, until `body`
    /// returns true.
    private func forEachWrittenForm(of term: String, field: Field?, _ body: (String) -> Bool) throws(SearchError) {
        let bytes = Array(term.utf8)
        defer { analyzers.plain.forgetWhenLargerThan(bytes: Self.snippetAnalyzerBytes) }
        for field in field.map({ [$0] }) ?? searchFields {
            guard let name = reader.schema.definition(of: field.number)?.name else { continue }
            var read = 0
            documents: for (s, segment) in reader.segments.enumerated() {
                let lookup = bytes.withUnsafeBytes { raw in
                    Result { () throws(IndexError) in try segment.terms.lookup(raw, in: field) }
                }
                guard let info = try lookup.mapError(SearchError.index).get() else { continue }
                let postings = segment.postings(info)
                while postings.next() != PostingsCursor.noMoreDocs {
                    let local = Int(postings.doc)
                    if segment.isDeleted(local) { continue }
                    var text = SnippetBuilder().analyzedPrefix(of: try storedDocument(reader.documentBases[s] + local)[name] ?? "")
                    let id = analyzers.plain.termID(term)
                    // Compared by term id, as snippets match: no token becomes a String.
                    let done = text.withUTF8 { bytes in
                        var tokens = TokenBuffer()
                        analyzers.plain.analyze(UnsafeRawBufferPointer(bytes), into: &tokens)
                        for token in tokens.all where token.term == id {
                            let word = String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
                            if body(word) { return true }
                        }
                        return false
                    }
                    if done { return }
                    read += 1
                    if read == Self.writtenFormDocuments { break documents }
                }
                if let corruption = postings.corruption { throw .index(corruption) }
            }
        }
    }

    /// How many documents holding a term `forEachWrittenForm(of:field:_:)` reads at most, per field.
    static let writtenFormDocuments = 8

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
