import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-query merge-runs`: the shard runs of one query set merged as one index would rank.
struct MergeRunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-runs",
        abstract: "Merge shard runs (batch --format shard, one per shard, in shard order) into one run: by score, then shard, then document number.",
        discussion: "Give each shard the same queries and --global-stats, and ask each for --k of offset + k."
    )

    @Argument(help: "The shards' runs, in shard order.")
    var runs: [String]

    @Option(help: "Hits per query in the merged run (1 to 1000000).")
    var k: Int = 1000

    @Option(help: "Merged hits to skip first, for paging.")
    var offset: Int = 0

    @Option(help: "The merged run's form: 'trec' (qid Q0 docid rank score tag) or 'shard' (JSON lines with exact scores; each hit's document is its number in its shard, and 'shard' says which).")
    var format: RunFormat = .trec

    @Option(help: "The run's tag (last column of a TREC run).")
    var tag: String = "quarry"

    @Option(help: "The run file to write.")
    var output: String

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("give the shards' runs") }
        guard k >= 1, k <= 1_000_000 else { throw ValidationError("--k must be from 1 to 1000000") }
        guard offset >= 0, offset <= 1_000_000 else { throw ValidationError("--offset must be from 0 to 1000000") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-query") {
            var loaded: [ShardRun] = []
            for path in runs {
                let text: String
                do {
                    text = try String(contentsOfFile: path, encoding: .utf8)
                } catch {
                    throw IndexError.io(path: path, operation: "read", message: error.localizedDescription)
                }
                loaded.append(try ShardRun(jsonLines: text, file: path))
            }
            let merged = try ShardRun.merged(loaded, offset: offset, k: k)
            var text = ""
            for answer in merged {
                switch format {
                case .trec:
                    for (rank, entry) in answer.hits.enumerated() {
                        text += "\(answer.query) Q0 \(entry.hit.id) \(offset + rank + 1) \(fixedPoint(entry.hit.score)) \(tag)\n"
                    }
                case .shard:
                    let hits = answer.hits.map { entry in
                        JSONValue.object([("id", .string(entry.hit.id)), ("score", .double(entry.hit.score)),
                                          ("shard", .int(entry.shard)), ("document", .int(entry.hit.document))])
                    }
                    text += JSONValue.object([("query", .string(answer.query)), ("total", .int(answer.total)),
                                              ("total_exact", .bool(answer.totalIsExact)), ("hits", .array(hits))]).serialized() + "\n"
                }
            }
            try writeOutput(text, to: output)
            printError("merged \(loaded.count) runs of \(merged.count) queries, wrote \(output)")
        }
    }
}
