/// Searches one commit of an index: a point-in-time snapshot, `Sendable`, for any number of
/// concurrent searches.
///
/// Get one from ``Index/searcher(verifyingChecksums:statistics:)``. It sees the commit that was last when
/// it was opened, whatever writers do after; ``reopened()`` gives a searcher of the newest
/// commit, reusing every segment that did not change, so reopening after each commit is cheap.
/// The commit's files stay on disk while a searcher holds them.
public final class Searcher: Sendable {
    let reader: IndexReader
    /// Sessions not in use: each search takes one (or makes one) and puts it back.
    private let idle: Locked<[SearchSession]>
    /// The index folder's synonyms file, as it was when this searcher opened
    /// (``SynonymRules/fileName``; none when there is no such file).
    public let synonyms: SynonymRules
    /// The shard set's statistics it scores with, or nil for the index's own
    /// (``Index/searcher(verifyingChecksums:statistics:)``).
    public let statistics: ScoringStatistics?

    /// A searcher of `reader` with the synonyms of its folder (`synonyms`: those already read),
    /// scoring with `statistics` when given (refused when they do not count `reader`'s commit).
    init(reader: IndexReader, synonyms: SynonymRules? = nil, statistics: ScoringStatistics? = nil) throws(IndexError) {
        self.reader = reader
        if let problem = statistics?.problem(for: reader) {
            throw .invalidArgument("\(reader.directory): the scoring statistics cannot be used: \(problem)")
        }
        self.statistics = statistics
        if let synonyms {
            self.synonyms = synonyms
        } else {
            self.synonyms = try SynonymRules.load(directory: reader.directory)
        }
        do {
            idle = Locked([try SearchSession(reader: reader, synonyms: self.synonyms, global: statistics)])
        } catch {
            throw .invalidArgument("\(reader.directory): \(error)")
        }
    }

    /// The index's fields.
    public var schema: Schema { reader.schema }
    /// The analysis the index was built with; queries are analyzed the same way.
    public var analysis: AnalysisSettings { reader.settings }
    /// The commit this searcher sees (it grows by one with each commit).
    public var generation: Int { reader.manifest.generation }
    /// Documents in the snapshot, deleted ones included.
    public var documentCount: Int { reader.documentCount }
    /// Documents in the snapshot that are not deleted.
    public var liveDocumentCount: Int { reader.liveDocumentCount }
    /// Segments in the snapshot.
    public var segmentCount: Int { reader.segments.count }

    /// A searcher of the index's newest commit and synonyms file, sharing the segments this one
    /// has that did not change (this one itself when neither changed). One scoring with a shard
    /// set's statistics keeps them, so it throws when there is a newer commit they do not count.
    public func reopened() throws(IndexError) -> Searcher {
        let current = try Manifest.read(directory: reader.directory)
        let synonyms = try SynonymRules.load(directory: reader.directory)
        if current.generation == reader.manifest.generation {
            return synonyms == self.synonyms ? self : try Searcher(reader: reader, synonyms: synonyms, statistics: statistics)
        }
        return try Searcher(reader: IndexReader(directory: reader.directory, reusing: reader), synonyms: synonyms, statistics: statistics)
    }

