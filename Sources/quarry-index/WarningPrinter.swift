import Foundation
import QuarryCommandLine
import QuarryCore

/// Prints ingest problems to standard error, at most 100 of them, then a count of the rest:
/// lost input (`Kind.isError`) as `error:`, the rest as `warning:`, control characters (in
/// paths, say) made visible. Keeps the paths of lost input for the summary. The writer calls it
/// from its own queue, one warning at a time; the lock makes that safe to say.
final class WarningPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var printed = 0
    private var suppressed = 0
    private var lost: [String] = []

    func print(_ warning: IngestWarning) {
        lock.lock()
        defer { lock.unlock() }
        if warning.kind.isError { lost.append(warning.path) }
        if printed < 100 {
            printError((warning.kind.isError ? "error: " : "warning: ") + ControlCharacters.forDisplay(warning.description))
            printed += 1
        } else {
            suppressed += 1
        }
    }

    /// The paths of files unreadable or damaged, in the order reported.
    var lostPaths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lost
    }

    func finish() {
        if suppressed > 0 { printError("warning: \(suppressed) more warnings not shown") }
    }
}
