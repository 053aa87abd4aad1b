import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-query batch`: every query of a set, as a TREC run (and per-query latencies).
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a query set (BEIR queries.jsonl or id<TAB>text) and write a TREC run."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(help: "The queries: BEIR JSON lines ({\"_id\", \"text\"}) or id<TAB>text lines.")
    var queries: String

    @Option(help: "Results per query (1 to 1000000).")
    var k: Int = 1000

    @Option(help: "The run's tag (last column).")
    var tag: String = "quarry"

    @Option(help: "Queries run at once, 1 to 256 (at most one per core runs at a time; each query's latency is its own).")
    var threads: Int = 1

    @Flag(help: "Take each query's text as one exact phrase.")
    var phrase = false

    @Option(help: "Write {\"latencies_ms\": {\"qid\": ms, ...}} here: each query's time from text to ranked ids.")
    var stats: String?

    @Option(help: "The TREC run file to write (qid Q0 docid rank score tag).")
    var output: String

    @OptionGroup var ranking: RankingArguments

    @OptionGroup var facetsAndSort: FacetSortArguments

    @Option(help: ArgumentHelp("A filter in the query language that every query must also match (e.g. 'source:reuters date:>=1987-03').",
                               valueName: "query"))
    var filter: String?

    func validate() throws {
        guard k >= 1, k <= 1_000_000 else { throw ValidationError("--k must be from 1 to 1000000") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be from 1 to 256") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-query") {
            let searcher = try Index.open(at: URL(fileURLWithPath: index)).searcher()
            warnAboutSynonyms(searcher, index: index)
            let set = try QuerySet.load(queries)
            let required: Query?
            do {
                required = try filter.map { try Query(parsing: $0, schema: searcher.schema) }
            } catch {
                throw ValidationError("--filter: \(error)")
            }
            let options = SearchOptions(k: k, ranking: ranking.ranking, dropStopWords: ranking.dropsStopWords, exactTotal: false,
                                        facets: try facetsAndSort.requests(), sort: facetsAndSort.order, typos: ranking.typoTolerance)
            let (phrase, workers) = (self.phrase, threads)
            // Worker w runs queries w, w + workers, ...; each query's time is measured alone.
            // The workers are plain threads (not tasks) so that valgrind can follow the command.
            let results = ResultSlots(count: set.queries.count)
            let finished = DispatchGroup()
            for worker in 0..<workers {
                finished.enter()
                let thread = Thread {
                    defer { finished.leave() }
                    for index in stride(from: worker, to: set.queries.count, by: workers) {
                        let text = set.queries[index].text
                        let words: Query = phrase ? .phrase(text) : .term(text)
                        let query = required.map { words.narrowed(by: $0) } ?? words
                        let start = ContinuousClock.now
                        let found: SearchResults
                        do {
                            found = try searcher.search(query, options: options)
                        } catch {
                            results.fail(error)
                            return
                        }
                        let elapsed = ContinuousClock.now - start
                        results.set(index, hits: found.hits,
                                    milliseconds: elapsed.milliseconds)
                    }
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            finished.wait()
            let all = try results.collected()
            var run = ""
            var latencies: [(String, JSONValue)] = []
            for (index, entry) in set.queries.enumerated() {
                let result = all[index]
                for (rank, hit) in result.hits.enumerated() {
                    run += "\(entry.id) Q0 \(hit.id) \(rank + 1) \(fixedPoint(hit.score)) \(tag)\n"
                }
                latencies.append((entry.id, .double(result.milliseconds)))
            }
            try writeOutput(run, to: output)
            if let stats {
                try writeOutput(JSONValue.object([("latencies_ms", .object(latencies))]).serialized(), to: stats)
            }
            printError("ran \(set.queries.count) queries, wrote \(output)")
        }
    }
}

/// Each query's hits and time, filled in by the batch's threads.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(hits: [SearchHit], milliseconds: Double)]
    private var error: (any Error)?

    init(count: Int) {
        slots = Array(repeating: ([], 0), count: count)
    }

    func set(_ index: Int, hits: [SearchHit], milliseconds: Double) {
        lock.withLock { slots[index] = (hits, milliseconds) }
    }

    /// Records the first error a thread met.
    func fail(_ error: any Error) {
        lock.withLock { self.error = self.error ?? error }
    }

    /// The slots, or the first error.
    func collected() throws -> [(hits: [SearchHit], milliseconds: Double)] {
        try lock.withLock {
            if let error { throw error }
            return slots
        }
    }
}

/// `value` with six decimals (like "%.6f", without the cost of Foundation's formatting: a run
/// of a thousand queries at k = 1000 has a million lines).
func fixedPoint(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e12 else { return String(value) }
    let scaled = Int64((abs(value) * 1_000_000).rounded())
    let fraction = String(scaled % 1_000_000)
    return (value < 0 && scaled != 0 ? "-" : "") + String(scaled / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
}
