import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// The options `build` and `add` share.
struct IndexingArguments: ParsableArguments {
    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(name: .long, help: "Threads that analyze and build, 1 to 256 (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("memory-mb"), help: "Memory for an add, in MB (16 to 1048576): the documents buffered before a segment is written, the ids read, and the merge policy's merges.")
    var memoryMB: Int = 512

    @Option(name: .long, help: "Input format: auto (by extension), text, jsonl, json, html.")
    var format: String = "auto"

    @Flag(name: .customLong("file-dates"), help: "Give text and HTML files without a date of their own their modification time as 'date'.")
    var fileDates = false

    @Flag(name: .long, help: "Stop at the first malformed document instead of skipping it.")
    var strict = false

    @Flag(name: [.long, .short], help: "No progress output (the summary line is still printed).")
    var quiet = false

    @Option(help: ArgumentHelp("Index only the documents shard I of a set of S holds (hash routing: fnv1a64 of the id mod S); pass over the rest.",
                               valueName: "I/S"))
    var shard: String?

    @Argument(help: "Files and folders to index (folders recursively: .txt .md .html .jsonl .ndjson .json, and .gz of these).")
    var paths: [String]

    func validate() throws {
        guard IndexingOptions.threadRange.contains(threads) else {
            throw ValidationError("--threads must be from \(IndexingOptions.threadRange.lowerBound) to \(IndexingOptions.threadRange.upperBound)")
        }
        guard IndexingOptions.memoryRange.contains(memoryMB) else {
            throw ValidationError("--memory-mb must be from \(IndexingOptions.memoryRange.lowerBound) to \(IndexingOptions.memoryRange.upperBound)")
        }
        guard InputFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !paths.isEmpty else { throw ValidationError("name at least one file or folder to index") }
        if let shard, ShardRoute(shard) == nil { throw ValidationError("--shard must be I/S with 0 <= I < S, as in 2/4") }
    }

    var options: IndexingOptions {
        var options = IndexingOptions(threads: threads, memoryMB: memoryMB, format: InputFormat(rawValue: format) ?? .auto)
        options.fileDates = fileDates
        options.shard = shard.flatMap(ShardRoute.init)
        return options
    }

    /// Reads `paths` into `writer`, reporting progress and warnings, and commits; prints the
    /// summary. Fails, committing nothing, when no document was read and some input could not
    /// be (every path missing, unreadable or damaged). `reportsUnknownMembers` is
    /// `IndexingOptions`'.
    /// `shard`: the shard of a set being added to (instead of `--shard`).
    func run(_ writer: IndexWriter, verb: String, reportsUnknownMembers: Bool = true, shard: ShardRoute? = nil) throws {
        try runToCompletion { try await indexAndCommit(writer, verb: verb, reportsUnknownMembers: reportsUnknownMembers, shard: shard) }
    }

    private func indexAndCommit(_ writer: IndexWriter, verb: String, reportsUnknownMembers: Bool, shard: ShardRoute?) async throws {
        let reporter = ProgressReporter(quiet: quiet)
        let warnings = WarningPrinter()
        var options = options
        if let shard { options.shard = shard }
        options.reportsUnknownMembers = reportsUnknownMembers
        options.strict = strict
        let summary: IndexingSummary
        do {
            summary = try await writer.add(files: paths.map { URL(fileURLWithPath: $0) }, options: options,
                                           progress: { reporter.update($0) }, warning: { warnings.print($0) })
        } catch {
            guard case .rejectedInput(let warning) = error else { throw error }
            throw ValidationError("\(ControlCharacters.forDisplay(warning.description)) (--strict)")
        }
        let lost = warnings.lostPaths
        reporter.finish()
        warnings.finish()
        if summary.documents == 0, !lost.isEmpty {
            let named = lost.prefix(5).map(ControlCharacters.forDisplay).joined(separator: ", ") + (lost.count > 5 ? ", ..." : "")
            throw IndexError.invalidArgument("nothing indexed: could not read \(named); nothing committed")
        }
        for warning in try await writer.commit().warnings { printError("warning: \(warning)") }
        let counts = await writer.documentCounts
        var line = "\(verb) \(summary.documents) documents (\(formatMB(summary.textBytes)) of text) in "
        line += String(format: "%.2f s (%.1f MB/s)", summary.seconds, Double(summary.textBytes) / 1e6 / max(summary.seconds, 1e-9))
        if summary.replaced > 0 { line += ", \(summary.replaced) replaced" }
        if let route = options.shard { line += ", \(summary.routedElsewhere) left to other shards than \(route)" }
        if summary.malformed > 0 { line += ", \(summary.malformed) malformed skipped" }
        if summary.invalidUTF8 > 0 { line += ", \(summary.invalidUTF8) invalid UTF-8 sequences replaced" }
        if !lost.isEmpty { line += ", \(lost.count) \(lost.count == 1 ? "file" : "files") unreadable or damaged" }
        if summary.warnings > 0 { line += ", \(summary.warnings) warnings" }
        line += "; index: \(counts.live) documents"
        print(line)
    }
}

func formatMB(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
