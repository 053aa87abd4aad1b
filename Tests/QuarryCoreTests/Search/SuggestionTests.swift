import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Spelling suggestions ("did you mean"): the word no document holds is replaced by the closest
/// word the index has, checked against a plain model of the rule over the documents' words
/// (`referenceEditDistance`), and the surface form comes from the documents' text.
@Suite struct SuggestionTests {
    private static let vocabulary = ["inspector", "inspectors", "inspection", "supervision", "supervisor", "social",
                                     "services", "service", "servants", "report", "reports", "ofsted", "family", "familiar",
                                     "children", "child", "care", "cares", "carer", "council", "counsel", "wolverhampton"]

    private static func suggest(_ query: String, in index: TestIndex) throws -> String? {
        try index.searcher.search(query, options: SearchOptions(k: 10, suggest: true)).suggestion
    }

    @Test(arguments: [1, 2, 3]) func aMisspelledWordBecomesTheClosestThenMostFrequentWordWithItsFirstLetter(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var documents: [[Document]] = [[Document(id: "o", title: "", body: "ofsted")], []]
        var frequency = ["ofsted": 1]
        for n in 0..<50 {
            let words = Set((0..<Int.random(in: 1...5, using: &generator)).map { _ in Self.vocabulary.randomElement(using: &generator)! })
            for word in words { frequency[word, default: 0] += 1 }
            documents[n % 2].append(Document(id: "d\(n)", title: "", body: words.sorted().joined(separator: " ")))
        }
        // Two segments, no stemming: each word is its own term and surface form.
        let index = try TestIndex(documents)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for _ in 0..<60 {
            var typed = Array(Self.vocabulary.randomElement(using: &generator)!)
            // One or two random edits after the first letter.
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let at = Int.random(in: 1..<typed.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: typed[at] = letters.randomElement(using: &generator)!
                case 1: typed.insert(letters.randomElement(using: &generator)!, at: at)
                default: if typed.count > 2 { typed.remove(at: at) }
                }
            }
            let word = String(typed)
            guard frequency[word] == nil else { continue }
            let distance = word.count >= 8 ? 2 : word.count >= 4 ? 1 : 0
            let candidates = frequency.keys.filter { $0.first == word.first && distance > 0 && referenceEditDistance(word, $0) <= distance }
            let expected = candidates.min {
                (referenceEditDistance(word, $0), -frequency[$0]!, $0) < (referenceEditDistance(word, $1), -frequency[$1]!, $1)
            }
            #expect(try Self.suggest("ofsted \(word)", in: index) == expected.map { "ofsted \($0)" }, "\(word)")
        }
    }

    @Test func theSuggestionWritesTheWordAsTheDocumentsDo() throws {
        let index = try TestIndex([
            Document(id: "a", title: "Inspectors praise care", body: "The inspectors visited the children's homes."),
            Document(id: "b", title: "Council report", body: "Wolverhampton council published its report."),
            Document(id: "c", title: "Fees", body: "The council charged parents for the service."),
        ], settings: AnalysisSettings(language: .english))
        // Stems exaggerate the typo (chrage against charg): the written words are compared.
        #expect(try Self.suggest("chraged", in: index) == "charged")
        // The stem (inspector) is one edit from the misspelling's; the documents write it inspectors.
        #expect(try Self.suggest("ofsted inspecotrs", in: index) == "ofsted inspectors")
        #expect(try Self.suggest("Wolverhamton", in: index) == "Wolverhampton")
        // Stop words, which ranked terms leave out, are neither unknown nor corrected.
        #expect(try Self.suggest("the inspecotrs of the", in: index) == "the inspectors of the")
        #expect(try Self.suggest("the of", in: index) == nil)
        #expect(try Self.suggest("title:inspecotrs AND care", in: index) == "title:inspectors AND care")
    }

    @Test func onlyRankedWordsNoDocumentHoldsAreCorrected() throws {
        let index = try TestIndex([
            Document(id: "a", title: "", body: "inspector visits care homes"),
            Document(id: "b", title: "", body: "supervision of social workers"),
        ])
        #expect(try Self.suggest("inspector care", in: index) == nil, "every word is in the index")
        #expect(try index.searcher.search("inspecotr", options: SearchOptions()).suggestion == nil, "not asked for")
        #expect(try Self.suggest("\"inspecotr visits\"", in: index) == nil, "phrases are taken as written")
        #expect(try Self.suggest("inspecotr*", in: index) == nil, "prefixes are taken as written")
        #expect(try Self.suggest("cre", in: index) == nil, "under 4 letters")
        #expect(try Self.suggest("nspector", in: index) == nil, "the first letter is kept")
        #expect(try Self.suggest("inspecotr", in: index) == "inspector")
        #expect(try Self.suggest("supervisoin zzzzzz", in: index) == "supervision zzzzzz", "a word with no neighbour stays")
    }

    @Test func aWordTheIndexHasIsLeftAloneHoweverRare() throws {
        let index = try TestIndex([Document(id: "typo", title: "", body: "jpanese markets")] +
                                  (0..<40).map { Document(id: "j\($0)", title: "", body: "japanese markets") })
        #expect(try Self.suggest("jpanese", in: index) == nil)
        // The closest written word wins, then the most frequent: one edit beats two.
        #expect(try Self.suggest("jpanesee", in: index) == "jpanese")
        #expect(try Self.suggest("japanesee", in: index) == "japanese")
    }

    @Test func aSuggestionThatMatchesNothingIsNotMade() throws {
        // The only document with the word is deleted: the dictionary still has it.
        let index = try TestIndex([[Document(id: "gone", title: "", body: "inspector"), Document(id: "kept", title: "", body: "care")]],
                                  deleted: ["gone"])
        #expect(try Self.suggest("inspecotr", in: index) == nil)
        // Narrowed by a filter the corrected words do not meet, no suggestion either.
        let filtered = try index.searcher.search("careo", options: SearchOptions(suggest: true))
        #expect(try index.searcher.suggestion(for: "careo", after: filtered) == "care")
        #expect(try index.searcher.suggestion(for: "careo", after: filtered, narrowedBy: .term("inspector")) == nil)
    }

    @Test func wordsAreReplacedWholeIgnoringCase() {
        #expect(QueryText.replacingWord("chraged", with: "charged", in: "title:Chraged AND chragedx -chraged") ==
                "title:charged AND chragedx -charged")
        #expect(QueryText.replacingWord("über", with: "uber", in: "Über_x über") == "Über_x uber")
        #expect(QueryText.replacingWord("", with: "x", in: "text") == "text")
    }
}
