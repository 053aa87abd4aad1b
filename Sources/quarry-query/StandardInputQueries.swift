import ArgumentParser
import QuarryCommandLine
import QuarryCore

/// Answers standard input a line at a time with `answer` (blank lines skipped). A line it
/// cannot answer (a search error other than a damaged index) is reported with its number and
/// the next one is answered; the exit status is then 1.
func answerStandardInput(_ answer: (String) throws -> Void) throws {
    var lineNumber = 0
    var failed = 0
    while let line = readLine() {
        lineNumber += 1
        guard !line.allSatisfy(\.isWhitespace) else { continue }
        do {
            try answer(line)
        } catch let error as SearchError {
            if case .index = error { throw error }
            printError("quarry-query: error: standard input, line \(lineNumber): \(ControlCharacters.forDisplay(error.description))")
            failed += 1
        }
    }
    if failed > 0 { throw ExitCode(1) }
}
