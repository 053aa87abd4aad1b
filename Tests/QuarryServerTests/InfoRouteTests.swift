import Foundation
import Hummingbird
import QuarryCore
import QuarryServer
import Testing

/// `/health`, `/version`, `/stats`, `/metrics`, `/openapi.json`, `/analyze`, the limits on
/// requests in flight, and errors for routes that do not exist.
@Suite struct InfoRouteTests {
    private let search = bearer(ServerFixture.searchKey)

    @Test func healthVersionAndStats() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/health", method: .get).text == #"{"status":"available"}"#)
            #expect(try await client.execute(uri: "/version", method: .get).object["version"] as? String == QuarryVersion.string)
            let stats = try await client.execute(uri: "/stats", method: .get, headers: search).object
            #expect(stats["documents"] as? Int == 3 && stats["segments"] as? Int == 1 && stats["generation"] as? Int == 2)
            let fields = try #require((stats["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(fields.map { $0["name"] as? String } == ["title", "body", "source", "section", "date", "url"])
            #expect(((stats["bytes"] as? [String: Any])?["total"] as? Int ?? 0) > 0)
        }
    }

    @Test func metricsCountRequestsByRoutePattern() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            _ = try await client.execute(uri: "/search?q=council", method: .get, headers: search)
            _ = try await client.execute(uri: "/documents/budget", method: .get, headers: search)
            _ = try await client.execute(uri: "/documents/nosuch", method: .get, headers: search)
            let text = try await client.execute(uri: "/metrics", method: .get).text
            #expect(text.contains(#"quarry_http_requests_total{method="GET",route="/search",status="200"} 1"#), "\(text)")
            #expect(text.contains(#"quarry_http_requests_total{method="GET",route="/documents/{id}",status="404"} 1"#))
            #expect(text.contains(#"quarry_http_request_duration_seconds_count{route="/documents/{id}"} 2"#))
            #expect(text.contains("quarry_index_documents 3\n") && text.contains("quarry_index_generation 2\n"))
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get).object
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: Any])
            for path in ["/health", "/version", "/stats", "/search", "/documents", "/documents/{id}", "/documents/{id}/similar", "/documents/delete",
                         "/analyze", "/metrics", "/"] {
                #expect(paths[path] != nil, "\(path) is not in openapi.json")
            }
        }
    }

    @Test func analyzeGivesTokensWithOffsets() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/analyze", method: .post, headers: search,
                                                    body: ByteBuffer(string: #"{"text": "Die Häuser", "language": "de"}"#))
            let tokens = try #require(response.object["tokens"] as? [[String: Any]])
            #expect(tokens.map { $0["term"] as? String } == ["die", "haus"])
            #expect(tokens.map { $0["text"] as? String } == ["Die", "Häuser"])
            #expect(tokens.last?["start"] as? Int == 4 && tokens.last?["end"] as? Int == 11)
            let unknown = try await client.execute(uri: "/analyze", method: .post, headers: search,
                                                   body: ByteBuffer(string: #"{"text": "x", "language": "klingon"}"#))
            #expect(unknown.status == .badRequest)
        }
    }

    @Test func unknownRoutesAndFloodsAnswerInJSON() async throws {
        var limits = ServerLimits()
        limits.requestsInFlight = 0
        let flooded = try await ServerFixture(limits: limits)
        try await flooded.test { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .serviceUnavailable && response.headers[.retryAfter] == "1")
            #expect(response.object["code"] as? String == "too_many_requests")
        }
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let missing = try await client.execute(uri: "/nosuch", method: .get)
            #expect(missing.status == .notFound && (missing.object["code"] as? String) == "route_not_found")
            let trace = try await client.execute(uri: "/search", method: .trace)
            #expect(trace.status == .methodNotAllowed && trace.headers[.allow] == "GET, POST")
            #expect(try await client.execute(uri: "/documents", method: .get).status == .methodNotAllowed)
            let put = try await client.execute(uri: "/documents/budget", method: .put)
            #expect(put.status == .methodNotAllowed && (put.object["code"] as? String) == "method_not_allowed")
            let deleteList = try await client.execute(uri: "/documents/delete", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect(deleteList.status == .methodNotAllowed && deleteList.headers[.allow] == "POST")
            let query = try await client.execute(uri: "/search", method: HTTPRequest.Method("QUERY")!)
            #expect(query.status == .methodNotAllowed)
        }
    }
}
