import ArgumentParser
import QuarryCore

@main
struct QuarryIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry-index",
        abstract: "Build and maintain a Quarry index.",
        version: QuarryVersion.string,
        subcommands: [BuildCommand.self, AddCommand.self, DeleteCommand.self, MergeCommand.self,
                      StatsCommand.self, VerifyCommand.self]
    )
}

/// Runs a command body, printing Quarry's errors as `quarry-index: error: ...` with exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("quarry-index: error: \(error)")
        throw ExitCode(1)
    }
}
