import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Exact phrases against a brute-force count over the documents' words: the same documents, each
/// with the phrase's frequency, for phrases of two to four words (repeated words included), on
/// seeded random corpora whose documents are long enough to span many runs of positions.
@Suite struct PhrasePropertyTests {
    private static let words = ["w0", "w1", "w2", "w3", "w4", "w5"]

    /// Phrase occurrences in `words`: the starts where every word of `phrase` follows in order.
    private func occurrences(of phrase: [String], in words: [String]) -> Int {
        guard words.count >= phrase.count else { return 0 }
        return (0...(words.count - phrase.count)).filter { start in
            phrase.indices.allSatisfy { words[start + $0] == phrase[$0] }
        }.count
    }

    /// The phrase frequency an explanation reports, found anywhere in its tree.
    private func frequency(in explanation: Explanation) -> Double? {
        if explanation.description.hasPrefix("phrase frequency") { return explanation.value }
        return explanation.details.lazy.compactMap { frequency(in: $0) }.first
    }

    @Test func exactPhrasesMatchABruteForceCount() throws {
        var generator = SeededGenerator(seed: 77)
        let bodies = (0..<400).map { _ in
            (0..<Int.random(in: 1...300, using: &generator)).map { _ in Self.words.randomElement(using: &generator)! }
        }
        let documents = bodies.enumerated().map { Document(id: "d\($0.offset)", body: $0.element.joined(separator: " ")) }
        let index = try TestIndex([Array(documents[0..<250]), Array(documents[250...])])
        for _ in 0..<60 {
            let phrase = (0..<Int.random(in: 2...4, using: &generator)).map { _ in Self.words.randomElement(using: &generator)! }
            let expected = Dictionary(uniqueKeysWithValues: bodies.enumerated().compactMap { d, words -> (String, Int)? in
                let count = occurrences(of: phrase, in: words)
                return count > 0 ? ("d\(d)", count) : nil
            })
            let query = "body:\"\(phrase.joined(separator: " "))\""
            let results = try index.searcher.search(query, options: SearchOptions(k: documents.count, explain: true))
            #expect(results.total == expected.count, "\(query)")
            #expect(Set(results.hits.map(\.id)) == Set(expected.keys), "\(query)")
            for hit in results.hits {
                let counted = hit.explanation.flatMap { frequency(in: $0) }
                #expect(counted == expected[hit.id].map(Double.init), "\(query) in \(hit.id)")
            }
        }
    }
}
