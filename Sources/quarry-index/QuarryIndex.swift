import ArgumentParser
import QuarryCore

@main
struct QuarryIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry-index",
        abstract: "Build and maintain a Quarry index.",
        version: QuarryVersion.string,
        subcommands: [BuildCommand.self, AddCommand.self, DeleteCommand.self, MergeCommand.self,
                      StatsCommand.self, VerifyCommand.self, ExportStatsCommand.self, MergeStatsCommand.self, ShardSetCommand.self]
    )
}
