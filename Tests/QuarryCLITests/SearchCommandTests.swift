import Foundation
import Testing

/// `quarry-query search`, `batch` and `eval`, end to end on corpus/.
@Suite struct SearchCommandTests {
    /// One index of the corpus for every test in the suite.
    static let workspace = Workspace()
    static let index: String = {
        let path = workspace.file("index")
        CLI.buildFixture(path, ["--threads", "2", Workspace.corpus])
        return path
    }()

    private func search(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run("quarry-query", ["search", "--index", Self.index, "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try CLI.json(result.stdout)
    }

    @Test func rankedKeywordSearchWithSnippets() throws {
        let result = try search(["ofsted", "supervision"])
        let hits = try #require(result["hits"] as? [[String: Any]])
        #expect(hits.first?["title"] as? String == "Ofsted praises children's social care services in Wolverhampton")
        #expect(hits.map { $0["rank"] as? Int } == Array(1...hits.count))
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        #expect((result["total"] as? Int ?? 0) >= hits.count)
        #expect(result["took_ms"] is Double)
        let snippet = try #require(hits.first?["snippet"] as? String)
        let highlights = try #require(hits.first?["highlights"] as? [[Int]])
        #expect(!highlights.isEmpty)
        let bytes = Array(snippet.utf8)
        for range in highlights {
            let word = String(decoding: bytes[range[0]..<range[1]], as: UTF8.self).lowercased()
            #expect(word.hasPrefix("ofsted") || word.hasPrefix("supervis"), "\(word)")
        }
    }

    @Test func phraseSearchCountsExactly() throws {
        let result = try search(["\"family help service\""])
        #expect(result["total"] as? Int == 5)
        #expect(result["total_exact"] as? Bool == true)
        let ids = (result["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(!ids.contains { $0.contains("sheffield-library") })
        let loose = try search(["\"family help service\"~10", "--k", "50"])
        let looseIDs = (loose["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(looseIDs.count >= ids.count)
    }

    @Test func languageFieldsDatesAndTextOutput() throws {
        let french = try search(["ecole"])
        #expect((french["hits"] as? [[String: Any]] ?? []).contains { ($0["id"] as? String)?.hasPrefix("fr-") == true })
        let dated = try search(["council", "date:[2024-05-01 TO 2024-05-31]", "--and"])
        for hit in dated["hits"] as? [[String: Any]] ?? [] {
            #expect((hit["date"] as? String)?.hasPrefix("2024-05") == true)
        }
        let html = try search(["pothole"])
        #expect((html["hits"] as? [[String: Any]] ?? []).first.flatMap { $0["id"] as? String }?.hasSuffix("report-a-pothole.html") == true)
        #expect((try search(["zzscriptonly"])["total"] as? Int) == 0)
        let text = try CLI.run("quarry-query", ["search", "--index", Self.index, "--k", "2", "ofsted"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("  1. "))
        #expect(text.stdout.contains("**"))
        #expect(text.stdout.contains(" hits, "))
        let explained = try CLI.run("quarry-query", ["search", "--index", Self.index, "--k", "1", "--explain", "ofsted"])
        #expect(explained.stdout.contains("idf"))
    }

    @Test func misspelledWordsGetASuggestionAndTypoTolerance() throws {
        func ids(_ result: [String: Any]) -> [String] { (result["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        let misspelled = try search(["Wolverhamton", "chidlren", "--k", "3"])
        #expect(misspelled["suggestion"] as? String == "Wolverhampton children")
        #expect(ids(misspelled).isEmpty)
        let tolerant = try search(["Wolverhamton", "chidlren", "--k", "3", "--typos", "auto"])
        #expect(ids(tolerant) == ids(try search(["Wolverhampton", "children", "--k", "3"])))
        #expect(try search(["ofsted", "supervision"])["suggestion"] is NSNull)
        let text = try CLI.run("quarry-query", ["search", "--index", Self.index, "--no-snippets", "ofsted supervison"])
        #expect(text.stdout.contains("Did you mean: ofsted supervision?"), "\(text.stdout)")
        let wrong = try CLI.run("quarry-query", ["search", "--index", Self.index, "--typos", "sometimes", "ofsted"])
        #expect(wrong.status != 0 && wrong.stderr.contains("--typos"))
    }

    @Test func similarListsRelatedDocumentsButNeverTheDocumentItself() throws {
        let top = try search(["ofsted", "supervision"])["hits"] as? [[String: Any]]
        let id = try #require(top?.first?["id"] as? String)
        let result = try CLI.run("quarry-query", ["similar", "--index", Self.index, "--json", "--k", "5", id])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try CLI.json(result.stdout)
        let ids = (object["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.count == 5 && !ids.contains(id))
        #expect(ids.first?.contains("wolverhampton") == true, "\(ids)")
        #expect((object["terms"] as? [String])?.contains("wolverhampton") == true)
        let missing = try CLI.run("quarry-query", ["similar", "--index", Self.index, "no-such-id"])
        #expect(missing.status == 1 && missing.stderr.contains("no document has id 'no-such-id'"), "\(missing.stderr)")
        let lines = try CLI.run("quarry-query", ["similar", "--index", Self.index, "--k", "3"], input: "\(id)\nno-such-id\n\(id)\n")
        #expect(lines.status == 1 && lines.stderr.contains("standard input, line 2"), "\(lines.stderr)")
        #expect(lines.stdout.components(separatedBy: "similar documents").count == 3, "\(lines.stdout)")
    }

    @Test func batchReadsTheQueryLanguageWithSyntax() throws {
        let queries = Self.workspace.file("syntax-queries.tsv")
        try "fuzzy\tsupervison~2 AND title:ofsted\nbroken\t\"unclosed\nplain\tsupervison\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let run = Self.workspace.file("syntax.run")
        let result = try CLI.run("quarry-query", ["batch", "--index", Self.index, "--queries", queries, "--k", "5", "--syntax", "--output", run])
        #expect(result.status == 1 && result.stderr.contains("query broken: query syntax error at column 1"), "\(result.stderr)")
        let lines = try String(contentsOfFile: run, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("fuzzy Q0 ") && $0.contains("wolverhampton") } && !lines.contains { $0.hasPrefix("broken ") })
        #expect(!lines.contains { $0.hasPrefix("plain ") }, "supervison, as written, is in no document")
        let both = try CLI.run("quarry-query", ["batch", "--index", Self.index, "--queries", queries, "--syntax", "--phrase", "--output", run])
        #expect(both.status != 0 && both.stderr.contains("--phrase and --syntax"))
    }

    @Test func syntaxAndOptionErrors() throws {
        let unbalanced = try CLI.run("quarry-query", ["search", "--index", Self.index, "(ofsted"])
        #expect(unbalanced.status == 1)
        #expect(unbalanced.stderr.contains("query syntax error at column 1"))
        let badK1 = try CLI.run("quarry-query", ["search", "--index", Self.index, "--k1=-1", "x"])
        #expect(badK1.status != 0)
        #expect(badK1.stderr.contains("k1 must be from 0 to 100"))
    }

    @Test func queriesOnStandardInput() throws {
        let result = try CLI.run("quarry-query", ["search", "--index", Self.index, "--k", "1", "--json"], input: "ofsted\n\nflood\n")
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
    }

    @Test func batchWritesATrecRunAndLatenciesThatEvalScores() throws {
        let queries = Self.workspace.write("queries.jsonl", """
            {"_id": "q1", "text": "Ofsted supervision of social workers"}
            {"_id": "q2", "text": "flood warnings river"}
            {"_id": "q3", "text": "zzznothing"}
            """)
        let tsv = Self.workspace.write("queries.tsv", "q1\tOfsted supervision of social workers\nq2\tfamily help service\n")
        let run = Self.workspace.file("run.txt")
        let stats = Self.workspace.file("stats.json")
        let batch = try CLI.run("quarry-query", ["batch", "--index", Self.index, "--queries", queries, "--k", "5", "--tag", "t",
                                                 "--threads", "2", "--stats", stats, "--output", run])
        #expect(batch.status == 0, "\(batch.stderr)")
        let lines = try String(contentsOfFile: run, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 10)
        let first = lines[0].split(separator: " ")
        #expect(first.count == 6 && first[0] == "q1" && first[1] == "Q0" && first[3] == "1" && first[5] == "t")
        #expect(first[2].hasSuffix("corpus/news/2024-03-12-wolverhampton-ofsted-childrens-services.txt"))
        let latencies = try #require(try CLI.json(String(contentsOfFile: stats, encoding: .utf8))["latencies_ms"] as? [String: Double])
        #expect(Set(latencies.keys) == ["q1", "q2", "q3"])

        let phrases = try CLI.run("quarry-query", ["batch", "--index", Self.index, "--queries", tsv, "--phrase", "--output", run])
        #expect(phrases.status == 0)
        let phraseLines = try String(contentsOfFile: run, encoding: .utf8).split(separator: "\n")
        #expect(phraseLines.filter { $0.hasPrefix("q2 ") }.count == 5)

        let qrels = Self.workspace.write("qrels.tsv", "query-id\tcorpus-id\tscore\nq2\tnews-2024-0004\t1\nq2\tmissing-doc\t1\n")
        let eval = try CLI.run("quarry-query", ["eval", "--qrels", qrels, "--run", run, "--json"])
        #expect(eval.status == 0)
        let metrics = try CLI.json(eval.stdout)
        #expect(metrics["recall_100"] as? Double == 0.5)
        #expect(metrics["queries"] as? Int == 1)
    }
}
