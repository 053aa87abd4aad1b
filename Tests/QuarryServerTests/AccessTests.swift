import Foundation
import Hummingbird
import QuarryServer
import QuarryTestSupport
import Testing

/// Keys: writes need the admin key, reads the search key (or the admin key); a missing key is
/// 401, a wrong one 403; no admin key at all makes the server read-only.
@Suite struct AccessTests {
    private let write = ByteBuffer(string: #"{"id": "k1", "title": "Keys"}"#)

    @Test func eachKeyAllowsWhatItShould() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let none = try await client.execute(uri: "/search?q=council", method: .get)
            #expect(none.status == .unauthorized && none.headers[.wwwAuthenticate] == "Bearer")
            #expect(none.object["code"] as? String == "missing_authorization" && none.object["type"] as? String == "auth")
            let wrong = try await client.execute(uri: "/search?q=council", method: .get, headers: bearer("not-the-key-0123456789"))
            #expect(wrong.status == .forbidden && (wrong.object["code"] as? String) == "invalid_api_key")
            let nearlyRight = try await client.execute(uri: "/search?q=council", method: .get, headers: bearer(ServerFixture.searchKey + "x"))
            #expect(nearlyRight.status == .forbidden)
            #expect(try await client.execute(uri: "/search?q=council", method: .get, headers: bearer(ServerFixture.searchKey)).status == .ok)
            #expect(try await client.execute(uri: "/search?q=council", method: .get, headers: bearer(ServerFixture.adminKey)).status == .ok)
            let searchWrites = try await client.execute(uri: "/documents", method: .post, headers: bearer(ServerFixture.searchKey), body: write)
            #expect(searchWrites.status == .forbidden)
            #expect(try await client.execute(uri: "/documents", method: .post, headers: admin(), body: write).status == .ok)
            let basic = "Basic " + Data("anyone:\(ServerFixture.searchKey)".utf8).base64EncodedString()
            #expect(try await client.execute(uri: "/?q=council", method: .get, headers: [.authorization: basic]).status == .ok)
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .unauthorized && page.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            for open in ["/health", "/version", "/metrics", "/openapi.json"] {
                #expect(try await client.execute(uri: open, method: .get).status == .ok, "\(open)")
            }
        }
    }

    @Test func withoutAnAdminKeyTheServerIsReadOnly() async throws {
        let fixture = try await ServerFixture(keys: false)
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/search?q=council", method: .get).status == .ok)
            for (uri, method) in [("/documents", HTTPRequest.Method.post), ("/documents/budget", .delete), ("/documents/delete", .post)] {
                let response = try await client.execute(uri: uri, method: method, body: write)
                #expect(response.status == .forbidden && (response.object["code"] as? String) == "writes_disabled", "\(uri)")
            }
        }
    }

    @Test func keyFilesAreChecked() throws {
        let folder = TemporaryDirectory()
        #expect(throws: ServerError.self) { try AccessKey(file: URL(fileURLWithPath: folder.write("short.key", "short\n"))) }
        #expect(throws: ServerError.self) { try AccessKey(file: URL(fileURLWithPath: folder.file("missing.key"))) }
    }
}
