import Foundation
import Hummingbird
import QuarryServer
import Testing

/// `GET` and `POST /search`: hits, snippets, paging, filters, sorts, facets, and every 400.
@Suite struct SearchRouteTests {
    private let search = bearer(ServerFixture.searchKey)

    /// The ids of the hits of `GET uri`, in order.
    private func hitIDs(_ client: HTTPTestClient, _ uri: String) async throws -> [String] {
        let response = try await client.execute(uri: uri, method: .get, headers: search)
        return (response.object["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    }

    @Test func hitsCarryFieldsAndMarkedSnippets() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/search?q=supervision+family&exact_total=true", method: .get, headers: search)
            #expect(response.status == .ok)
            let object = response.object
            let hits = try #require(object["hits"] as? [[String: Any]])
            #expect(hits.first?["id"] as? String == "ofsted")
            #expect(object["total"] as? Int == 2 && object["total_exact"] as? Bool == true)
            let fields = try #require(hits.first?["fields"] as? [String: Any])
            #expect(fields["source"] as? String == "express-and-star" && fields["url"] as? String == "https://example.org/ofsted")
            #expect(fields["text"] == nil, "the body's text only with body=true")
            let withBody = try await client.execute(uri: "/search?q=supervision&body=true", method: .get, headers: search)
            let bodyFields = (withBody.object["hits"] as? [[String: Any]])?.first?["fields"] as? [String: Any]
            #expect((bodyFields?["text"] as? String)?.hasPrefix("Inspectors said") == true)
            let snippet = try #require(hits.first?["snippet"] as? [String: Any])
            #expect((snippet["html"] as? String)?.contains("staff <mark>supervision</mark> were") == true)
            #expect(object["took_ms"] is Double || object["took_ms"] is Int)
        }
    }

    @Test func highlightsAreUTF16OffsetsOfTheSnippet() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/search?q=aufsicht", method: .get, headers: search)
            let hit = try #require((response.object["hits"] as? [[String: Any]])?.first)
            let snippet = try #require(hit["snippet"] as? [String: Any])
            let text = try #require(snippet["text"] as? String)
            let ranges = try #require(snippet["highlights"] as? [[Int]])
            #expect(ranges.count == 1)
            let utf16 = Array(text.utf16)
            #expect(String(decoding: utf16[ranges[0][0]..<ranges[0][1]], as: UTF16.self) == "Aufsicht")
        }
    }

    @Test func postTakesTheSameParametersAsGet() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let get = try await client.execute(uri: "/search?q=family&filter=source:bbc&sort=-date&facets=section,date:year&limit=5",
                                               method: .get, headers: search)
            let body = #"{"q": "family", "filter": "source:bbc", "sort": "-date", "facets": ["section", "date:year"], "limit": 5}"#
            var headers = search
            headers[.contentType] = "application/json"
            let post = try await client.execute(uri: "/search", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(get.status == .ok && post.status == .ok)
            let (a, b) = (get.object, post.object)
            #expect((a["hits"] as? [[String: Any]])?.map { $0["id"] as? String } == ["budget"])
            #expect((b["hits"] as? [[String: Any]])?.map { $0["id"] as? String } == ["budget"])
            let facets = try #require(b["facets"] as? [String: Any])
            let years = try #require((facets["date"] as? [String: Any])?["values"] as? [[String: Any]])
            #expect(years.map { $0["value"] as? String } == ["2023"])
        }
    }

    @Test func pagingSkipsAndSortsByDate() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let ids = { (uri: String) in try await hitIDs(client, uri) }
            let newest = try await ids("/search?filter=source:bbc&sort=-date")
            let oldest = try await ids("/search?filter=source:bbc&sort=date")
            let second = try await ids("/search?filter=source:bbc&sort=-date&offset=1&limit=1")
            let nothing = try await ids("/search?q=")
            let filterOnly = try await ids("/search?filter=source:bbc")
            #expect(newest == ["häuser", "budget"] && oldest == ["budget", "häuser"])
            #expect(filterOnly == newest, "a filter alone lists the newest first")
            #expect(second == ["budget"] && nothing == [])
        }
    }

    @Test func typoToleranceIsOnUnlessTurnedOff() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let ids = { (uri: String) in try await hitIDs(client, uri) }
            var headers = search
            headers[.contentType] = "application/json"
            let posted = try await client.execute(uri: "/search", method: .post, headers: headers,
                                                  body: ByteBuffer(string: #"{"q": "familly", "typos": "off"}"#))
            let correct = try await ids("/search?q=family")
            #expect(!correct.isEmpty)
            #expect(try await ids("/search?q=familly") == correct)
            #expect(try await ids("/search?q=familly&typos=off") == [])
            #expect((posted.object["hits"] as? [Any])?.isEmpty == true, "\(posted.text)")
            let misspelled = try await client.execute(uri: "/search?q=familly", method: .get, headers: search)
            #expect(misspelled.object["suggestion"] as? String == "family", "\(misspelled.text)")
            let correctlySpelled = try await client.execute(uri: "/search?q=family", method: .get, headers: search)
            #expect(correctlySpelled.object["suggestion"] is NSNull)
            let page = try await client.execute(uri: "/?q=familly", method: .get, headers: search)
            #expect(page.text.contains("Did you mean <a href=\"/?q=family\">family</a>?"), "\(page.text)")
        }
    }

    @Test func feedbackWidensAKeywordSearch() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            // Enough documents for feedback terms to be rare (in at most a tenth of them).
            let fillers = (0..<40).map { #"{"id": "filler\#($0)", "title": "Weather", "body": "rain again on day \#($0)"}"# }
            // Shares "help" and "service" with both hits of "family", not "family" itself.
            let related = #"{"id": "carers", "title": "Help for carers", "body": "The help service for carers."}"#
            let added = try await client.execute(uri: "/documents", method: .post, headers: admin(),
                                                 body: ByteBuffer(string: "[" + (fillers + [related]).joined(separator: ",") + "]"))
            #expect(added.object["added"] as? Int == 41, "\(added.text)")
            let plain = Set(try await hitIDs(client, "/search?q=family&limit=1000"))
            let widened = Set(try await hitIDs(client, "/search?q=family&limit=1000&feedback=true"))
            #expect(!plain.isEmpty && widened.isSuperset(of: plain) && widened.count > plain.count, "\(plain) \(widened)")
            var headers = search
            headers[.contentType] = "application/json"
            let posted = try await client.execute(uri: "/search", method: .post, headers: headers,
                                                  body: ByteBuffer(string: #"{"q": "family", "limit": 1000, "feedback": true}"#))
            #expect(Set((posted.object["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }) == widened)
        }
    }

    @Test func problemsAre400sThatSayWhat() async throws {
        let fixture = try await ServerFixture()
        let cases: [(String, String, String)] = [
            ("/search?q=%22family", "invalid_search_query", "column"),
            ("/search?q=family&facets=nosuch", "invalid_search_field", "nosuch"),
            ("/search?q=family&sort=-nosuch", "invalid_search_field", "nosuch"),
            ("/search?q=family&limit=1001", "invalid_search_parameter", "'limit'"),
            ("/search?q=family&offset=10001", "invalid_search_parameter", "'offset'"),
            ("/search?q=family&limit=ten", "invalid_search_parameter", "'limit'"),
            ("/search?q=family&operator=xor", "invalid_search_parameter", "'operator'"),
            ("/search?q=family&typos=maybe", "invalid_search_parameter", "'typos'"),
            ("/search?q=family&feedback=maybe", "invalid_search_parameter", "'feedback'"),
            ("/search?q=family&highlight=date", "invalid_search_field", "date"),
            ("/search?sort=nosuch", "invalid_search_field", "nosuch"),
            ("/search?facets=nosuch", "invalid_search_field", "nosuch"),
            ("/search?q=family&facets=", "invalid_search_parameter", "'facets'"),
            ("/search?q=" + String(repeating: "a", count: 4_097), "query_too_long", "'q'"),
        ]
        try await fixture.test { client in
            for (uri, code, mention) in cases {
                let response = try await client.execute(uri: uri, method: .get, headers: search)
                #expect(response.status == .badRequest, "\(uri)")
                let object = response.object
                #expect(object["code"] as? String == code, "\(uri): \(object)")
                #expect(object["type"] as? String == "invalid_request")
                #expect((object["message"] as? String)?.contains(mention) == true, "\(uri): \(object)")
            }
            var headers = search
            headers[.contentType] = "application/json"
            for (body, mention) in [(#"{"q": "a", "colour": 1}"#, "'colour'"), (#"{"limit": "ten"}"#, "'limit' must be an integer"),
                                    ("{nope", "not valid JSON"), (#"{"fields": 1}"#, "'fields' must be true or false"),
                                    (#""x""#, "must be a JSON object")] {
                let response = try await client.execute(uri: "/search", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .badRequest)
                #expect((response.object["message"] as? String)?.contains(mention) == true, "\(body): \(response.text)")
            }
        }
    }
}
