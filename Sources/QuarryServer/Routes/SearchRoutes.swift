import Hummingbird
import QuarryCore

/// `GET /search` and `POST /search`.
struct SearchRoutes: Sendable {
    let service: IndexService
    let access: Access
    let limits: ServerLimits

    func register(on router: Router<BasicRequestContext>) {
        router.get("search") { request, _ in
            try access.check(request, .read)
            return try search(SearchRequest(query: QueryString(request.uri.query), limits: limits))
        }
        router.post("search") { request, _ in
            try access.check(request, .read)
            let body = try await RequestBodyLimit.collect(request, upTo: limits.queryBytes * 4 + 65_536)
            return try search(SearchRequest(json: body, limits: limits))
        }
    }

    private func search(_ request: SearchRequest) throws(APIError) -> Response {
        .json(SearchResponse.json(try SearchExecution(request, on: service.searcher)))
    }
}
