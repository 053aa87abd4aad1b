import QuarryCommandLine
import QuarryCore

/// A `SearchRequest` run on a snapshot: the query and options it makes, and the results.
struct SearchExecution {
    let searcher: Searcher
    let request: SearchRequest
    /// Nil when there was nothing to search for (no words and no filter).
    let results: SearchResults?
    let milliseconds: Double

    /// Parses `request` against `searcher`'s schema and runs it; every problem is a 400 naming
    /// the parameter (a syntax error its column).
    init(_ request: SearchRequest, on searcher: Searcher) throws(APIError) {
        self.searcher = searcher
        self.request = request
        let schema = searcher.schema
        let filter = try request.filter.map { text throws(APIError) in try Self.parse(text, "filter", schema, requireAll: false) }
        let words = request.q.allSatisfy(\.isWhitespace) ? nil : try Self.parse(request.q, "q", schema, requireAll: request.requireAll)
        var options = SearchOptions(k: request.limit, offset: request.offset, exactTotal: request.exactTotal,
                                    sort: request.sort.map(SortOrder.init(parsing:)), storedFields: request.fields,
                                    typos: request.typos, suggest: true, feedback: request.feedback ? .rm3 : nil)
        do {
            options.facets = try request.facets.map { text throws(SearchError) in try FacetRequest(parsing: text, size: request.facetSize) }
        } catch {
            throw .badParameter("'facets': \(error)")
        }
        if let field = request.highlight {
            // The default, `body`, only when the index stores it; a field named is checked.
            if field != "body" || schema.definition(named: "body")?.stored == true { options.snippetField = field }
        }
        let clock = ContinuousClock()
        let start = clock.now
        switch (words, filter) {
        case (nil, nil):
            // Nothing to search for; the options are still checked (an unknown sort or facet
            // field is a 400 whatever the query).
            _ = try Self.run(.or([]), options, searcher)
            results = nil
        case (let words?, let filter):
            var found = try Self.run(filter.map { words.narrowed(by: $0) } ?? words, options, searcher)
            found.suggestion = try Self.reporting { () throws(SearchError) in
                try searcher.suggestion(for: request.q, after: found, defaultOperator: request.requireAll ? .and : .or, narrowedBy: filter)
            }
            results = found
        case (nil, let filter?):
            // Nothing to rank by: newest first, when there is a date to sort by.
            if options.sort == nil, let date = schema.fields.first(where: { $0.type == .date }) {
                options.sort = SortOrder(field: date.name, descending: true)
            }
            results = try Self.run(filter, options, searcher)
        }
        let elapsed = clock.now - start
        milliseconds = elapsed.milliseconds
    }

    private static func parse(_ text: String, _ name: String, _ schema: Schema, requireAll: Bool) throws(APIError) -> Query {
        do {
            return try Query(parsing: text, schema: schema, defaultOperator: requireAll ? .and : .or)
        } catch {
            throw APIError(.badRequest, code: "invalid_search_query", type: .invalidRequest, "'\(name)': \(error)")
        }
    }

    private static func run(_ query: Query, _ options: SearchOptions, _ searcher: Searcher) throws(APIError) -> SearchResults {
        try reporting { () throws(SearchError) in try searcher.search(query, options: options) }
    }

    /// `body`'s result, its search error as the API error it is.
    private static func reporting<Result>(_ body: () throws(SearchError) -> Result) throws(APIError) -> Result {
        do {
            return try body()
        } catch {
            switch error {
            case .syntax(let syntax):
                throw APIError(.badRequest, code: "invalid_search_query", type: .invalidRequest, syntax.description)
            case .invalid(let message):
                throw APIError(.badRequest, code: "invalid_search_field", type: .invalidRequest, message)
            case .index(let index):
                throw APIError(.internalServerError, code: "index_unreadable", type: .system, index.description)
            }
        }
    }
}
