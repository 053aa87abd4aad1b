import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Synonyms: the Solr format, each kind of rule end to end, their ranking, and the file in the
/// index folder (read at open and by `reopened()`, kept by writers, known to `verify`).
@Suite struct SynonymTests {
    @Test func theSolrFormatParsesEachFormAndReportsBadLines() {
        let rules = SynonymRules(parsing: """
            # comment
              tv,  television , telly\r

            ofsted => ofsted, office for  standards in education
            a\\,b, c\\=>d => e
            lonely
            x, , y
            p => q => r
            => q
            trailing\\
            """)
        #expect(rules.rules == [
            .init(words: ["tv", "television", "telly"], synonyms: ["tv", "television", "telly"], line: 2),
            .init(words: ["ofsted"], synonyms: ["ofsted", "office for standards in education"], line: 4),
            .init(words: ["a,b", "c=>d"], synonyms: ["e"], line: 5),
        ])
        #expect(rules.problems.map(\.line) == [6, 7, 8, 9, 10])
        #expect(rules.problems[2].description == "line 8: more than one '=>'")
        #expect(SynonymRules(parsing: "").rules.isEmpty && SynonymRules(parsing: "").problems.isEmpty)
    }

    private static func index(_ documents: [Document], synonyms: String,
                              settings: AnalysisSettings = AnalysisSettings(language: .none)) throws -> TestIndex {
        let index = try TestIndex([documents], settings: settings)
        try synonyms.write(toFile: index.directory.path + "/" + SynonymRules.fileName, atomically: true, encoding: .utf8)
        return index
    }

    private static func ids(_ query: String, _ searcher: Searcher, explain: Bool = false) throws -> [String] {
        try searcher.search(query, options: SearchOptions(k: 20, explain: explain)).hits.map(\.id)
    }

    @Test func equivalentsFindEachOtherAndTheUsersOwnWordRanksFirst() throws {
        // television is rarer: by its idf alone it would outrank tv; and a tie would put it
        // first (the first document).
        let index = try Self.index([
            Document(id: "television", title: "", body: "television news tonight"),
            Document(id: "tv1", title: "", body: "tv news tonight"), Document(id: "tv2", title: "", body: "tv news today"),
            Document(id: "tv3", title: "", body: "tv news at ten"),
            Document(id: "radio", title: "", body: "radio news tonight"),
        ], synonyms: "tv, television\n")
        let searcher = try index.searcher.reopened()
        let tv = try Self.ids("tv", searcher)
        #expect(Set(tv) == ["tv1", "tv2", "tv3", "television"])
        #expect(tv.last == "television", "\(tv)")
        let television = try Self.ids("television", searcher)
        #expect(television.first == "television" && Set(television) == Set(tv))
        // Without the file's rules, only the word itself.
        #expect(Set(try Self.ids("tv", index.searcher)) == ["tv1", "tv2", "tv3"])
    }

    @Test func oneWayRulesExpandOnlyTheirWordsAndSeveralWordsAreAPhrase() throws {
        let index = try Self.index([
            Document(id: "ofsted", title: "", body: "ofsted visited the school"),
            Document(id: "long", title: "", body: "the office for standards in education visited"),
            Document(id: "scattered", title: "", body: "education office standards for visits"),
            Document(id: "color", title: "", body: "color printing"),
            Document(id: "colour", title: "", body: "colour printing"),
        ], synonyms: "ofsted => ofsted, office for standards in education\ncolour => color\n")
        let searcher = try index.searcher.reopened()
        let ofsted = try Self.ids("ofsted", searcher)
        #expect(ofsted == ["ofsted", "long"], "the phrase, not its words anywhere; the user's word first")
        #expect(Set(try Self.ids("education", searcher)) == ["long", "scattered"], "one way")
        #expect(try Self.ids("colour", searcher) == ["color"], "the word itself is not on the right: replaced")
        #expect(try Self.ids("color", searcher) == ["color"])
        let explained = try searcher.search("ofsted", options: SearchOptions(explain: true))
        #expect(explained.notes.contains("ofsted is searched with its synonyms office for standards in education"), "\(explained.notes)")
        #expect(try searcher.search("ofsted").notes.isEmpty, "the note comes with --explain")
    }

    @Test func rulesAreAnalyzedAsQueriesAndPhrasesMatchRules() throws {
        let index = try Self.index([
            Document(id: "pothole", title: "", body: "Report the potholes on your street"),
            Document(id: "defects", title: "", body: "Road defects are repaired within a week"),
            Document(id: "telly", title: "", body: "Televisions in every room"),
        ], synonyms: "TV, television\nroad defects, potholes\n", settings: AnalysisSettings(language: .english))
        let searcher = try index.searcher.reopened()
        #expect(try Self.ids("TV", searcher) == ["telly"], "TV and televisions analyze to the rule's terms")
        #expect(Set(try Self.ids("pothole", searcher)) == ["pothole", "defects"])
        #expect(Set(try Self.ids("\"road defects\"", searcher)) == ["pothole", "defects"])
        #expect(try Self.ids("\"road repairs\"", searcher).isEmpty)
    }

    @Test func theFileIsReadAtOpenAndOnReopenAndKeptByWriters() async throws {
        let directory = TemporaryDirectory()
        let url = URL(fileURLWithPath: directory.path + "/index")
        let index = try Index.create(at: url)
        let writer = try index.writer()
        try await writer.add(Document(id: "a", title: "", body: "tv"))
        try await writer.add(Document(id: "b", title: "", body: "television"))
        _ = try await writer.commit()
        let before = try index.searcher()
        #expect(before.synonyms == .none)
        let file = url.path + "/" + SynonymRules.fileName
        try "tv, television\nbroken =>\n".write(toFile: file, atomically: true, encoding: .utf8)
        let after = try before.reopened()
        #expect(after !== before && after.generation == before.generation)
        #expect(after.synonyms.problems.map(\.line) == [2])
        #expect(Set(try Self.ids("tv", after)) == ["a", "b"])
        #expect(try after.reopened() === after, "nothing changed")
        try await writer.add(Document(id: "c", title: "", body: "telly"))
        _ = try await writer.commit()
        #expect(FileManager.default.fileExists(atPath: file), "a commit's clean-up leaves it")
        #expect(try index.verify().unreferencedFiles == [])
        #expect(Set(try Self.ids("television", try Index.open(at: url).searcher())) == ["a", "b"])
    }
}
