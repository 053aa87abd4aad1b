import Testing
@testable import QuarryCore
import QuarryTestSupport

/// How query clauses are taken: date ranges as filters, stop words in required clauses, and
/// documents analyzed in their own language.
@Suite struct QueryResolutionTests {
    private let english = AnalysisSettings(language: .english)

    @Test func aDateRangeFiltersWhereverItStands() throws {
        let index = try TestIndex([
            Document(id: "march", body: "council meeting", fields: [DocumentField("date", "2024-03-01")]),
            Document(id: "august", body: "council meeting", fields: [DocumentField("date", "2024-08-01")]),
            Document(id: "october", body: "council budget", fields: [DocumentField("date", "2024-10-15")]),
            Document(id: "undated", body: "council meeting"),
            Document(id: "february", body: "budget", fields: [DocumentField("date", "2024-02-01")]),
        ], settings: english)
        let range = "date:[2024-01-01 TO 2024-06-30]"
        #expect(try index.ids("council \(range)") == ["march"])
        #expect(try index.ids("council \(range)", defaultOperator: .and) == ["march"])
        #expect(try index.ids("(council OR \(range))") == ["march"])
        #expect(try Set(index.ids(range)) == ["march", "february"])
        #expect(try Set(index.ids("council -\(range)")) == ["august", "october", "undated"])
        #expect(try index.ids("(council meeting) date:[2024-07-01 TO *]") == ["august", "october"])
    }

    @Test func aRequiredStopWordDoesNotVoidTheQuery() throws {
        let index = try TestIndex([
            Document(id: "both", body: "the council met"),
            Document(id: "council", body: "council"),
            Document(id: "the", body: "the budget"),
        ], settings: english)
        let expected: Set<String> = ["both", "council"]
        #expect(try Set(index.ids("the council")) == expected)
        #expect(try Set(index.ids("+the council")) == expected)
        #expect(try Set(index.ids("+the +council")) == expected)
        #expect(try Set(index.ids("the council", defaultOperator: .and)) == expected)
        #expect(try Set(index.ids("+!!! council")) == expected)
        // A required word that is in no document still matches nothing.
        #expect(try index.ids("+zebra council").isEmpty)
        // A query of nothing but stop words keeps them.
        #expect(try Set(index.ids("the")) == ["both", "the"])
    }

    @Test func documentsInTheirOwnLanguageAreFoundByTheirStems() throws {
        let index = try TestIndex([
            Document(id: "de", title: "Die Häuser der Stadt", body: "Die Stadtverwaltung baut neue Häuser", language: "de"),
            Document(id: "nl", body: "De kinderen spelen", language: "nl"),
            Document(id: "en", body: "The houses of the town"),
        ], settings: english)
        // German stems Häuser to "haus", English to "hauser": the query must reach both analyses.
        #expect(try index.ids("Häuser") == ["de"])
        #expect(try index.ids("haus") == ["de"])
        #expect(try index.ids("+Stadtverwaltung") == ["de"])
        #expect(try index.ids("\"neue Häuser\"") == ["de"])
        #expect(try index.ids("kinderen") == ["nl"])
        #expect(try index.ids("houses") == ["en"])
        // The languages are recorded in the commit and survive a merge.
        #expect(index.reader.manifest.segments.flatMap(\.languages).sorted() == ["de", "nl"])
    }

    @Test func languagesSurviveAMerge() throws {
        let directory = TemporaryDirectory()
        let writer = try IndexWriterCore.create(directory: directory.path, settings: english)
        _ = try writer.add([Document(id: "de", body: "neue Häuser", language: "DE")])
        _ = try writer.add([Document(id: "fr", body: "les écoles", language: "fr"), Document(id: "en", body: "schools")])
        try writer.merge(maximumSegments: 1)
        try writer.commit()
        let reader = try IndexReader(directory: directory.path)
        #expect(reader.manifest.segments.map(\.languages) == [["de", "fr"]])
        #expect(try Searcher(reader: reader).search("Häuser").hits.map(\.id) == ["de"])
    }

    /// Many prefixes share one budget of expansions, so one query cannot run unbounded.
    @Test func prefixesShareOneBudgetOfExpansions() throws {
        let documents = (0..<200).map { i in
            Document(id: "d\(i)", body: (0..<10).map { "p\(i)x\($0)" }.joined(separator: " "))
        }
        let index = try TestIndex(documents)
        let query = (0..<200).map { "p\($0)x*" }.joined(separator: " ")
        let results = try index.searcher.search(query, options: SearchOptions(k: 10))
        #expect(results.terms.count == 200 * (SearchOptions.maximumExpandedTerms / 200))
        #expect(results.notes.contains { $0.contains("searched for the 5 most frequent") })
        // One prefix alone still gets the per-prefix limit.
        #expect(try index.searcher.search("p7x*", options: SearchOptions(k: 10)).terms.count == 10)
    }
}
