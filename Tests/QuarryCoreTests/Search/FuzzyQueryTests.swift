import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Fuzzy terms (`word~1`, `word~2`) end to end: parsed, expanded over the dictionary of every
/// segment, matched and ranked; checked against the documents' own words and
/// `referenceEditDistance`.
@Suite struct FuzzyQueryTests {
    private static let words = ["tide", "tides", "tidy", "ride", "side", "slide", "tied", "title", "tilde", "idea", "aside",
                                "inspector", "inspectors", "inspectro", "supervision", "supervisor", "ofsted", "ofstd"]

    @Test(arguments: [1, 2, 3]) func matchesTheDocumentsWithATermWithinTheDistance(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var documents: [[Document]] = [[], []]
        var words: [String: Set<String>] = [:]
        for n in 0..<60 {
            let body = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Self.words.randomElement(using: &generator)! }
            documents[n % 2].append(Document(id: "d\(n)", title: "", body: body.joined(separator: " ")))
            words["d\(n)"] = Set(body)
        }
        // Two segments, so expansions are gathered across dictionaries; no stemming.
        let index = try TestIndex(documents)
        for _ in 0..<40 {
            let word = Self.words.randomElement(using: &generator)!
            let distance = Int.random(in: 1...2, using: &generator)
            let expected = Set(words.filter { $0.value.contains { referenceEditDistance(word, $0) <= distance } }.keys)
            let found = try index.searcher.search("\(word)~\(distance)", options: SearchOptions(k: 100))
            #expect(Set(found.hits.map(\.id)) == expected, "\(word)~\(distance)")
            #expect(found.total == expected.count)
        }
    }

    @Test func exactMatchesRankAboveFuzzyOnes() throws {
        let index = try TestIndex([
            Document(id: "typo", title: "", body: "inspectro report"),
            Document(id: "exact", title: "", body: "inspector report"),
            Document(id: "far", title: "", body: "inspectors report"),
        ])
        // inspectro is a transposition away, inspectors an insertion.
        let ranked = try index.ids("inspector~1")
        #expect(ranked.first == "exact" && Set(ranked) == ["exact", "typo", "far"], "\(ranked)")
        // A misspelled query finds the word.
        #expect(try index.ids("inspecotr~1") == ["exact"])
        #expect(try index.ids("inspecotr").isEmpty)
    }

    @Test func theSyntaxTakesDistancesOfOneAndTwoOnWords() throws {
        let parser = QueryParser()
        #expect(try parser.parse("ofstd~1") == .fuzzy("ofstd", distance: 1))
        #expect(try parser.parse("body:ofstd~2^3") == .fuzzy("ofstd", field: "body", distance: 2, boost: 3))
        #expect(try parser.parse("ofsted~0") == .term("ofsted"))
        #expect(try parser.parse("\"help service\"~2") == .phrase("help service", slop: 2))
        #expect(throws: QuerySyntaxError.self) { try parser.parse("ofsted~3") }
        #expect(Query.fuzzy("ofstd", distance: 1).description == "ofstd~1")
    }

    @Test func autoTypoToleranceFollowsTheLengthRulesKeepsTheFirstLetterAndTakesKnownWordsAsTyped() throws {
        let index = try TestIndex([
            Document(id: "supervision", title: "", body: "supervision of social workers"),
            Document(id: "inspection", title: "", body: "inspection report"),
            Document(id: "care", title: "", body: "care homes"),
            Document(id: "typo", title: "", body: "supervison of social workers"),
        ])
        func auto(_ query: String) throws -> [String] {
            try index.searcher.search(query, options: SearchOptions(k: 10, typos: .auto)).hits.map(\.id)
        }
        // Two edits from 9 letters, one from 5, none under 5.
        #expect(Set(try auto("supervisoin")) == ["supervision", "typo"])
        #expect(Set(try auto("sepervsion")) == ["supervision", "typo"])
        #expect(try auto("sepervsoin").isEmpty, "3 edits")
        #expect(try auto("inspecton") == ["inspection"])
        #expect(try auto("inspcton").isEmpty, "2 edits in 8 letters")
        #expect(try auto("cars").isEmpty)
        // The first letter is kept; quotes and prefixes are never fuzzed.
        #expect(try auto("nspection").isEmpty)
        #expect(try auto("\"inspecton\"").isEmpty)
        #expect(try auto("inspecton*").isEmpty)
        // A word the index has is taken as typed (even a misspelling some document has).
        #expect(try auto("supervision") == ["supervision"])
        #expect(try auto("supervison") == ["typo"])
        // Off, nothing is fuzzy but word~N.
        #expect(try index.ids("inspecton").isEmpty)
        #expect(try index.ids("nspection~1") == ["inspection"])
    }
}
