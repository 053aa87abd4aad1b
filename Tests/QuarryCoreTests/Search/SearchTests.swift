import Foundation
import Testing
@testable import QuarryCore

/// Ranking, boolean logic, phrases, prefixes, dates and snippets on small hand-made indexes.
@Suite struct SearchTests {
    @Test func bm25MatchesHandComputedScores() throws {
        let index = try TestIndex([
            Document(id: "a", title: "", body: "cat cat dog"),
            Document(id: "b", title: "", body: "cat bird bird bird bird bird"),
            Document(id: "c", title: "", body: "fish"),
        ])
        let k1 = 1.2
        let b = 0.75
        let ranking = Ranking(k1: k1, b: b, titleWeight: 1, bodyWeight: 1, model: .fields)
        let results = try index.searcher.search("body:cat", options: SearchOptions(ranking: ranking))
        // Body: 3 documents, lengths 3, 6, 1 (average 10/3); "cat" in 2 of them.
        let idf = log(1 + (3 - 2 + 0.5) / (2 + 0.5))
        func bm25(_ tf: Double, _ length: Double) -> Double { idf * tf / (tf + k1 * (1 - b + b * length / (10.0 / 3))) }
        #expect(results.hits.map(\.id) == ["a", "b"])
        #expect(abs(results.hits[0].score - bm25(2, 3)) < 1e-12)
        #expect(abs(results.hits[1].score - bm25(1, 6)) < 1e-12)
        #expect(results.total == 2 && results.totalIsExact)
    }

    @Test func flatModelTreatsTitleAndBodyAsOneField() throws {
        let index = try TestIndex([
            Document(id: "a", title: "cat", body: "dog dog"),
            Document(id: "b", title: "dog", body: "cat cat bird"),
        ])
        let ranking = Ranking(k1: 0.9, b: 0.4, titleWeight: 1, bodyWeight: 1, model: .flat)
        let results = try index.searcher.search("cat", options: SearchOptions(ranking: ranking))
        // Lengths 3 and 4 (average 3.5); "cat" in both documents: idf from N = 2, df = 2.
        let idf = log(1 + (2 - 2 + 0.5) / (2 + 0.5))
        func bm25(_ tf: Double, _ length: Double) -> Double { idf * tf / (tf + 0.9 * (1 - 0.4 + 0.4 * length / 3.5)) }
        #expect(results.hits.map(\.id) == ["b", "a"])
        #expect(abs(results.hits[0].score - bm25(2, 4)) < 1e-12)
        #expect(abs(results.hits[1].score - bm25(1, 3)) < 1e-12)
    }

