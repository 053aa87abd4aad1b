import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-index delete`: documents by id.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete documents by id."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(name: .customLong("ids-from"), help: "A file of ids, one a line.")
    var idsFrom: String?

    @Argument(help: "Ids of the documents to delete.")
    var ids: [String] = []

    func validate() throws {
        guard !ids.isEmpty || idsFrom != nil else { throw ValidationError("name ids to delete, or --ids-from FILE") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            var all = ids
            if let idsFrom {
                guard let text = try? String(contentsOfFile: idsFrom, encoding: .utf8) else {
                    throw IndexError.io(path: idsFrom, operation: "read", message: "cannot read the file of ids")
                }
                all += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let writer = try Index.open(at: URL(fileURLWithPath: index)).writer()
            try runToCompletion {
                let deleted = try await writer.delete(ids: all)
                for warning in try await writer.commit().warnings { printError("warning: \(warning)") }
                let counts = await writer.documentCounts
                print("deleted \(deleted) of \(all.count) ids; index: \(counts.live) documents, \(counts.deleted) deleted awaiting merge")
            }
        }
    }
}

/// `quarry-index merge`: segments together, deleted documents dropped.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge segments and drop deleted documents."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(name: .long, help: "Merge until at most this many segments remain (1 to 1000000).")
    var segments: Int = 1

    @Flag(name: [.long, .short], help: "No progress output (the summary line is still printed).")
    var quiet = false

    func validate() throws {
        guard (1...1_000_000).contains(segments) else { throw ValidationError("--segments must be from 1 to 1000000") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            let clock = ContinuousClock()
            let opened = try Index.open(at: URL(fileURLWithPath: index))
            let writer = try opened.writer()
            let start = clock.now
            let reporter = ProgressReporter(quiet: quiet)
            try runToCompletion { [segments] in
                try await writer.merge(maximumSegments: segments, progress: { reporter.update($0) })
                reporter.finish()
                for warning in try await writer.commit().warnings { printError("warning: \(warning)") }
            }
            let elapsed = clock.now - start
            let stats = try opened.statistics()
            print("merged in \(elapsed); index: \(stats.liveDocuments) documents in \(stats.segments) segments")
        }
    }
}
