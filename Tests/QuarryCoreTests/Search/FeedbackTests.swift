import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Pseudo-relevance feedback (`SearchOptions.feedback`, RM3): the expanded query checked
/// against the rule written out plainly (feedback weights from the documents' own words and the
/// first search's scores), and its scores against the sum of single-term searches.
@Suite struct FeedbackTests {
    private static let words = (0..<200).map { "w\($0)" }

    @Test(arguments: [1, 2, 3]) func theExpandedQueryIsRM3OverTheFirstHits(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var bodies: [String: [String]] = [:]
        var documents: [[Document]] = [[], []]
        for n in 0..<120 {
            // Skewed: low-numbered words are common, high-numbered ones rare.
            let body = (0..<Int.random(in: 5...40, using: &generator)).map { _ in
                Self.words[min(Self.words.count - 1, Int(Double.random(in: 0..<1, using: &generator) * Double.random(in: 0..<1, using: &generator) * 200))]
            }
            bodies["d\(n)"] = body
            documents[n % 2].append(Document(id: "d\(n)", title: "", body: body.joined(separator: " ")))
        }
        let index = try TestIndex(documents)
        var documentFrequency: [String: Int] = [:]
        for body in bodies.values { for word in Set(body) { documentFrequency[word, default: 0] += 1 } }
        let feedback = RelevanceFeedback(documents: 5, terms: 6, originalWeight: 0.4)
        for query in ["w3 w40", "w10", "w1 w2 w77"] {
            let first = try index.searcher.search(query, options: SearchOptions(k: feedback.documents))
            var weights: [String: Double] = [:]
            for hit in first.hits {
                let body = bodies[hit.id]!
                for word in body { weights[word, default: 0] += hit.score / Double(body.count) }
            }
            let ranked = weights.filter { Double(documentFrequency[$0.key]!) <= 0.1 * Double(bodies.count) }
                .sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(feedback.terms)
            let total = ranked.reduce(0) { $0 + $1.value }
            let queryWords = query.split(separator: " ").map(String.init)
            var expected: [String: Double] = [:]
            for word in queryWords { expected[word, default: 0] += feedback.originalWeight / Double(queryWords.count) }
            for (word, weight) in ranked { expected[word, default: 0] += (1 - feedback.originalWeight) * weight / total }

            let results = try index.searcher.search(query, options: SearchOptions(k: 200, feedback: feedback))
            #expect(results.terms == Set(expected.keys), "\(query)")
            // Each hit's score is the weighted sum of its single-term scores; every document with
            // one of the terms is a hit.
            var reference: [String: Double] = [:]
            for (word, weight) in expected {
                for hit in try index.searcher.search(word, options: SearchOptions(k: 200)).hits {
                    reference[hit.id, default: 0] += weight * hit.score
                }
            }
            #expect(Set(results.hits.map(\.id)) == Set(reference.keys), "\(query)")
            for hit in results.hits {
                let score = reference[hit.id] ?? .nan
                #expect(abs(hit.score - score) <= 1e-9 * max(1, score), "\(query) \(hit.id): \(hit.score) vs \(score)")
            }
        }
    }

    @Test func filtersAndExclusionsStayAndOtherQueriesRunAsWritten() throws {
        let index = try TestIndex([
            Document(id: "a", title: "", body: "ofsted inspection of children's services supervision"),
            Document(id: "b", title: "", body: "ofsted inspection supervision caseloads social workers"),
            Document(id: "c", title: "", body: "caseloads social workers supervision overtime"),
            Document(id: "d", title: "", body: "caseloads social workers overtime strike"),
        ] + (0..<40).map { Document(id: "f\($0)", title: "", body: "filler text number \($0)") })
        let feedback = RelevanceFeedback(documents: 2, terms: 4, originalWeight: 0.5)
        // "ofsted" alone finds a and b; their words bring in c and d.
        let plain = try index.searcher.search("ofsted", options: SearchOptions(k: 10))
        #expect(Set(plain.hits.map(\.id)) == ["a", "b"])
        let expanded = try index.searcher.search("ofsted", options: SearchOptions(k: 10, feedback: feedback))
        #expect(Set(expanded.hits.map(\.id)).isSuperset(of: ["a", "b", "c"]))
        #expect(expanded.hits.prefix(2).map(\.id).sorted() == ["a", "b"])
        // An exclusion holds in the second search too.
        let excluding = try index.searcher.search("ofsted -strike", options: SearchOptions(k: 10, feedback: feedback))
        #expect(!excluding.hits.contains { $0.id == "d" } && excluding.hits.contains { $0.id == "c" })
        // A phrase runs as written, with a note.
        let phrase = try index.searcher.search("\"ofsted inspection\"", options: SearchOptions(k: 10, feedback: feedback))
        #expect(phrase.hits.map(\.id) == (try index.searcher.search("\"ofsted inspection\"")).hits.map(\.id))
        #expect(phrase.notes.contains { $0.contains("feedback") })
        // Nothing found: nothing to learn from, and no error.
        #expect(try index.searcher.search("nosuchword", options: SearchOptions(feedback: feedback)).hits.isEmpty)
        #expect(SearchOptions(feedback: RelevanceFeedback(documents: 0, terms: 5, originalWeight: 0.5)).problem != nil)
        #expect(SearchOptions(feedback: RelevanceFeedback(documents: 5, terms: 5, originalWeight: 1.5)).problem != nil)
    }
}
