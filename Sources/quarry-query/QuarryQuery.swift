import ArgumentParser
import QuarryCore

@main
struct QuarryQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry-query",
        abstract: "Search a Quarry index, run query sets, evaluate runs, and inspect analysis.",
        version: QuarryVersion.string,
        subcommands: [AnalyzeCommand.self]
    )
}
