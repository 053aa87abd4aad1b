import Foundation
import Hummingbird
import Logging
import NIOPosix
import QuarryCore
import QuarryServer
import QuarryTestSupport
import ServiceLifecycle

/// A server over a small news index of its own (title, body, `source`, `section`, `date`,
/// stored `url`), with an admin and a search key, for the route tests.
struct ServerFixture {
    static let adminKey = "admin-key-0123456789abcdef"
    static let searchKey = "search-key-0123456789abcdef"

    static let documents = [
        Document(id: "ofsted", title: "Ofsted praises children's social care services in Wolverhampton",
                 body: "Inspectors said the family help service and staff supervision were strong.",
                 fields: [DocumentField("source", "express-and-star"), DocumentField("section", "education"),
                          DocumentField("date", "2024-02-09"), DocumentField("url", "https://example.org/ofsted")]),
        Document(id: "budget", title: "Council sets its budget",
                 body: "The council agreed a budget with cuts to the family help service.",
                 fields: [DocumentField("source", "bbc"), DocumentField("section", "politics"), DocumentField("date", "2023-11-20")]),
        Document(id: "häuser", title: "Häuser am Fluss",
                 body: "Die Häuser am Fluss wurden nach dem Hochwasser geräumt; die Aufsicht prüft die Häuser.",
                 fields: [DocumentField("source", "bbc"), DocumentField("section", "world"), DocumentField("date", "2024-05-01T09:15:00Z")]),
    ]

    static let schema = try! Schema(fields: [
        .title, .body, FieldDefinition(name: "source", type: .keyword), FieldDefinition(name: "section", type: .keyword),
        FieldDefinition(name: "date", type: .date), FieldDefinition(name: "url", type: .stored),
    ])

    let folder = TemporaryDirectory("quarry-server-test")
    let server: SearchServer

    /// The index, and a server over it with `limits`; `keys` false for no keys at all.
    init(keys: Bool = true, limits: ServerLimits = ServerLimits()) async throws {
        let url = URL(fileURLWithPath: folder.file("index"))
        // The writer lets go of its lock before the server takes its own.
        let writer = try Index.create(at: url, schema: Self.schema).writer()
        try await writer.add(contentsOf: Self.documents)
        try await writer.commit()
        await writer.close()
        var configuration = ServerConfiguration(index: url)
        configuration.port = 0
        configuration.limits = limits
        if keys {
            configuration.adminKey = try AccessKey(file: URL(fileURLWithPath: folder.write("admin.key", Self.adminKey + "\n")))
            configuration.searchKey = try AccessKey(file: URL(fileURLWithPath: folder.write("search.key", Self.searchKey + "\n")))
        }
        server = try SearchServer(configuration)
    }

    /// Runs `body` with a client of the server, listening on a free loopback port for the
    /// length of the call, then shuts the server down gracefully.
    func test<Value: Sendable>(_ body: @Sendable (HTTPTestClient) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "quarry-server-test")
        logger.logLevel = .warning
        let (addresses, listening) = AsyncStream.makeStream(of: String.self)
        let application = server.application(logger: logger, eventLoopGroup: MultiThreadedEventLoopGroup.singleton) { address in
            listening.yield(address)
        }
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { listening.finish() }
                try await services.run()
            }
            var iterator = addresses.makeAsyncIterator()
            guard let address = await iterator.next(), let port = address.split(separator: ":").last.flatMap({ Int($0) }) else {
                try await group.waitForAll()
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the test server did not start"])
            }
            do {
                let value = try await body(HTTPTestClient(port: port))
                await services.triggerGracefulShutdown()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

/// A request's headers with a key.
func bearer(_ key: String) -> HTTPFields {
    [.authorization: "Bearer \(key)"]
}

/// The admin key's headers, with a content type.
func admin(contentType: String = "application/json") -> HTTPFields {
    [.authorization: "Bearer \(ServerFixture.adminKey)", .contentType: contentType]
}
