import Foundation
import Testing

/// Schemas, filters, facets and sorts from the command line, on `corpus/articles.jsonl`; the
/// expected values are read from the file itself.
@Suite struct SchemaCommandTests {
    /// The corpus's JSON documents, in file order.
    private static var articles: [[String: Any]] {
        let text = try! String(contentsOfFile: Workspace.corpus + "/articles.jsonl", encoding: .utf8)
        return text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    private func search(_ index: String, _ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run("quarry-query", ["search", "--index", index, "--json", "--no-snippets"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try CLI.json(result.stdout)
    }

    @Test func inferredSchemaFiltersFacetsAndSorts() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [Workspace.corpus + "/articles.jsonl"], options: ["--threads", "1"])
        #expect(build.stderr.contains(#"{"name":"date","type":"date"}"#), "\(build.stderr)")
        #expect(build.stderr.contains(#"{"name":"source","type":"keyword"}"#), "\(build.stderr)")
        let stats = try CLI.json(try CLI.run("quarry-index", ["stats", "--index", index, "--json"]).stdout)
        let fields = try #require(stats["schema"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == ["title", "body", "date", "source", "section", "author", "tags", "url"])
        #expect(fields.map { $0["type"] as? String } == ["text", "text", "date", "keyword", "keyword", "keyword", "keyword", "stored"])
        #expect(fields.map { $0["multi"] as? Bool } == [false, false, false, false, false, false, true, false])

        // A filter-only query matches exactly the documents of the period; facets count them.
        let in2024 = Self.articles.filter { ($0["date"] as? String)?.hasPrefix("2024") == true }
        let dated = try search(index, ["--k", "100", "--facet", "source", "--facet-size", "1000", "--facet", "date:year", "date:2024"])
        #expect(dated["total"] as? Int == in2024.count)
        let hits = try #require(dated["hits"] as? [[String: Any]])
        #expect(Set(hits.compactMap { $0["id"] as? String }) == Set(in2024.compactMap { $0["id"] as? String }))
        let facets = try #require(dated["facets"] as? [String: [[String: Any]]])
        var expected: [String: Int] = [:]
        for article in in2024 { expected[article["source"] as! String, default: 0] += 1 }
        let counted = Dictionary(uniqueKeysWithValues: (facets["source"] ?? []).map { ($0["value"] as! String, $0["count"] as! Int) })
        #expect(counted == expected)
        let counts = (facets["source"] ?? []).map { $0["count"] as! Int }
        #expect(counts == counts.sorted(by: >))
        #expect((facets["date"] ?? []).map { $0["value"] as? String } == ["2024"])

        // A keyword filter, case folded, narrows a ranked query; a sort puts the newest first.
        let source = try #require(in2024.first?["source"] as? String)
        let ofSource = Self.articles.filter { $0["source"] as? String == source }
        let filtered = try search(index, ["--k", "100", "--sort", "-date", "source:\"\(source.lowercased())\""])
        #expect(filtered["total"] as? Int == ofSource.count)
        let newestFirst = ofSource.sorted { ($0["date"] as? String ?? "") > ($1["date"] as? String ?? "") }
        let sortedHits = try #require(filtered["hits"] as? [[String: Any]])
        #expect(sortedHits.compactMap { $0["id"] as? String } == newestFirst.compactMap { $0["id"] as? String })
        #expect(sortedHits.first?["sort"] as? String == newestFirst.first?["date"] as? String)

        // Oldest first over everything dated, paged: the second page follows the first.
        let all = Self.articles.filter { $0["date"] != nil }.sorted { ($0["date"] as! String, $0["id"] as! String) < ($1["date"] as! String, $1["id"] as! String) }
        let page = try search(index, ["--k", "3", "--offset", "3", "--sort", "date", "date:[* TO *]"])
        let pageDates = (page["hits"] as? [[String: Any]] ?? []).compactMap { $0["sort"] as? String }
        #expect(pageDates == all[3..<6].map { $0["date"] as! String })

        // Text output names each facet and its counts.
        let text = try CLI.run("quarry-query", ["search", "--index", index, "--facet", "date:month", "--no-snippets", "council"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("facet date by month:\n  2024-"), "\(text.stdout)")
    }

    @Test func schemaFilesAndValuesThatDoNotFit() throws {
        let workspace = Workspace()
        workspace.write("input/docs.jsonl", [
            #"{"id": "a", "title": "Ward report", "grade": 2, "pages": 120, "ward": "North", "date": "2024-02-01"}"#,
            #"{"id": "b", "title": "Ward report", "grade": "good", "pages": 80, "ward": "South", "date": "2024-03-01"}"#,
            #"{"id": "c", "title": "Ward report", "grade": 3, "pages": 300, "ward": ["North", "East"], "date": "soon"}"#,
        ].joined(separator: "\n") + "\n")
        workspace.write("schema.json", #"""
            {"fields": [{"name": "grade", "type": "integer"}, {"name": "pages", "type": "integer"},
                        {"name": "ward", "type": "keyword", "multi": true}, {"name": "date", "type": "date"}]}
            """#)
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")], options: ["--schema", workspace.file("schema.json")])
        #expect(build.stderr.contains("docs.jsonl:2: field 'grade'"), "\(build.stderr)")
        #expect(build.stderr.contains("docs.jsonl:3: field 'date'"), "\(build.stderr)")
        #expect(build.stdout.contains("indexed 3 documents"), "\(build.stdout)")

        func ids(_ query: String, _ options: [String] = []) throws -> [String] {
            (try search(index, options + [query])["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(try ids("report pages:>100", ["--sort", "pages"]) == ["a", "c"])
        #expect(try ids("report grade:[2 TO 3]", ["--sort", "-grade"]) == ["c", "a"])
        #expect(try ids("ward:north", ["--sort", "pages"]) == ["a", "c"])
        #expect(try ids("report -ward:east", ["--sort", "pages"]) == ["b", "a"])
        // A document without the sort field's value comes last, either way.
        #expect(try ids("report", ["--sort", "grade"]) == ["a", "c", "b"])
        #expect(try ids("report", ["--sort", "-grade"]) == ["c", "a", "b"])
        let ranges = try search(index, ["--facet", "pages:0..100,100..", "--facet", "ward", "report"])
        let facets = try #require(ranges["facets"] as? [String: [[String: Any]]])
        #expect((facets["pages"] ?? []).map { "\($0["value"]!)=\($0["count"]!)" } == ["0..100=1", "100..=2"])
        #expect((facets["ward"] ?? []).map { "\($0["value"]!)=\($0["count"]!)" } == ["North=2", "East=1", "South=1"])

        // Errors name the option, the field, the file and the place.
        let badFacet = try CLI.run("quarry-query", ["search", "--index", index, "--facet", "title", "report"])
        #expect(badFacet.status != 0)
        #expect(badFacet.stderr.contains("'title' is a text field"), "\(badFacet.stderr)")
        let badSort = try CLI.run("quarry-query", ["search", "--index", index, "--sort", "-ward", "report"])
        #expect(badSort.stderr.contains("'ward' is a keyword field: hits sort by a date or numeric field"), "\(badSort.stderr)")
        workspace.write("bad.json", #"{"fields": [{"name": "grade", "type": "txt"}]}"#)
        let badSchema = try CLI.run("quarry-index", ["build", "--index", workspace.file("other"), "--schema", workspace.file("bad.json"),
                                                     workspace.file("input")])
        #expect(badSchema.status != 0)
        #expect(badSchema.stderr.contains("bad.json:1:"), "\(badSchema.stderr)")
        #expect(badSchema.stderr.contains("unknown type 'txt'"), "\(badSchema.stderr)")
        let verify = try CLI.run("quarry-index", ["verify", "--index", index])
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    /// A member the given schema lacks is reported once a build, where it first appeared (that its
    /// text is still stored, `FieldConversionTests` checks); an inferred schema's build does not
    /// report again what its printout lists as left out.
    @Test func membersTheSchemaLacksAreReportedOnce() throws {
        let workspace = Workspace()
        workspace.write("input/a.jsonl", [
            #"{"id": "a1", "title": "Ward report", "ward": "North", "date": "2024-02-01", "page count": 3}"#,
            #"{"id": "a2", "title": "Ward report", "ward": "South", "note": "late"}"#,
        ].joined(separator: "\n") + "\n")
        workspace.write("input/b.jsonl", #"{"id": "b1", "title": "Ward report", "ward": "East", "note": "early"}"# + "\n")
        workspace.write("schema.json", #"{"fields": [{"name": "date", "type": "date"}]}"#)
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")], options: ["--schema", workspace.file("schema.json")])
        let reported = build.stderr.split(separator: "\n").filter { $0.contains("is not a field of the schema") }
        #expect(reported.count == 3, "\(build.stderr)")
        #expect(reported.contains { $0.hasSuffix("a.jsonl:1: member 'ward' is not a field of the schema: its strings are stored, not indexed (reported once)") })
        #expect(reported.contains { $0.hasSuffix("a.jsonl:1: member 'page count' is not a field of the schema: its strings are stored, not indexed (reported once)") })
        #expect(reported.contains { $0.hasSuffix("a.jsonl:2: member 'note' is not a field of the schema: its strings are stored, not indexed (reported once)") })
        #expect(build.stdout.contains("indexed 3 documents") && build.stdout.contains("3 warnings"), "\(build.stdout)")

        let inferred = try CLI.buildIndex(workspace.file("inferred"), [workspace.file("input")])
        #expect(inferred.stderr.contains("member 'page count' is stored only"), "\(inferred.stderr)")
        #expect(!inferred.stderr.contains("is not a field of the schema"), "\(inferred.stderr)")
    }

    @Test func batchFiltersNarrowAndExclude() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [Workspace.corpus + "/articles.jsonl"], options: ["--threads", "1"])
        #expect(build.status == 0, "\(build.stderr)")
        let source = try #require(Self.articles.first?["source"] as? String)
        let sourceOf = Dictionary(uniqueKeysWithValues: Self.articles.map { ($0["id"] as! String, $0["source"] as? String) })
        let queries = workspace.write("queries.jsonl", #"{"_id": "q1", "text": "council report children"}"# + "\n")
        func run(_ filter: [String]) throws -> [String] {
            let output = workspace.file("run.txt")
            let batch = try CLI.run("quarry-query", ["batch", "--index", index, "--queries", queries, "--k", "1000",
                                                     "--output", output] + filter)
            #expect(batch.status == 0, "\(batch.stderr)")
            return try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map { String($0.split(separator: " ")[2]) }
        }
        let all = try run([])
        let only = try run(["--filter", "source:\"\(source)\""])
        // `=`: an argument starting with `-` would be taken for an option.
        let without = try run(["--filter=-source:\"\(source)\""])
        #expect(!only.isEmpty && !without.isEmpty)
        #expect(only.allSatisfy { sourceOf[$0] == source })
        #expect(without.allSatisfy { sourceOf[$0] != source })
        // Together they are the unfiltered matches: a filter narrows, and an exclusion alone too.
        #expect(Set(only + without) == Set(all) && only.count + without.count == all.count)
    }
}
