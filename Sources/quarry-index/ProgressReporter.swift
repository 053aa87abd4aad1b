import Foundation
import QuarryCommandLine
import QuarryCore

/// Shows indexing and merging progress on standard error: a bar redrawn in place on a terminal, a plain line
/// every few seconds otherwise, nothing with `--quiet`.
final class ProgressReporter: @unchecked Sendable {
    private let quiet: Bool
    private let terminal = isatty(2) != 0
    private let lock = NSLock()
    private var lastLine = Date.distantPast
    private var drawn = false

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func update(_ progress: IndexingProgress) {
        let rate = Double(progress.textBytes) / 1e6 / max(progress.elapsed, 1e-9)
        let text = "\(progress.documents) documents, \(formatMB(progress.textBytes)), " + String(format: "%.1f MB/s", rate)
        let fraction = progress.totalInputBytes > 0 ? min(1, Double(progress.inputBytes) / Double(progress.totalInputBytes)) : nil
        show(text, fraction: fraction, elapsed: progress.elapsed)
    }

    func update(_ progress: MergeProgress) {
        show("merging \(progress.segments) segments", fraction: progress.fractionCompleted, elapsed: progress.elapsed)
    }

    /// Draws `text`, with a bar and the time left when the fraction done is known.
    private func show(_ text: String, fraction: Double?, elapsed: Double) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if !terminal && now.timeIntervalSince(lastLine) < 5 { return }
        lastLine = now
        var text = text
        if let fraction {
            if fraction > 0.01 {
                let remaining = elapsed * (1 - fraction) / fraction
                text += String(format: ", ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60)
            }
            if terminal {
                let width = 30
                let filled = Int(fraction * Double(width))
                text = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                    + String(format: "%3d%% ", Int(fraction * 100)) + text
            }
        }
        if terminal {
            printErrorRaw("\r\u{1B}[K" + text)
            drawn = true
        } else {
            printError("progress: " + text)
        }
    }

    /// Ends the bar's line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { printErrorRaw("\r\u{1B}[K") }
        drawn = false
    }

    private func printErrorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
