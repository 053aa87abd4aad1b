import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import QuarryCore

/// Quarry's HTTP server over one index: the JSON API of docs/API.md and the search page.
///
/// `init` opens the index and takes its writer's lock (so a bad index or a held lock stops the
/// server before it listens); `run()` serves until SIGTERM or SIGINT, then stops gracefully:
/// no new connections, requests in flight finish, and the writer is released.
public struct SearchServer: Sendable {
    private let configuration: ServerConfiguration
    private let service: IndexService
    private let metrics = RequestMetrics()

    /// Opens the index of `configuration` (creating it first when asked to and it is missing).
    public init(_ configuration: ServerConfiguration) throws(ServerError) {
        self.configuration = configuration
        if configuration.statistics != nil, configuration.adminKey != nil || configuration.create {
            throw .configuration("a shard served with a set's statistics is read-only: give no admin key and no --create "
                + "(change the set with quarry-index add or delete on its folder)")
        }
        do {
            service = try IndexService(url: configuration.index, create: configuration.create, statistics: configuration.statistics)
        } catch {
            throw .configuration("cannot serve \(configuration.index.path): \(error)")
        }
    }

    /// Every route's path and methods (`ErrorMiddleware` answers 405 from it).
    static let routes = RouteTable(routes: [
        ("/", [.get]), ("health", [.get]), ("version", [.get]), ("stats", [.get]), ("metrics", [.get]),
        ("openapi.json", [.get]), ("search", [.get, .post]), ("documents", [.post]), ("documents/delete", [.post]),
        ("documents/:id", [.get, .delete]), ("documents/:id/similar", [.get]), ("analyze", [.post]),
    ])

    /// The routes and middleware.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let access = Access(adminKey: configuration.adminKey, searchKey: configuration.searchKey)
        let limits = configuration.limits
        router.add(middleware: RequestObserverMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware(routes: Self.routes))
        router.add(middleware: InFlightLimitMiddleware(metrics: metrics, limit: limits.requestsInFlight))
        InfoRoutes(service: service, access: access, metrics: metrics).register(on: router)
        SearchRoutes(service: service, access: access, limits: limits).register(on: router)
        DocumentRoutes(service: service, access: access, limits: limits).register(on: router)
        SimilarRoute(service: service, access: access, limits: limits).register(on: router)
        AnalyzeRoute(service: service, access: access, limits: limits).register(on: router)
        PageRoute(service: service, access: access).register(on: router)
        return router
    }

    /// The application: the routes on `eventLoopGroup`'s event loops, idle connections closed
    /// after the limit; `onListening` is told the address once it is bound. Run it as a service
    /// (tests run it in a `ServiceGroup` of their own and shut it down gracefully).
    public func application(logger: Logger, eventLoopGroup: any EventLoopGroup,
                            onListening: @escaping @Sendable (String) -> Void = { _ in }) -> some ApplicationProtocol {
        var http = HTTP1Channel.Configuration()
        http.idleTimeout = .seconds(Int64(configuration.limits.idleSeconds))
        return Application(
            router: router(),
            server: .http1(configuration: http),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "Quarry/\(QuarryVersion.string)"),
            onServerRunning: { channel in onListening(channel.localAddress.map(Self.describe) ?? "unknown address") },
            eventLoopGroupProvider: .shared(eventLoopGroup),
            logger: logger
        )
    }

    /// Serves on `eventLoopGroup` until SIGTERM or SIGINT.
    public func run(logger: Logger, eventLoopGroup: any EventLoopGroup, onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        for problem in service.searcher.synonyms.problems {
            logger.warning("\(configuration.index.path)/\(SynonymRules.fileName), \(problem): left out")
        }
        try await application(logger: logger, eventLoopGroup: eventLoopGroup, onListening: onListening)
            .runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    private static func describe(_ address: SocketAddress) -> String {
        "http://\(address.ipAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "localhost"):\(address.port ?? 0)"
    }
}
