import Foundation
import QuarryCore

/// The index as the server holds it: its only writer, and the snapshot searches run on.
///
/// Writes run one at a time, in arrival order, each committed before it returns; after each
/// commit the snapshot is reopened (reusing the unchanged segments) and swapped in. A search
/// takes the snapshot of the moment and runs on it to the end, so it never sees a write half
/// done, and a write never waits for searches. A write that fails leaves nothing behind: its
/// writer, with whatever it had not committed, is dropped, and the next write opens a new one.
final class IndexService: Sendable {
    let index: Index
    /// The writer; nil after a failed write, until the next write opens another.
    private let writer: Locked<IndexWriter?>
    private let snapshot: Locked<Searcher>
    private let writes = WriteQueue()

    /// Whether writes are refused: a shard scored with its set's statistics.
    let readOnly: Bool

    /// Opens the index at `url` (creating an empty one when `create` and there is none) and
    /// takes its writer's lock; with `statistics` (a shard set's), opens it read-only, scoring
    /// with them, and takes no lock.
    init(url: URL, create: Bool, statistics: ScoringStatistics? = nil) throws(IndexError) {
        let manifest = url.appendingPathComponent("MANIFEST")
        if create, !FileManager.default.fileExists(atPath: manifest.path) {
            index = try Index.create(at: url)
        } else {
            index = try Index.open(at: url)
        }
        readOnly = statistics != nil
        writer = Locked(readOnly ? nil : try index.writer())
        snapshot = Locked(try index.searcher(statistics: statistics))
    }

    /// The latest committed snapshot.
    var searcher: Searcher { snapshot.withLock { $0 } }

    /// Runs `change` on the writer after the writes before it, commits, and swaps in the new
    /// snapshot. The change goes on even if the request that asked for it goes away: a write
    /// is committed whole or fails whole.
    func write<T: Sendable>(_ change: @escaping @Sendable (IndexWriter) async throws -> T) async throws -> (value: T, commit: CommitResult) {
        try await writes.run { try await self.apply(change) }
    }

    /// One write: the change, the commit, the new snapshot.
    private func apply<T: Sendable>(_ change: @Sendable (IndexWriter) async throws -> T) async throws -> (value: T, commit: CommitResult) {
        if readOnly { throw IndexError.invalidArgument("\(index.url.path) is a shard served with its set's statistics: it takes no writes") }
        let current = try writer.withLock { held throws(IndexError) in
            if let held { return held }
            let opened = try index.writer()
            held = opened
            return opened
        }
        do {
            let value = try await change(current)
            let commit = try await current.commit()
            let next = try searcher.reopened()
            snapshot.withLock { $0 = next }
            return (value, commit)
        } catch {
            // Nothing of the failed write may reach a later commit: this writer is closed (its
            // lock released now) and the next write opens a new one.
            await current.close()
            writer.withLock { $0 = nil }
            throw error
        }
    }
}