    /// Runs `query`: the top hits, the total, and what `options` asked for besides (facets,
    /// stored fields, snippets, explanations).
    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        try withSession { session throws(SearchError) in
            try attach(to: session.search(query, options: options), options: options, session: session)
        }
    }

    /// The documents most like the live document with id `id`, best first, without itself and
    /// its exact duplicates: a query of its most characteristic terms over the fields a query
    /// searches, as Lucene's MoreLikeThis makes it (of its terms, stop words out, that it has
    /// twice or more and 5 documents or more of the index have, the 25 of highest tf × idf,
    /// each boosted by its share of the highest). `options` as for a search (`k`, `offset`,
    /// stored fields, ranking); the results' `terms` are the query's.
    public func similar(to id: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        guard let document = try documentNumber(id: id) else {
            throw .invalid("no document has id '\(ControlCharacters.forDisplay(id))'")
        }
        return try withSession { session throws(SearchError) in
            try attach(to: session.similar(to: document, options: options), options: options, session: session)
        }
    }

    /// `results` with the stored fields and snippets `options` ask for.
    private func attach(to results: SearchResults, options: SearchOptions, session: SearchSession) throws(SearchError) -> SearchResults {
        guard options.storedFields || options.snippetField != nil else { return results }
        var results = results
        for i in results.hits.indices {
            let stored = try session.storedDocument(results.hits[i].document)
            if options.storedFields { results.hits[i].fields = stored }
            if let field = options.snippetField {
                results.hits[i].snippet = session.snippet(of: stored[field] ?? "", for: results)
            }
        }
        return results
    }

    /// Parses `text` in the query language, with the index's schema (``Query/init(parsing:schema:defaultOperator:)``),
    /// and runs it; with ``SearchOptions/suggest``, the results carry the spelling suggestion
    /// when there is one (``suggestion(for:after:defaultOperator:narrowedBy:)``).
    public func search(_ text: String, defaultOperator: QueryParser.DefaultOperator = .or,
                       options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        let query: Query
        do {
            query = try Query(parsing: text, schema: reader.schema, defaultOperator: defaultOperator)
        } catch {
            throw .syntax(error)
        }
        var results = try search(query, options: options)
        if options.suggest {
            results.suggestion = try suggestion(for: text, after: results, defaultOperator: defaultOperator)
        }
        return results
    }

    /// A spelling suggestion for the query `text`, whose search (with ``SearchOptions/suggest``)
    /// gave `results`: `text` with each word that no document holds replaced by the closest
    /// word the index has as its documents write it: its first letter kept, within one edit of
    /// the typed word from 4 letters, two from 8, the most frequent of the closest; the rest as
    /// written. Nil when
    /// no word was corrected, or when the suggestion, searched without typo tolerance (narrowed
    /// by `filter`, when the search was), matches no document.
    public func suggestion(for text: String, after results: SearchResults, defaultOperator: QueryParser.DefaultOperator = .or,
                           narrowedBy filter: Query? = nil) throws(SearchError) -> String? {
        guard !results.corrections.isEmpty else { return nil }
        let suggested = try withSession { session throws(SearchError) in
            var suggested = text
            for correction in results.corrections {
                guard let surface = try session.replacement(for: correction) else { continue }
                suggested = QueryText.replacingWord(correction.typed, with: surface, in: suggested)
            }
            return suggested
        }
        guard suggested != text else { return nil }
        let query: Query
        do {
            query = try Query(parsing: suggested, schema: reader.schema, defaultOperator: defaultOperator)
        } catch {
            // A correction that reads as an operator (NOT for NOTT) is no suggestion.
            return nil
        }
        let check = try search(filter.map { query.narrowed(by: $0) } ?? query, options: SearchOptions(k: 1, exactTotal: false, typos: .off))
        return check.hits.isEmpty ? nil : suggested
    }

    /// The stored fields of document number `document` (a hit's ``SearchHit/document``).
    public func storedDocument(_ document: Int) throws(SearchError) -> StoredDocument {
        guard (0..<reader.documentCount).contains(document) else {
            throw .invalid("no document number \(document) (the snapshot has \(reader.documentCount))")
        }
        return try withSession { session throws(SearchError) in try session.storedDocument(document) }
    }

    /// The stored fields of the live document with id `id`, or nil when there is none.
    public func document(id: String) throws(SearchError) -> StoredDocument? {
        try documentNumber(id: id).map { number throws(SearchError) in try storedDocument(number) }
    }

    /// The number of the live document with id `id`, or nil when there is none.
    private func documentNumber(id: String) throws(SearchError) -> Int? {
        for (s, segment) in reader.segments.enumerated() {
            let matches: [Int]
            do {
                matches = try segment.documents(withID: id)
            } catch {
                throw .index(error)
            }
            if let local = matches.first(where: { !segment.isDeleted($0) }) { return reader.documentBases[s] + local }
        }
        return nil
    }

    /// A snippet of `text` around the matches of `results`' terms and phrases.
    public func snippet(of text: String, for results: SearchResults) throws(SearchError) -> Snippet {
        try withSession { session throws(SearchError) in session.snippet(of: text, for: results) }
    }

    /// Runs `body` with a session no other thread is using (one made if all are busy).
    private func withSession<Result>(_ body: (SearchSession) throws(SearchError) -> Result) throws(SearchError) -> Result {
        let session: SearchSession
        if let taken = idle.withLock({ $0.popLast() }) {
            session = taken
        } else {
            session = try SearchSession(reader: reader, synonyms: synonyms, global: statistics)
        }
        defer { idle.withLock { $0.append(session) } }
        return try body(session)
    }
}
