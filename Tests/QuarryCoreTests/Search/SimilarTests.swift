import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// `Searcher.similar(to:options:)` (MoreLikeThis): the terms it picks, checked against a plain
/// model of the rule (frequencies counted from the documents' words, BM25's idf written out),
/// and the hits: never the document itself or its exact duplicates.
@Suite struct SimilarTests {
    private static let words = (0..<40).map { "w\($0)" }

    @Test(arguments: [1, 2, 3]) func theQueryIsTheDocumentsTermsOfHighestTfIdf(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var bodies: [String: [String]] = [:]
        var documents: [[Document]] = [[], []]
        for n in 0..<80 {
            // Skewed: low-numbered words are common.
            let body = (0..<Int.random(in: 5...60, using: &generator)).map { _ in
                Self.words[min(Self.words.count - 1, Int(Double.random(in: 0..<1, using: &generator) * Double.random(in: 0..<1, using: &generator) * 40))]
            }
            bodies["d\(n)"] = body
            documents[n % 2].append(Document(id: "d\(n)", title: "", body: body.joined(separator: " ")))
        }
        let index = try TestIndex(documents)
        let count = Double(bodies.count)
        var documentFrequency: [String: Int] = [:]
        for body in bodies.values { for word in Set(body) { documentFrequency[word, default: 0] += 1 } }
        for n in stride(from: 0, to: 80, by: 7) {
            let id = "d\(n)"
            var frequency: [String: Int] = [:]
            for word in bodies[id]! { frequency[word, default: 0] += 1 }
            let scored = frequency.compactMap { word, tf -> (String, Double)? in
                let df = Double(documentFrequency[word]!)
                guard tf >= 2, df >= 5 else { return nil }
                return (word, Double(tf) * log(1 + (count - df + 0.5) / (df + 0.5)))
            }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            let expected = Set(scored.prefix(25).map(\.0))
            let results = try index.searcher.similar(to: id, options: SearchOptions(k: 100))
            #expect(results.terms == expected, "\(id)")
            #expect(!results.hits.contains { $0.id == id })
            // Every hit shares a term of the query; every document sharing one is a hit.
            let sharing = Set(bodies.filter { $0.key != id && !expected.isDisjoint(with: $0.value) }.keys)
            #expect(Set(results.hits.map(\.id)) == sharing, "\(id)")
            #expect(results.hits.map(\.score) == results.hits.map(\.score).sorted(by: >))
        }
    }

    @Test func itselfAndItsExactDuplicatesAreLeftOutAndNearOnesRankFirst() throws {
        let text = "council budget cuts library hours council budget library closures budget"
        let index = try TestIndex([[
            Document(id: "source", title: "Library cuts", body: text),
            Document(id: "copy", title: "Library cuts", body: text),
            Document(id: "near", title: "Library cuts planned", body: text),
        ], [
            Document(id: "other", title: "Budget", body: "the council budget for roads and library buildings"),
            Document(id: "gone", title: "Library cuts", body: text + " extra"),
            Document(id: "unrelated", title: "Football", body: "the match ended in a draw after extra time"),
        ] + (0..<6).map { Document(id: "filler\($0)", title: "", body: "council budget library hours closures cuts") }],
                                  deleted: ["gone"])
        let ids = try index.searcher.similar(to: "source", options: SearchOptions(k: 20)).hits.map(\.id)
        #expect(ids.first == "near", "\(ids)")
        #expect(!ids.contains("source") && !ids.contains("copy") && !ids.contains("gone") && !ids.contains("unrelated"))
        #expect(ids.contains("other"))
        // Paging takes the same list.
        let second = try index.searcher.similar(to: "source", options: SearchOptions(k: 2, offset: 1)).hits.map(\.id)
        #expect(second == Array(ids.dropFirst().prefix(2)))
        #expect(throws: SearchError.self) { try index.searcher.similar(to: "gone") }
        #expect(throws: SearchError.self) { try index.searcher.similar(to: "nosuch") }
    }
}
