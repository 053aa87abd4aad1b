import Hummingbird
import QuarryCommandLine
import QuarryCore

/// `GET /documents/{id}/similar`: the documents most like one (``Searcher/similar(to:options:)``).
struct SimilarRoute: Sendable {
    let service: IndexService
    let access: Access
    let limits: ServerLimits

    func register(on router: Router<BasicRequestContext>) {
        router.get("documents/:id/similar") { request, context in
            try similar(request, id: try DocumentRoutes.documentID(context))
        }
    }

    private func similar(_ request: Request, id: String) throws -> Response {
        try access.check(request, .read)
        // The paging and field parameters of a search; its query parameters do not apply.
        let parameters = try SearchRequest(query: QueryString(request.uri.query), limits: limits)
        let searcher = service.searcher
        let clock = ContinuousClock()
        let start = clock.now
        let results: SearchResults
        do {
            results = try searcher.similar(to: id, options: SearchOptions(k: parameters.limit, offset: parameters.offset,
                                                                          storedFields: parameters.fields))
        } catch {
            switch error {
            case .index(let index):
                throw APIError(.internalServerError, code: "index_unreadable", type: .system, index.description)
            case .invalid, .syntax:
                throw APIError(.notFound, code: "document_not_found", type: .notFound, "no document has the id '\(id)'")
            }
        }
        let milliseconds = (clock.now - start).milliseconds
        return .json(.object([
            ("id", .string(id)),
            ("hits", .array(results.hits.map { SearchResponse.hit($0, schema: searcher.schema, snippetField: nil, withBody: parameters.body) })),
            ("offset", .int(parameters.offset)), ("limit", .int(parameters.limit)),
            ("total", .int(results.total)), ("total_exact", .bool(results.totalIsExact)),
            ("took_ms", .milliseconds(milliseconds)),
            ("terms", .array(results.terms.sorted().map(JSONValue.string))),
        ]))
    }
}
