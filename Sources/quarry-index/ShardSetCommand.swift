import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-index shard-set`: makes or remakes a shard set's manifest and statistics.
struct ShardSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard-set",
        abstract: "Make a shard set: SHARDS.json and global.stats in --set, from the shard indexes given (in order); with none, remake the set's from its shards' current commits.",
        discussion: "Hash-routed shards are built with build --shard I/S. add, delete and merge on the set's folder keep it up to date; after changing a shard directly, run shard-set again."
    )

    @Option(name: .customLong("set"), help: "The set's folder (SHARDS.json and global.stats go here; shard paths are relative to it).")
    var folder: String

    @Option(help: "How documents were split: 'hash' (fnv1a64 of the id mod the shard count; the set then takes add and delete) or 'ranges'.")
    var routing: String = ShardSet.Routing.hash.rawValue

    @Option(name: .customLong("global-stats"), help: ArgumentHelp("The shards' statistics merged already (merge-stats, in shard order), instead of exporting them again.",
                                                                  valueName: "file"))
    var globalStats: String?

    @Argument(help: "The shards' index folders, in order (relative to --set, or absolute).")
    var shards: [String] = []

    func validate() throws {
        guard ShardSet.Routing(rawValue: routing) != nil else { throw ValidationError("--routing must be 'hash' or 'ranges'") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            let url = URL(fileURLWithPath: folder)
            let set: ShardSet
            if shards.isEmpty {
                set = try ShardSet.refreshed(folder: url)
            } else {
                let statistics = try globalStats.map { try ScoringStatistics.load(from: URL(fileURLWithPath: $0)) }
                set = try ShardSet.assembled(folder: url, shards: shards, routing: ShardSet.Routing(rawValue: routing) ?? .hash,
                                             statistics: statistics)
            }
            print("wrote \(folder)/\(ShardSet.fileName): \(set.shards.count) shards (\(set.routing.rawValue) routing), "
                + "\(set.shards.reduce(0) { $0 + $1.documents }) documents, statistics \(set.statisticsChecksumText)")
        }
    }
}
