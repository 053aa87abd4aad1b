import Foundation
import Hummingbird
import QuarryServer
import Testing

/// `POST /documents`, `GET`/`DELETE /documents/{id}` and `POST /documents/delete`: each write
/// committed before its answer, with its counts and rejections.
@Suite struct DocumentRouteTests {
    @Test func jsonLinesAreAddedWithRejectionsByLine() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let body = """
            {"id": "n1", "title": "Flood warning for the Severn", "text": "River levels rise.", "source": "bbc", "date": "2024-06-01"}
            {"id": "n2", "title": "broken
            {"id": "budget", "title": "Council budget revised", "text": "The revised budget.", "source": "bbc"}

            {"title": "no id here"}
            """
            let response = try await client.execute(uri: "/documents", method: .post, headers: admin(contentType: "application/x-ndjson"),
                                                    body: ByteBuffer(string: body))
            #expect(response.status == .ok, "\(response.text)")
            let object = response.object
            #expect(object["added"] as? Int == 2 && object["replaced"] as? Int == 1, "\(object)")
            let rejected = try #require(object["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["line"] as? Int } == [2, 5], "\(rejected)")
            #expect(object["documents"] as? Int == 4)
            // Committed and visible at once.
            let found = try await client.execute(uri: "/search?q=severn", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect((found.object["hits"] as? [[String: Any]])?.map { $0["id"] as? String } == ["n1"])
            let revised = try await client.execute(uri: "/documents/budget", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect(((revised.object["fields"] as? [String: Any])?["title"] as? String) == "Council budget revised")
        }
    }

    @Test func similarDocumentsLeaveTheDocumentOut() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let search = bearer(ServerFixture.searchKey)
            let response = try await client.execute(uri: "/documents/budget/similar?limit=5", method: .get, headers: search)
            #expect(response.status == .ok, "\(response.text)")
            let hits = (response.object["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(!hits.contains("budget"))
            #expect(response.object["terms"] is [String] && response.object["limit"] as? Int == 5)
            let missing = try await client.execute(uri: "/documents/nosuch/similar", method: .get, headers: search)
            #expect(missing.status == .notFound && missing.object["code"] as? String == "document_not_found")
            let bad = try await client.execute(uri: "/documents/budget/similar?limit=-1", method: .get, headers: search)
            #expect(bad.status == .badRequest)
            let unauthorized = try await client.execute(uri: "/documents/budget/similar", method: .get)
            #expect(unauthorized.status == .unauthorized)
        }
    }

    @Test func aJSONArrayIsAddedAndNothingValidIs400() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let array = #"[{"id": "a1", "title": "Library opening hours"}, {"id": "a2", "title": "Bin collections change"}]"#
            let added = try await client.execute(uri: "/documents", method: .post, headers: admin(), body: ByteBuffer(string: array))
            #expect(added.object["added"] as? Int == 2)
            let nothing = try await client.execute(uri: "/documents", method: .post, headers: admin(), body: ByteBuffer(string: "{\"title\": 1}\n"))
            #expect(nothing.status == .badRequest)
            #expect(nothing.object["code"] as? String == "invalid_documents")
            #expect((nothing.object["message"] as? String)?.contains("line 1") == true, "\(nothing.text)")
            let neither = try await client.execute(uri: "/documents", method: .post, headers: admin(), body: ByteBuffer(string: "hello"))
            #expect(neither.status == .badRequest)
        }
    }

    @Test func deletesCommitAndMissingDocumentsAre404() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let one = try await client.execute(uri: "/documents/budget", method: .delete, headers: admin())
            #expect(one.object["deleted"] as? Int == 1 && one.object["documents"] as? Int == 2)
            let again = try await client.execute(uri: "/documents/budget", method: .delete, headers: admin())
            #expect(again.status == .ok && (again.object["deleted"] as? Int) == 0)
            let gone = try await client.execute(uri: "/documents/budget", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect(gone.status == .notFound && (gone.object["code"] as? String) == "document_not_found")
            let encoded = try await client.execute(uri: "/documents/h%C3%A4user", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect(encoded.status == .ok)
            let malformed = try await client.execute(uri: "/documents/%zz", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect(malformed.status == .badRequest && (malformed.object["message"] as? String)?.contains("malformed") == true)
            let many = try await client.execute(uri: "/documents/delete", method: .post, headers: admin(),
                                                body: ByteBuffer(string: #"{"ids": ["ofsted", "häuser", "missing"]}"#))
            #expect(many.object["deleted"] as? Int == 2 && many.object["documents"] as? Int == 0)
            let bad = try await client.execute(uri: "/documents/delete", method: .post, headers: admin(), body: ByteBuffer(string: #"{"id": "x"}"#))
            #expect(bad.status == .badRequest && (bad.object["message"] as? String)?.contains("'id'") == true)
        }
    }

    @Test func bodiesAndDocumentCountsAreBounded() async throws {
        var limits = ServerLimits()
        limits.bodyBytes = 1_000
        limits.documentsPerRequest = 3
        let fixture = try await ServerFixture(limits: limits)
        try await fixture.test { client in
            let big = String(repeating: #"{"id": "x", "title": "padding padding padding padding"}"# + "\n", count: 30)
            let tooLarge = try await client.execute(uri: "/documents", method: .post, headers: admin(), body: ByteBuffer(string: big))
            #expect(tooLarge.status == .contentTooLarge && (tooLarge.object["code"] as? String) == "payload_too_large")
            let four = (1...4).map { #"{"id": "d\#($0)"}"# }.joined(separator: "\n")
            let tooMany = try await client.execute(uri: "/documents", method: .post, headers: admin(), body: ByteBuffer(string: four))
            #expect(tooMany.status == .contentTooLarge && (tooMany.object["code"] as? String) == "too_many_documents")
            let array = "[" + (1...4).map { #"{"id": "d\#($0)", "title": "a, [b] {c}"}"# }.joined(separator: ",") + "]"
            let tooManyInArray = try await client.execute(uri: "/documents", method: .post, headers: admin(), body: ByteBuffer(string: array))
            #expect(tooManyInArray.status == .contentTooLarge)
            let stats = try await client.execute(uri: "/stats", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect(stats.object["documents"] as? Int == 3)
        }
    }
}