    @Test func explanationsAddUpToTheScore() throws {
        let index = try TestIndex([Document(id: "a", title: "ofsted report", body: "ofsted praises supervision in the council"),
                                   Document(id: "b", title: "other", body: "supervision")])
        let results = try index.searcher.search("ofsted supervision \"the council\"", options: SearchOptions(explain: true))
        for hit in results.hits {
            let explanation = try #require(hit.explanation)
            #expect(explanation.value == hit.score)
            if !explanation.details.isEmpty { #expect(explanation.details.reduce(0) { $0 + $1.value } == hit.score) }
        }
    }

    @Test func tiesBreakByDocumentOrder() throws {
        let documents = (0..<20).map { Document(id: "d\($0)", body: "same words here") }
        let index = try TestIndex([Array(documents[0..<7]), Array(documents[7..<20])])
        #expect(try index.ids("same", k: 20) == documents.map(\.id))
        #expect(try index.ids("same", k: 5) == documents.prefix(5).map(\.id))
        let page = try index.searcher.search("same", options: SearchOptions(k: 5, offset: 5))
        #expect(page.hits.map(\.id) == documents[5..<10].map(\.id))
    }

    @Test func booleanLogic() throws {
        let index = try TestIndex([
            Document(id: "1", body: "ofsted leeds"), Document(id: "2", body: "ofsted wolverhampton"),
            Document(id: "3", body: "cqc leeds"), Document(id: "4", body: "cqc inspection"),
        ])
        #expect(Set(try index.ids("ofsted cqc")) == ["1", "2", "3", "4"])
        #expect(try index.ids("ofsted leeds", defaultOperator: .and) == ["1"])
        #expect(Set(try index.ids("+ofsted -leeds")) == ["2"])
        #expect(Set(try index.ids("(ofsted OR cqc) AND leeds")) == ["1", "3"])
        #expect(Set(try index.ids("leeds NOT ofsted")) == ["3"])
        #expect(try index.ids("-leeds").isEmpty)
        #expect(try index.ids("nothing").isEmpty)
        #expect(try index.ids("ofsted AND nothing").isEmpty)
        #expect(Set(try index.ids("title:ofsted OR body:inspection")) == ["4"])
        // A boost changes the order.
        #expect(try index.ids("leeds^5 wolverhampton", k: 1) == ["1"] || index.ids("leeds^5 wolverhampton", k: 1) == ["3"])
        #expect(try index.ids("leeds wolverhampton^5", k: 1) == ["2"])
    }

    @Test func phrases() throws {
        let index = try TestIndex([
            Document(id: "title-only", title: "new york", body: "city"),
            Document(id: "twice", body: "new york and new york"),
            Document(id: "reversed", body: "york new"),
            Document(id: "split", title: "brand new", body: "york is old"),
            Document(id: "gap", body: "new big york"),
            Document(id: "repeat", body: "the the end"),
            Document(id: "once-the", body: "the end"),
            Document(id: "overlap", body: "new new york york"),
        ])
        #expect(Set(try index.ids("\"new york\"")) == ["title-only", "twice", "overlap"])
        #expect(try index.ids("body:\"new york\"", k: 1) == ["twice"])
        #expect(try index.ids("title:\"new york\"") == ["title-only"])
        // Across the title/body boundary: never.
        #expect(!(try index.ids("\"new york\"")).contains("split"))
        #expect(Set(try index.ids("\"new york\"~1")) == ["title-only", "twice", "overlap", "gap"])
        #expect(Set(try index.ids("\"york new\"~2")).isSuperset(of: ["reversed", "twice"]))
        #expect(try index.ids("\"the the\"") == ["repeat"])
        #expect(Set(try index.ids("\"the end\"")) == ["repeat", "once-the"])
        #expect(try index.ids("\"new york york\"") == ["overlap"])
        #expect(try index.ids("\"the the\"~3") == ["repeat"])
        let counted = try index.searcher.search("\"new york\"", options: SearchOptions(k: 1))
        #expect(counted.total == 3 && counted.totalIsExact)
    }

    @Test func prefixesExpandAndSayWhenCut() throws {
        let index = try TestIndex((0..<80).map { Document(id: "d\($0)", body: "inspect\($0) common") })
        #expect(Set(try index.ids("inspect1*")) == Set(["d1"] + (10...19).map { "d\($0)" }))
        let cut = try index.searcher.search("inspect*", options: SearchOptions(k: 100, prefixExpansionLimit: 10))
        #expect(cut.hits.count == 10)
        #expect(cut.notes.contains { $0.contains("80 terms") })
    }

    @Test func dateRanges() throws {
        let index = try TestIndex([
            Document(id: "jan", body: "budget", fields: [DocumentField("date", "2024-01-15")]),
            Document(id: "dec", body: "budget", fields: [DocumentField("date", "2024-12-31T23:00:00Z")]),
            Document(id: "next", body: "budget", fields: [DocumentField("date", "2025-01-01")]),
            Document(id: "none", body: "budget"),
        ])
        #expect(Set(try index.ids("budget date:[2024-01-01 TO 2024-12-31]", defaultOperator: .and)) == ["jan", "dec"])
        #expect(Set(try index.ids("+budget +date:[2024-06-01 TO *]")) == ["dec", "next"])
        #expect(Set(try index.ids("date:[* TO 2024-01-31]")) == ["jan"])
    }

    @Test func deletedDocumentsNeverMatch() throws {
        let index = try TestIndex([[Document(id: "keep", body: "word"), Document(id: "drop", body: "word word")]], deleted: ["drop"])
        #expect(try index.ids("word") == ["keep"])
        #expect(try index.ids("\"word word\"").isEmpty)
    }

    @Test func snippetsHighlightTermsAndPhrases() throws {
        let text = String(repeating: "Filler words about other things. ", count: 20)
            + "The family help service and the council's supervision of staff were praised.\nMore text follows. "
            + String(repeating: "Trailing words. ", count: 20)
        let index = try TestIndex([Document(id: "a", body: text)], settings: AnalysisSettings())
        let results = try index.searcher.search("supervision \"family help service\"")
        let snippet = try index.searcher.snippet(of: text, for: results)
        let marked = snippet.marked(open: "[", close: "]")
        #expect(marked.contains("[family help service]"))
        #expect(marked.contains("[supervision]"))
        #expect(snippet.text.hasPrefix("… "))
        #expect(!snippet.text.contains("\n"))
        let bytes = Array(snippet.text.utf8)
        for range in snippet.highlights {
            let word = String(decoding: bytes[range], as: UTF8.self)
            #expect(word == "family help service" || word == "supervision")
        }
    }

    @Test func rankingValidation() throws {
        let index = try TestIndex([Document(id: "a", body: "x")])
        #expect(throws: SearchError.self) {
            try index.searcher.search("x", options: SearchOptions(ranking: Ranking(k1: -1, b: 0.4, titleWeight: 1, bodyWeight: 1, model: .flat)))
        }
        #expect(Ranking(k1: -1, b: 0.4, titleWeight: 1, bodyWeight: 1, model: .flat).problem == "k1 must be from 0 to 100")
        #expect(Ranking(k1: 1, b: 1.5, titleWeight: 1, bodyWeight: 1, model: .flat).problem == "b must be from 0 to 1")
    }
}

/// Options a library caller sets directly are checked too: no trap on `k + offset`.
@Suite struct SearchOptionLimitTests {
    @Test func outOfRangeOptionsAreRefused() throws {
        let index = try TestIndex([Document(id: "a", title: "council", body: "budget")])
        var options = SearchOptions(k: 10)
        options.offset = Int.max
        #expect(throws: SearchError.self) { try index.searcher.search("council", options: options) }
        options = SearchOptions(k: Int.max)
        #expect(throws: SearchError.self) { try index.searcher.search("council", options: options) }
        options = SearchOptions()
        options.prefixExpansionLimit = Int.max
        #expect(throws: SearchError.self) { try index.searcher.search("coun*", options: options) }
        options = SearchOptions(k: SearchOptions.maximumWindow)
        #expect(try index.searcher.search("council", options: options).hits.map(\.id) == ["a"])
    }
}
