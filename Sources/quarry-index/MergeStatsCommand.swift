import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-index merge-stats`: a shard set's scoring statistics, summed from its shards'.
struct MergeStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-stats",
        abstract: "Sum shards' statistics (export-stats) into a shard set's, for search and batch --global-stats; refuses shards of other analysis settings or schemas."
    )

    @Argument(help: "The shards' statistics files.")
    var files: [String]

    @Option(help: "The shard set's statistics file to write.")
    var output: String

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the shards' statistics files") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            var parts: [ScoringStatistics] = []
            for file in files { parts.append(try ScoringStatistics.load(from: URL(fileURLWithPath: file))) }
            // The library numbers the parts from 1, as the files are given.
            let merged = try ScoringStatistics.merging(parts)
            try merged.write(to: URL(fileURLWithPath: output))
            print("wrote \(output): \(merged.shards.count) shards, \(merged.documentCount) documents, \(merged.termCount) terms")
        }
    }
}
