import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// The default ranking checked against BM25F written out plainly from its formula, sharing no
/// code with the engine's scorers, statistics or pruning: for random corpora (several segments,
/// deletes) and queries, the engine's top k must be a top k of the reference, with the same
/// scores (to rounding: the engine multiplies by tabulated reciprocals).
///
///     score(d) = Σ_t boost_t · idf_t · x / (x + k1),   x = Σ_f w_f · tf(t, f, d) / (1 − b + b · len(f, d) / avg_f)
///     idf_t = ln(1 + (N − df_t + 0.5) / (df_t + 0.5))
///
/// N counts every document, deleted ones too (until a merge), df_t the documents with t in the
/// title or the body, avg_f the mean length of field f over the documents that have it.
@Suite struct ReferenceBM25FTests {
    private struct Reference {
        let titles: [[String]]
        let bodies: [[String]]
        let live: [Bool]
        let averageTitle: Double
        let averageBody: Double
        let documentFrequency: [String: Int]

        init(titles: [[String]], bodies: [[String]], live: [Bool]) {
            self.titles = titles
            self.bodies = bodies
            self.live = live
            let withTitle = titles.filter { !$0.isEmpty }
            let withBody = bodies.filter { !$0.isEmpty }
            averageTitle = withTitle.isEmpty ? 1 : Double(withTitle.map(\.count).reduce(0, +)) / Double(withTitle.count)
            averageBody = withBody.isEmpty ? 1 : Double(withBody.map(\.count).reduce(0, +)) / Double(withBody.count)
            var frequency: [String: Int] = [:]
            for doc in titles.indices {
                for term in Set(titles[doc] + bodies[doc]) { frequency[term, default: 0] += 1 }
            }
            documentFrequency = frequency
        }

        func score(_ doc: Int, _ query: [(term: String, boost: Double)], _ ranking: Ranking) -> Double {
            let n = Double(titles.count)
            var total = 0.0
            for (term, boost) in query {
                let df = Double(documentFrequency[term] ?? 0)
                guard df > 0 else { continue }
                let idf = log(1 + (n - df + 0.5) / (df + 0.5))
                let titleFrequency = Double(titles[doc].filter { $0 == term }.count)
                let bodyFrequency = Double(bodies[doc].filter { $0 == term }.count)
                // The ranking's weights, else the default schema's (3 and 1).
                let titleWeight = ranking.titleWeight ?? 3
                let bodyWeight = ranking.bodyWeight ?? 1
                let x = titleWeight * titleFrequency / (1 - ranking.b + ranking.b * Double(titles[doc].count) / averageTitle)
                    + bodyWeight * bodyFrequency / (1 - ranking.b + ranking.b * Double(bodies[doc].count) / averageBody)
                if x > 0 { total += boost * idf * x / (x + ranking.k1) }
            }
            return total
        }
    }

    private static let words: [String] = (0..<50).map { "w\($0)" }

    @Test func defaultRankingMatchesThePlainFormula() throws {
        var generator = SeededGenerator(seed: 20261201)
        for round in 0..<4 {
            var titles: [[String]] = []
            var bodies: [[String]] = []
            var batches: [[Document]] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                var batch: [Document] = []
                for _ in 0..<Int.random(in: 50...400, using: &generator) {
                    let titleLength = Int.random(in: 0...5, using: &generator)
                    let title = generator.skewedWords(titleLength, from: Self.words)
                    let bodyLength = Int.random(in: 0...150, using: &generator)
                    let body = generator.skewedWords(bodyLength, from: Self.words)
                    batch.append(Document(id: "d\(titles.count)", title: title.joined(separator: " "), body: body.joined(separator: " ")))
                    titles.append(title)
                    bodies.append(body)
                }
                batches.append(batch)
            }
            let deleted = Set((0..<15).map { _ in Int.random(in: 0..<titles.count, using: &generator) })
            let reference = Reference(titles: titles, bodies: bodies, live: titles.indices.map { !deleted.contains($0) })
            let index = try TestIndex(batches, deleted: deleted.map { "d\($0)" })
            let ranking = Ranking(k1: Double.random(in: 0.3...2, using: &generator), b: Double.random(in: 0...1, using: &generator),
                                  titleWeight: Double.random(in: 0...4, using: &generator), bodyWeight: 1, model: .bm25f)
            for _ in 0..<40 {
                var terms: [String] = []
                while terms.count < Int.random(in: 1...6, using: &generator) {
                    let term = Int.random(in: 0..<8, using: &generator) == 0 ? "absent" : Self.words.randomElement(using: &generator)!
                    if !terms.contains(term) { terms.append(term) }
                }
                let query = terms.map { (term: $0, boost: Int.random(in: 0..<4, using: &generator) == 0 ? 2.5 : 1.0) }
                let k = [1, 5, 10, 40].randomElement(using: &generator)!
                let results = try index.searcher.search(.or(query.map { .term($0.term, boost: $0.boost) }),
                                                        options: SearchOptions(k: k, ranking: ranking))
                var expected: [(doc: Int, score: Double)] = []
                for doc in reference.live.indices where reference.live[doc] {
                    let score = reference.score(doc, query, ranking)
                    if score > 0 { expected.append((doc, score)) }
                }
                expected.sort { $0.score > $1.score || ($0.score == $1.score && $0.doc < $1.doc) }
                let context = "round \(round), query \(terms), k \(k)"
                #expect(results.hits.count == min(k, expected.count), "\(context)")
                for (rank, hit) in results.hits.enumerated() where rank < expected.count {
                    let doc = try #require(Int(String(hit.id.dropFirst())))
                    let own = reference.score(doc, query, ranking)
                    #expect(abs(own - hit.score) <= 1e-9 * max(1, own), "\(context): \(hit.id) scored \(hit.score), formula \(own)")
                    #expect(abs(expected[rank].score - own) <= 1e-9 * max(1, own),
                            "\(context): rank \(rank + 1) is \(hit.id) (\(own)); the formula ranks \(expected[rank].doc) there (\(expected[rank].score))")
                }
            }
        }
    }
}
