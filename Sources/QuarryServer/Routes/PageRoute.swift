import Foundation
import Hummingbird
import QuarryCore

/// `GET /`: the search page, rendered on the server from the URL's parameters (`q`, `page`,
/// `from`, `to`, `sort`, and a facet field's name for each selected value), so the URL holds the
/// whole state and the page works without JavaScript.
struct PageRoute: Sendable {
    let service: IndexService
    let access: Access

    /// Hits a page shows.
    static let pageSize = 10
    /// Facets of keyword fields the sidebar shows, the schema's first ones.
    static let keywordFacets = 4

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try page(request) }
    }

    private func page(_ request: Request) throws -> Response {
        do {
            try access.check(request, .read)
        } catch {
            // A browser asks for a password on a Basic challenge: the key, as the password.
            var challenge = error
            if challenge.status == .unauthorized { challenge.headers[.wwwAuthenticate] = "Basic realm=\"Quarry search\", charset=\"UTF-8\"" }
            throw challenge
        }
        let searcher = service.searcher
        let model = PageSearch(QueryString(request.uri.query), searcher: searcher, pageSize: Self.pageSize,
                               keywordFacets: Self.keywordFacets).model
        return .text(SearchPage.render(model), contentType: "text/html; charset=utf-8")
    }
}
