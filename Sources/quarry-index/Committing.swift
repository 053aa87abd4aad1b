import QuarryCore

extension IndexWriter {
    /// Commits, then prints what went wrong after the commit was already live (as warnings:
    /// the commit stands).
    func commitReportingWarnings() throws {
        try commit()
        for warning in warnings { printError("warning: \(warning) (the commit is made; the next writer retries)") }
    }
}
