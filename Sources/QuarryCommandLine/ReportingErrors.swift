import ArgumentParser
import QuarryCore

/// Runs a command's body, printing any error but an `ExitCode` as `PROGRAM: error: ...` on
/// standard error and ending the command with exit status 1.
public func reportingErrors(of program: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("\(program): error: \(error)")
        throw ExitCode(1)
    }
}
