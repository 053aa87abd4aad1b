import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-index delete`: documents by id.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete documents by id.",
        discussion: "--index may be a shard set (a folder with SHARDS.json, hash-routed): each id is deleted from its shard, and the set's statistics are remade."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(name: .customLong("ids-from"), help: "A file of ids, one a line.")
    var idsFrom: String?

    @Argument(help: "Ids of the documents to delete.")
    var ids: [String] = []

    func validate() throws {
        guard !ids.isEmpty || idsFrom != nil else { throw ValidationError("name ids to delete, or --ids-from FILE") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            var all = ids
            if let idsFrom {
                guard let text = try? String(contentsOfFile: idsFrom, encoding: .utf8) else {
                    throw IndexError.io(path: idsFrom, operation: "read", message: "cannot read the file of ids")
                }
                all += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let folder = URL(fileURLWithPath: index)
            guard ShardSet.exists(in: folder) else {
                try delete(all, from: folder)
                return
            }
            // A shard set: each id from the shard hash routing gives it.
            let set = try ShardSet.load(folder: folder)
            guard set.routing == .hash else {
                throw IndexError.invalidArgument("\(index): a set split by ranges routes no id: delete from its shards, then run shard-set")
            }
            let byShard = Dictionary(grouping: all) { ShardRoute.shard(of: $0, among: set.shards.count) }
            for (i, ids) in byShard.sorted(by: { $0.key < $1.key }) {
                print("shard \(i): ", terminator: "")
                try delete(ids, from: set.shardURL(i, in: folder))
            }
            let refreshed = try ShardSet.refreshed(folder: folder)
            print("shard set: \(refreshed.shards.count) shards, \(refreshed.shards.reduce(0) { $0 + $1.documents }) documents; statistics remade")
        }
    }

    /// Deletes `ids` from the index in `folder` and commits.
    private func delete(_ ids: [String], from folder: URL) throws {
        let writer = try Index.open(at: folder).writer()
        try runToCompletion {
            let deleted = try await writer.delete(ids: ids)
            for warning in try await writer.commit().warnings { printError("warning: \(warning)") }
            let counts = await writer.documentCounts
            print("deleted \(deleted) of \(ids.count) ids; index: \(counts.live) documents, \(counts.deleted) deleted awaiting merge")
        }
    }
}

/// `quarry-index merge`: segments together, deleted documents dropped.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge segments and drop deleted documents.",
        discussion: "--index may be a shard set (a folder with SHARDS.json): each shard is merged, and the set's statistics are remade."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(name: .long, help: "Merge until at most this many segments remain (1 to 1000000).")
    var segments: Int = 1

    @Flag(name: [.long, .short], help: "No progress output (the summary line is still printed).")
    var quiet = false

    func validate() throws {
        guard (1...1_000_000).contains(segments) else { throw ValidationError("--segments must be from 1 to 1000000") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            let folder = URL(fileURLWithPath: index)
            guard ShardSet.exists(in: folder) else {
                try merge(folder)
                return
            }
            // A shard set: each shard merged, then the statistics remade (deleted documents
            // merged away no longer count).
            let set = try ShardSet.load(folder: folder)
            for i in set.shards.indices {
                print("shard \(i): ", terminator: "")
                try merge(set.shardURL(i, in: folder))
            }
            _ = try ShardSet.refreshed(folder: folder)
            print("shard set: statistics remade")
        }
    }

    /// Merges the index in `folder` and commits.
    private func merge(_ folder: URL) throws {
        let clock = ContinuousClock()
        let opened = try Index.open(at: folder)
        let writer = try opened.writer()
        let start = clock.now
        let reporter = ProgressReporter(quiet: quiet)
        try runToCompletion { [segments] in
            try await writer.merge(maximumSegments: segments, progress: { reporter.update($0) })
            reporter.finish()
            for warning in try await writer.commit().warnings { printError("warning: \(warning)") }
        }
        let elapsed = clock.now - start
        let stats = try opened.statistics()
        print("merged in \(elapsed); index: \(stats.liveDocuments) documents in \(stats.segments) segments")
    }
}
