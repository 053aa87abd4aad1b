import Foundation
import Hummingbird
import QuarryServer
import Testing

/// Searches over real connections while another client adds and deletes: no request fails, and
/// every answer is that of some commit.
@Suite struct LiveUpdateTests {
    @Test func searchesSeeWholeCommitsWhileDocumentsComeAndGo() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            // Each write adds a batch of 10 documents with the word "tide", or deletes an earlier
            // batch whole, so after any commit the number of matches is a multiple of 10.
            let writer = Task {
                for batch in 0..<12 {
                    let lines = (0..<10).map { #"{"id": "b\#(batch)-\#($0)", "title": "High tide \#(batch)", "text": "tide tables"}"# }
                    let added = try await client.execute(uri: "/documents", method: .post, headers: admin(contentType: "application/x-ndjson"),
                                                         body: ByteBuffer(string: lines.joined(separator: "\n")))
                    #expect(added.status == .ok, "\(added.text)")
                    if batch % 3 == 2 {
                        let ids = (0..<10).map { #""b\#(batch - 2)-\#($0)""# }.joined(separator: ",")
                        let deleted = try await client.execute(uri: "/documents/delete", method: .post, headers: admin(),
                                                               body: ByteBuffer(string: #"{"ids": [\#(ids)]}"#))
                        #expect(deleted.status == .ok)
                    }
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<40 {
                            let response = try await client.execute(uri: "/search?q=tide&limit=1000&fields=true&exact_total=true", method: .get,
                                                                    headers: bearer(ServerFixture.searchKey))
                            #expect(response.status == .ok)
                            let object = response.object
                            let total = object["total"] as? Int ?? -1
                            let hits = object["hits"] as? [[String: Any]] ?? []
                            #expect(total % 10 == 0 && hits.count == total, "total \(total), \(hits.count) hits")
                            #expect(hits.allSatisfy { ($0["fields"] as? [String: Any])?["title"] != nil })
                            // Whole batches only: each batch's ten ids all there or none.
                            var perBatch: [String: Int] = [:]
                            for hit in hits { perBatch[String((hit["id"] as? String ?? "").prefix { $0 != "-" }), default: 0] += 1 }
                            #expect(perBatch.values.allSatisfy { $0 == 10 }, "\(perBatch)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await writer.value
            let final = try await client.execute(uri: "/search?q=tide&limit=1000&exact_total=true", method: .get, headers: bearer(ServerFixture.searchKey))
            #expect(final.object["total"] as? Int == 80)
        }
    }
}
