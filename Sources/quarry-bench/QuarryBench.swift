import ArgumentParser
import QuarryCore

@main
struct QuarryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry-bench",
        abstract: "Benchmarks of Quarry's core, for BENCHMARKS.md (build with -c release).",
        subcommands: [AnalysisBenchmark.self]
    )
}
