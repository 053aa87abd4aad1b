import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-query search`: ranked results for a query, with snippets; an interactive prompt when
/// no query is given on a terminal.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an index (query language: see the README); with no QUERY on a terminal, a prompt."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Option(help: "Hits to show (0 to 100000).")
    var k: Int = 10

    @Option(help: "Hits to skip first, for paging (0 to 1000000).")
    var offset: Int = 0

    @Flag(name: .customLong("and"), help: "Require every word (the default is any word, ranked).")
    var requireAll = false

    @Flag(help: "Print one JSON object.")
    var json = false

    @Flag(help: "Show how each score is made up.")
    var explain = false

    @Flag(name: .customLong("no-snippets"), help: "Leave snippets out.")
    var noSnippets = false

    @OptionGroup var ranking: RankingArguments

    @OptionGroup var facetsAndSort: FacetSortArguments

    @Argument(help: "The query.")
    var query: [String] = []

    func validate() throws {
        guard k >= 0, k <= 100_000 else { throw ValidationError("--k must be from 0 to 100000") }
        guard offset >= 0, offset <= 1_000_000 else { throw ValidationError("--offset must be from 0 to 1000000") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-query") {
            let searcher = try ranking.searcher(of: index)
            warnAboutSynonyms(searcher, index: index)
            if !query.isEmpty {
                try show(query.joined(separator: " "), searcher)
                return
            }
            guard isatty(0) != 0 else {
                try answerStandardInput { try show($0, searcher) }
                return
            }
            try Prompt(history: FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".quarry_history").path)
                .loop { line in
                    do {
                        try show(line, searcher)
                    } catch {
                        printError("error: \(error)")
                    }
                }
        }
    }

    private func show(_ text: String, _ searcher: Searcher) throws {
        let options = SearchOptions(k: k, offset: offset, ranking: ranking.ranking, explain: explain, dropStopWords: ranking.dropsStopWords,
                                    facets: try facetsAndSort.requests(), sort: facetsAndSort.order, typos: ranking.typoTolerance,
                                    suggest: true, feedback: ranking.relevanceFeedback)
        let clock = ContinuousClock()
        var results: SearchResults?
        let elapsed = try clock.measure {
            results = try searcher.search(text, defaultOperator: requireAll ? .and : .or, options: options)
        }
        guard let results else { return }
        let milliseconds = elapsed.milliseconds
        var rows: [(hit: SearchHit, stored: StoredDocument, snippet: Snippet?)] = []
        for hit in results.hits {
            let stored = try searcher.storedDocument(hit.document)
            let snippet = noSnippets ? nil : try searcher.snippet(of: stored["text"] ?? "", for: results)
            rows.append((hit, stored, snippet))
        }
        if json {
            var hits: [JSONValue] = []
            for (rank, row) in rows.enumerated() {
                var members: [(String, JSONValue)] = [
                    ("rank", .int(offset + rank + 1)), ("id", .string(row.hit.id)), ("score", .double(row.hit.score)),
                    ("title", .string(row.stored["title"] ?? "")), ("date", row.stored["date"].map(JSONValue.string) ?? .null),
                ]
                if let url = row.stored["url"] { members.append(("url", .string(url))) }
                if let value = row.hit.sortValue { members.append(("sort", JSONValue(value))) }
                if let snippet = row.snippet {
                    members.append(("snippet", .string(snippet.text)))
                    members.append(("highlights", .array(snippet.highlights.map { .array([.int($0.lowerBound), .int($0.upperBound)]) })))
                }
                if let explanation = row.hit.explanation { members.append(("explanation", .string(explanation.rendered()))) }
                hits.append(.object(members))
            }
            var object: [(String, JSONValue)] = [("query", .string(text)), ("total", .int(results.total)),
                                                 ("total_exact", .bool(results.totalIsExact)), ("took_ms", .milliseconds(milliseconds)),
                                                 ("hits", .array(hits))]
            if !results.facets.isEmpty {
                object.append(("facets", .object(results.facets.map { facet in
                    (facet.field, .array(facet.counts.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) }))
                })))
            }
            if !results.notes.isEmpty { object.append(("notes", .array(results.notes.map(JSONValue.string)))) }
            object.append(("suggestion", results.suggestion.map(JSONValue.string) ?? .null))
            print(JSONValue.object(object).serialized())
            return
        }
        let terminal = isatty(1) != 0
        let (open, close) = terminal ? ("\u{1B}[1m", "\u{1B}[0m") : ("**", "**")
        for note in results.notes { print("note: \(note)") }
        if let suggestion = results.suggestion { print("Did you mean: \(ControlCharacters.forDisplay(suggestion))?") }
        // Document text is shown with its control characters made visible: a document must
        // not be able to send escape sequences to the terminal.
        for (rank, row) in rows.enumerated() {
            var line = String(format: "%3d. %8.4f  ", offset + rank + 1, row.hit.score) + ControlCharacters.forDisplay(row.hit.id)
            if let value = row.hit.sortValue {
                line += "  " + ControlCharacters.forDisplay(value.text)
            } else if let date = row.stored["date"] {
                line += "  " + ControlCharacters.forDisplay(date)
            }
            print(line)
            let title = ControlCharacters.forDisplay(row.stored["title"] ?? "")
            if !title.isEmpty { print("     " + (terminal ? open + title + close : title)) }
            if let snippet = row.snippet.map(Self.forDisplay), !snippet.text.isEmpty { print("     " + snippet.marked(open: open, close: close)) }
            if let explanation = row.hit.explanation {
                for explanationLine in explanation.rendered().split(separator: "\n") { print("       " + explanationLine) }
            }
        }
        for (request, facet) in zip(options.facets, results.facets) {
            switch request.grouping {
            case .values: print("facet \(facet.field):")
            case .dates(let precision): print("facet \(facet.field) by \(precision.rawValue):")
            case .ranges: print("facet \(facet.field) by range:")
            }
            let width = facet.counts.map { ControlCharacters.forDisplay($0.value).count }.max() ?? 0
            for count in facet.counts {
                let value = ControlCharacters.forDisplay(count.value)
                print("  " + value + String(repeating: " ", count: width - value.count) + "  " + String(count.count))
            }
            if facet.otherCount > 0 { print("  (other values: \(facet.otherCount))") }
        }
        let total = results.totalIsExact ? "\(results.total)" : "\(results.total)+"
        print(String(format: "%@ hits, %.2f ms", total, milliseconds))
    }

    /// `snippet` with its control characters made visible, the highlights moved to match.
    static func forDisplay(_ snippet: Snippet) -> Snippet {
        let bytes = Array(snippet.text.utf8)
        var shown = snippet
        shown.text = ""
        shown.highlights = []
        var position = 0
        for range in snippet.highlights {
            shown.text += ControlCharacters.forDisplay(String(decoding: bytes[position..<range.lowerBound], as: UTF8.self))
            let start = shown.text.utf8.count
            shown.text += ControlCharacters.forDisplay(String(decoding: bytes[range], as: UTF8.self))
            shown.highlights.append(start..<shown.text.utf8.count)
            position = range.upperBound
        }
        shown.text += ControlCharacters.forDisplay(String(decoding: bytes[position...], as: UTF8.self))
        return shown
    }
}
