import QuarryCore

/// Prints ingest problems to standard error, at most 100 of them, then a count of the rest:
/// lost input (`Kind.isError`) as `error:`, the rest as `warning:`, control characters (in
/// paths, say) made visible.
final class WarningPrinter {
    private var printed = 0
    private var suppressed = 0

    func print(_ warning: IngestWarning) {
        if printed < 100 {
            printError((warning.kind.isError ? "error: " : "warning: ") + ControlCharacters.forDisplay(warning.description))
            printed += 1
        } else {
            suppressed += 1
        }
    }

    func finish() {
        if suppressed > 0 { printError("warning: \(suppressed) more warnings not shown") }
    }
}
