import Hummingbird
import QuarryCommandLine
import QuarryCore

/// `GET /health`, `/version`, `/stats`, `/metrics` and `/openapi.json`.
struct InfoRoutes: Sendable {
    let service: IndexService
    let access: Access
    let metrics: RequestMetrics

    func register(on router: Router<BasicRequestContext>) {
        router.get("health") { _, _ in Response.json(.object([("status", .string("available"))])) }
        router.get("version") { _, _ in
            Response.json(.object([("version", .string(QuarryVersion.string)), ("engine", .string("quarry"))]))
        }
        router.get("stats") { request, _ in try stats(request) }
        router.get("openapi.json") { _, _ in Response.text(OpenAPIDocument.json, contentType: "application/json; charset=utf-8") }
        router.get("metrics") { _, _ in
            Response.text(metrics.prometheusText(index: service.searcher), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    private func stats(_ request: Request) throws -> Response {
        try access.check(request, .read)
        let stats: IndexStatistics
        do {
            stats = try service.index.statistics()
        } catch {
            throw APIError(.internalServerError, code: "index_unreadable", type: .system, error.description)
        }
        var bytes = IndexStatistics.byteKinds.map { ($0, JSONValue.int(stats.bytes[$0] ?? 0)) }
        bytes.append(("total", .int(stats.bytes.values.reduce(0, +))))
        let fields = stats.schema.fields.map { field -> JSONValue in
            var members: [(String, JSONValue)] = [("name", .string(field.name)), ("type", .string(field.type.rawValue)),
                                                  ("stored", .bool(field.stored)), ("multi", .bool(field.multiValued))]
            if field.type == .text {
                members.append(("weight", .double(field.weight)))
                members.append(("language", field.language.map(JSONValue.string) ?? .null))
            }
            return .object(members)
        }
        return .json(.object([
            ("documents", .int(stats.liveDocuments)), ("deleted", .int(stats.deletedDocuments)),
            ("segments", .int(stats.segments)), ("terms", .int(stats.terms)), ("postings", .int(stats.postings)),
            ("positions", .int(stats.positions)), ("generation", .int(stats.generation)), ("bytes", .object(bytes)),
            ("analysis", .object([("language", .string(stats.settings.language.code)),
                                  ("fold_diacritics", .bool(stats.settings.foldDiacritics)),
                                  ("stop_words", .bool(stats.settings.stopWords))])),
            ("schema", .object([("fields", .array(fields))])),
        ]))
    }
}
