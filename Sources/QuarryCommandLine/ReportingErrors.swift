import ArgumentParser
import QuarryCore

/// Runs a command's body, printing any error but an `ExitCode` as `PROGRAM: error: ...` on
/// standard error and ending the command with exit status 1.
public func reportingErrors(of program: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("\(program): error: \(error)")
        throw ExitCode(1)
    }
}
