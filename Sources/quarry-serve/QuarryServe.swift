import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import QuarryCommandLine
import QuarryCore
import QuarryServer

/// `quarry-serve`: the HTTP API and the search page over one index (docs/API.md).
@main
struct QuarryServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry-serve",
        abstract: "Serve a Quarry index over HTTP: the JSON API (docs/API.md) and a search page at /.",
        version: QuarryVersion.string
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Flag(help: "Create an empty index (title and body) when the folder has none.")
    var create = false

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free one; the server prints which).")
    var port = 7700

    @Option(name: .customLong("api-key-file"), help: "A file whose first line is the admin key (writes need it); without one the server is read-only.")
    var apiKeyFile: String?

    @Option(name: .customLong("search-key-file"), help: "A file whose first line is the search key (searches and reads then need it, or the admin key).")
    var searchKeyFile: String?

    @Option(help: "Threads of the event loops, which read and write connections and run the requests, searches included (1 to 256).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("max-body-mb"), help: "The largest request body, in MB (1 to 4096).")
    var maxBodyMB = 64

    @Option(name: .customLong("max-requests"), help: "Requests served at once; more are answered 503 (1 to 100000).")
    var maxRequests = 256

    @Option(name: .customLong("log-level"), help: "trace, debug, info (a line per request), notice, warning, error or critical.")
    var logLevel = "info"

    @Option(name: .customLong("global-stats"), help: ArgumentHelp(
        "Serve the index as a shard of a set, scoring with the set's statistics (quarry-index merge-stats): read-only, no writer's lock taken.",
        valueName: "file"))
    var globalStats: String?

    func validate() throws {
        guard (1...65_535).contains(port) || port == 0 else { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be from 1 to 256") }
        guard (1...4_096).contains(maxBodyMB) else { throw ValidationError("--max-body-mb must be from 1 to 4096") }
        guard (1...100_000).contains(maxRequests) else { throw ValidationError("--max-requests must be from 1 to 100000") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of: trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() throws {
        try reportingErrors(of: "quarry-serve") {
            var configuration = ServerConfiguration(index: URL(fileURLWithPath: index))
            configuration.create = create
            configuration.host = host
            configuration.port = port
            configuration.limits.bodyBytes = maxBodyMB << 20
            configuration.limits.requestsInFlight = maxRequests
            configuration.adminKey = try apiKeyFile.map { try AccessKey(file: URL(fileURLWithPath: $0)) }
            configuration.searchKey = try searchKeyFile.map { try AccessKey(file: URL(fileURLWithPath: $0)) }
            configuration.statistics = try globalStats.map { try ScoringStatistics.load(from: URL(fileURLWithPath: $0)) }
            let server = try SearchServer(configuration)
            var logger = Logger(label: "quarry")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            let index = index
            let writes = globalStats != nil ? "a shard scored with the set's statistics, read-only"
                : configuration.adminKey == nil ? "read-only (no --api-key-file)" : "writes need the admin key"
            // The event loops also run Swift's tasks (NIO's own hook), so a request's handler
            // runs on the thread that read it, without a hop to the cooperative pool and back.
            NIOSingletons.groupLoopCountSuggestion = threads
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            try runOnConcurrentExecutor {
                try await server.run(logger: logger, eventLoopGroup: MultiThreadedEventLoopGroup.singleton) { address in
                    // Written at once (not buffered): scripts wait for this line to learn the port.
                    FileHandle.standardOutput.write(Data("quarry: serving \(index) at \(address); \(writes); stop with Ctrl-C or SIGTERM\n".utf8))
                }
            }
        }
    }
}
