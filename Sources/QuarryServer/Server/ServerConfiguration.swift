import Foundation
import QuarryCore

/// What `SearchServer` serves and how: the index, the address, the keys and the limits (the
/// event loops are the caller's: `SearchServer.run(logger:eventLoopGroup:onListening:)`).
public struct ServerConfiguration: Sendable {
    /// The index folder.
    public var index: URL
    /// Create an empty index (title and body) when the folder has none.
    public var create = false
    /// The address to bind (loopback unless told otherwise).
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one (the server says which).
    public var port = 7700
    /// The admin key: every request, writes included. Nil: the server is read-only.
    public var adminKey: AccessKey?
    /// The search key: searches and reads. Nil: reads need no key.
    public var searchKey: AccessKey?
    /// The bounds on what a client controls.
    public var limits = ServerLimits()
    /// A shard set's statistics to score with (the index is then one shard of the set, served
    /// read-only: no admin key, and the writer's lock is not taken, so several servers can
    /// serve one shard). Nil: the index's own.
    public var statistics: ScoringStatistics?

    /// A configuration serving `index` with the defaults.
    public init(index: URL) {
        self.index = index
    }
}
