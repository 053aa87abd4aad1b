import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-query similar`: the documents most like a given one (MoreLikeThis).
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Documents like the one with id ID, from its most characteristic terms; with no ID, ids on standard input, one a line."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(help: "Documents to show (0 to 10000).")
    var k: Int = 10

    @Flag(help: "Print one JSON object a document.")
    var json = false

    @Argument(help: "The document's id.")
    var id: String?

    func validate() throws {
        guard k >= 0, k <= 10_000 else { throw ValidationError("--k must be from 0 to 10000") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-query") {
            let searcher = try Index.open(at: URL(fileURLWithPath: index)).searcher()
            if let id {
                try show(id, searcher)
                return
            }
            try answerStandardInput { try show($0.trimmingCharacters(in: .whitespaces), searcher) }
        }
    }

    private func show(_ id: String, _ searcher: Searcher) throws {
        let clock = ContinuousClock()
        var results: SearchResults?
        let elapsed = try clock.measure {
            results = try searcher.similar(to: id, options: SearchOptions(k: k, storedFields: true))
        }
        guard let results else { return }
        if json {
            let hits: [JSONValue] = results.hits.enumerated().map { rank, hit in
                .object([("rank", .int(rank + 1)), ("id", .string(hit.id)), ("score", .double(hit.score)),
                         ("title", .string(hit.fields?["title"] ?? ""))])
            }
            print(JSONValue.object([("id", .string(id)), ("total", .int(results.total)), ("total_exact", .bool(results.totalIsExact)),
                                    ("took_ms", .milliseconds(elapsed.milliseconds)),
                                    ("terms", .array(results.terms.sorted().map(JSONValue.string))), ("hits", .array(hits))]).serialized())
            return
        }
        for (rank, hit) in results.hits.enumerated() {
            print(String(format: "%3d. %8.4f  ", rank + 1, hit.score) + ControlCharacters.forDisplay(hit.id)
                  + "  " + ControlCharacters.forDisplay(hit.fields?["title"] ?? ""))
        }
        let total = results.totalIsExact ? "\(results.total)" : "\(results.total)+"
        print(String(format: "%@ similar documents, %.2f ms", total, elapsed.milliseconds))
    }
}
