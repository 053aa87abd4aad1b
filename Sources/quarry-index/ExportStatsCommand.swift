import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-index export-stats`: a shard's scoring statistics, to merge with its set's others.
struct ExportStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-stats",
        abstract: "Write the index's scoring statistics (documents, field lengths, every term's document frequencies), stamped with its commit, for merge-stats."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(help: "The statistics file to write.")
    var output: String

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            let statistics = try Index.open(at: URL(fileURLWithPath: index)).scoringStatistics()
            try statistics.write(to: URL(fileURLWithPath: output))
            let shard = statistics.shards[0]
            print("wrote \(output): \(statistics.documentCount) documents, \(statistics.termCount) terms, "
                + "commit \(shard.generation) (fingerprint \(shard.fingerprintText))")
        }
    }
}
