import Foundation
import QuarryCore
import QuarryTestSupport
import Testing

/// `Searcher` through the public API: snapshots, reopening, concurrent use, what a hit carries,
/// and queries built in code against the same queries parsed.
@Suite struct SearcherTests {
    private static let documents = [
        Document(id: "ofsted", title: "Ofsted praises children's social care services in Wolverhampton",
                 body: "Inspectors said the family help service and staff supervision were strong.",
                 fields: [DocumentField("section", "education")]),
        Document(id: "budget", title: "Council sets its budget",
                 body: "The council agreed a budget with cuts to the family help service.",
                 fields: [DocumentField("section", "politics")]),
        Document(id: "match", title: "Wolves win again",
                 body: "The family turned out to see the match; help came late.",
                 fields: [DocumentField("section", "sport")]),
    ]

    private func makeIndex(_ folder: TemporaryDirectory) async throws -> Index {
        let schema = try Schema(fields: [.title, .body, FieldDefinition(name: "section", type: .keyword)])
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")), schema: schema)
        let writer = try index.writer()
        try await writer.add(contentsOf: Self.documents)
        try await writer.commit()
        return index
    }

    @Test func builtQueriesMatchTheirParsedForms() async throws {
        let folder = TemporaryDirectory()
        let index = try await makeIndex(folder)
        let searcher = try index.searcher()
        let pairs: [(Query, String)] = [
            (.term("title", "ofsted") && .phrase("body", "family help service"), #"+title:ofsted +body:"family help service""#),
            (.phrase("body", "family help service") && !.term("section", "politics"), #"+body:"family help service" -section:politics"#),
            (.term("title", "council") || .term("title", "wolves"), "title:council title:wolves"),
            (.prefix("body", "supervis"), "body:supervis*"),
            (.term("body", "family").boosted(by: 2) || .term("title", "budget"), "body:family^2 title:budget"),
        ]
        for (built, text) in pairs {
            let parsed = try Query(parsing: text, schema: index.schema)
            let fromBuilt = try searcher.search(built).hits.map { "\($0.id) \($0.score)" }
            let fromParsed = try searcher.search(parsed).hits.map { "\($0.id) \($0.score)" }
            #expect(fromBuilt == fromParsed, "\(text)")
            #expect(!fromBuilt.isEmpty, "\(text)")
        }
        // User input given to the builder is never syntax.
        let typed = try searcher.search(.term("body", #"family" OR -"help"#))
        #expect(Set(typed.hits.map(\.id)) == ["ofsted", "budget", "match"])
    }

    @Test func syntaxErrorsNameTheColumn() throws {
        #expect(throws: QuerySyntaxError.self) { _ = try Query(parsing: #"title:"unclosed"#) }
        do {
            _ = try Query(parsing: "a (b")
            Issue.record("parsed")
        } catch {
            #expect(error.column >= 3)
        }
    }

    @Test func hitsCarryStoredFieldsSnippetsAndExplanations() async throws {
        let folder = TemporaryDirectory()
        let searcher = try await makeIndex(folder).searcher()
        let results = try searcher.search("supervision", options: SearchOptions(explain: true, storedFields: true, snippetField: "body"))
        let hit = try #require(results.hits.first)
        #expect(hit.id == "ofsted" && results.total == 1 && results.totalIsExact)
        #expect(hit.fields?["section"] == "education")
        let snippet = try #require(hit.snippet)
        let marked = snippet.highlights.map { range in
            String(decoding: Array(snippet.text.utf8)[range], as: UTF8.self)
        }
        #expect(marked == ["supervision"])
        #expect(hit.explanation.map { abs($0.value - hit.score) < 1e-9 } == true)
        #expect(throws: SearchError.self) { _ = try searcher.search("x", options: SearchOptions(snippetField: "nothing")) }
    }

    @Test func aSearcherIsASnapshotAndReopeningSharesWhatDidNotChange() async throws {
        let folder = TemporaryDirectory()
        let index = try await makeIndex(folder)
        let before = try index.searcher()
        #expect(try before.reopened() === before)
        let writer = try index.writer()
        try await writer.add(Document(id: "new", title: "Ofsted returns"))
        try await writer.commit()
        #expect(try before.search("ofsted").total == 1)
        let after = try before.reopened()
        #expect(after !== before && after.generation == before.generation + 1)
        #expect(try after.search("ofsted").total == 2)
        #expect(try before.search("ofsted").total == 1)
    }

    @Test func oneSearcherServesConcurrentSearches() async throws {
        let folder = TemporaryDirectory()
        let searcher = try await makeIndex(folder).searcher()
        let queries = ["family", "help service", "ofsted", "\"family help\"", "council OR wolves", "budget -cuts"]
        let serial = try queries.map { try searcher.search($0).hits.map(\.id) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for round in 0..<64 {
                group.addTask { (round % queries.count, try searcher.search(queries[round % queries.count]).hits.map(\.id)) }
            }
            var all: [(Int, [String])] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(concurrent.count == 64)
        for (query, ids) in concurrent { #expect(ids == serial[query]) }
    }
}
