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

    @Flag(help: "Read each query's text in the query language (fields, phrases, word~N, operators), not as a bag of words; a query with a syntax error is reported by its id and left out of the run.")
    var syntax = false

    @Option(help: "Write {\"latencies_ms\": {\"qid\": ms, ...}} here: each query's time from text to ranked ids.")
    var stats: String?

    @Option(help: "The run file to write.")
    var output: String

    @Option(help: "The run's form: 'trec' (qid Q0 docid rank score tag, scores to 6 decimals) or 'shard' (JSON lines of exact scores, document numbers and totals, for merge-runs).")
    var format: RunFormat = .trec

    @Flag(name: .customLong("exact-total"), help: "Count every match for the totals a shard run reports (slower: no pruning).")
    var exactTotal = false

    @OptionGroup var ranking: RankingArguments

    @OptionGroup var facetsAndSort: FacetSortArguments

    @Option(help: ArgumentHelp("A filter in the query language that every query must also match (e.g. 'source:reuters date:>=1987-03').",
                               valueName: "query"))
    var filter: String?

    func validate() throws {
        guard k >= 1, k <= 1_000_000 else { throw ValidationError("--k must be from 1 to 1000000") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be from 1 to 256") }
        guard !(phrase && syntax) else { throw ValidationError("--phrase and --syntax are two ways to read a query: give one") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-query") {
            let searcher = try ranking.searcher(of: index)
            warnAboutSynonyms(searcher, index: index)
            let set = try QuerySet.load(queries)
            let required: Query?
            do {
                required = try filter.map { try Query(parsing: $0, schema: searcher.schema) }
            } catch {
                throw ValidationError("--filter: \(error)")
            }
            let options = SearchOptions(k: k, ranking: ranking.ranking, dropStopWords: ranking.dropsStopWords, exactTotal: exactTotal,
                                        facets: try facetsAndSort.requests(), sort: facetsAndSort.order, typos: ranking.typoTolerance, feedback: ranking.relevanceFeedback)
            let (phrase, syntax, workers, schema) = (self.phrase, self.syntax, threads, searcher.schema)
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
                        let start = ContinuousClock.now
                        let words: Query
                        if syntax {
                            do {
                                words = try Query(parsing: text, schema: schema)
                            } catch {
                                results.reject(index, "query \(set.queries[index].id): \(error)")
                                continue
                            }
                        } else {
                            words = phrase ? .phrase(text) : .term(text)
                        }
                        let query = required.map { words.narrowed(by: $0) } ?? words
                        let found: SearchResults
                        do {
                            found = try searcher.search(query, options: options)
                        } catch {
                            results.fail(error)
                            return
                        }
                        let elapsed = ContinuousClock.now - start
                        results.set(index, found: found, milliseconds: elapsed.milliseconds)
                    }
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            finished.wait()
            let all = try results.collected()
            var run = ""
            var answers: [ShardRun.Answer] = []
            var latencies: [(String, JSONValue)] = []
            let rejected = results.rejected
            for message in rejected.values.sorted() { printError("quarry-query: error: \(ControlCharacters.forDisplay(message)); left out") }
            for (index, entry) in set.queries.enumerated() where rejected[index] == nil {
                let result = all[index]
                guard let found = result.found else { continue }
                switch format {
                case .trec:
                    for (rank, hit) in found.hits.enumerated() {
                        run += "\(entry.id) Q0 \(hit.id) \(rank + 1) \(fixedPoint(hit.score)) \(tag)\n"
                    }
                case .shard:
                    answers.append(ShardRun.Answer(query: entry.id, hits: found.hits.map { ShardRun.Hit(id: $0.id, score: $0.score, document: $0.document) },
                                                   total: found.total, totalIsExact: found.totalIsExact))
                }
                latencies.append((entry.id, .double(result.milliseconds)))
            }
            try writeOutput(format == .shard ? ShardRun(answers: answers).jsonLines : run, to: output)
            if let stats {
                try writeOutput(JSONValue.object([("latencies_ms", .object(latencies))]).serialized(), to: stats)
            }
            printError("ran \(set.queries.count - rejected.count) queries, wrote \(output)")
            if !rejected.isEmpty { throw ExitCode(1) }
        }
    }
}

/// How `batch` writes its run.
enum RunFormat: String, ExpressibleByArgument {
    /// A TREC run, for trec_eval and `eval`.
    case trec
    /// A shard run (`ShardRun`), for `merge-runs`.
    case shard
}

/// Each query's results and time, filled in by the batch's threads.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(found: SearchResults?, milliseconds: Double)]
    private var error: (any Error)?

    init(count: Int) {
        slots = Array(repeating: (nil, 0), count: count)
    }

    func set(_ index: Int, found: SearchResults, milliseconds: Double) {
        lock.withLock { slots[index] = (found, milliseconds) }
    }

    /// Queries that could not be read, by index: why.
    private var rejections: [Int: String] = [:]

    /// Records that query `index` could not be read, and why.
    func reject(_ index: Int, _ message: String) {
        lock.withLock { rejections[index] = message }
    }

    /// The queries that could not be read.
    var rejected: [Int: String] { lock.withLock { rejections } }

    /// Records the first error a thread met.
    func fail(_ error: any Error) {
        lock.withLock { self.error = self.error ?? error }
    }

    /// The slots, or the first error.
    func collected() throws -> [(found: SearchResults?, milliseconds: Double)] {
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
