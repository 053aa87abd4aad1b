import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// BM25F over a schema's text fields beyond title and body, checked against the formula written
/// out plainly (sharing no code with the engine's scorers or statistics): random corpora with a
/// `summary` and a `notes` text field of random weights (`notes` sometimes 0, so searched only
/// when named), several segments and deletes.
///
///     score(d) = Σ_t boost_t · idf_t · x / (x + k1),   x = Σ_f w_f · tf(t, f, d) / (1 − b + b · len(f, d) / avg_f)
///     idf_t = ln(1 + (N − df_t + 0.5) / (df_t + 0.5)),  df_t = max(|title ∪ body|, |summary|, |notes|)
///
/// over the fields of weight above 0; a query naming one field is BM25 of that field alone, with
/// N the documents that have the field and its weight (1 where the schema's is 0) in `x`.
@Suite struct ReferenceMultiFieldBM25FTests {
    private static let names = ["title", "body", "summary", "notes"]
    private static let words: [String] = (0..<40).map { "w\($0)" }

    /// The corpus as plain word lists: `fields[f][doc]`.
    private struct Reference {
        let fields: [[[String]]]
        let weights: [Double]
        let live: [Bool]
        /// Per field: the mean length over the documents that have it, and how many have it.
        let averages: [Double]
        let present: [Int]
        /// Per field: each term's documents.
        let holders: [[String: Set<Int>]]

        init(fields: [[[String]]], weights: [Double], live: [Bool]) {
            self.fields = fields
            self.weights = weights
            self.live = live
            var averages: [Double] = []
            var present: [Int] = []
            var holders: [[String: Set<Int>]] = []
            for field in fields {
                let nonEmpty = field.filter { !$0.isEmpty }
                averages.append(nonEmpty.isEmpty ? 1 : Double(nonEmpty.map(\.count).reduce(0, +)) / Double(nonEmpty.count))
                present.append(nonEmpty.count)
                var byTerm: [String: Set<Int>] = [:]
                for (doc, words) in field.enumerated() {
                    for word in words { byTerm[word, default: []].insert(doc) }
                }
                holders.append(byTerm)
            }
            self.averages = averages
            self.present = present
            self.holders = holders
        }

        /// The documents with `term` in one of `searched`, by the rule above.
        func documentFrequency(_ term: String, _ searched: [Int]) -> Int {
            var union = Set<Int>()
            for f in searched where f < 2 || searched.count == 1 { union.formUnion(holders[f][term] ?? []) }
            var df = union.count
            if searched.count > 1 {
                for f in searched where f >= 2 { df = max(df, holders[f][term]?.count ?? 0) }
            }
            return df
        }

        /// The score of `doc` for `query` over `searched` fields (all default ones, or one named).
        func score(_ doc: Int, _ query: [(term: String, boost: Double)], _ searched: [Int], k1: Double, b: Double) -> Double {
            let alone = searched.count == 1
            let n = Double(alone ? present[searched[0]] : fields[0].count)
            var total = 0.0
            for (term, boost) in query {
                let df = Double(documentFrequency(term, searched))
                guard df > 0 else { continue }
                let idf = log(1 + (n - df + 0.5) / (df + 0.5))
                var x = 0.0
                for f in searched {
                    let frequency = Double(fields[f][doc].filter { $0 == term }.count)
                    let weight = alone && weights[f] == 0 ? 1 : weights[f]
                    x += weight * frequency / (1 - b + b * Double(fields[f][doc].count) / averages[f])
                }
                if x > 0 { total += boost * idf * x / (x + k1) }
            }
            return total
        }

        /// Whether `doc` has one of the query's terms in one of `searched`.
        func matches(_ doc: Int, _ query: [(term: String, boost: Double)], _ searched: [Int]) -> Bool {
            query.contains { term in searched.contains { holders[$0][term.term]?.contains(doc) == true } }
        }
    }

    @Test func extraTextFieldsRankByThePlainFormula() throws {
        var generator = SeededGenerator(seed: 20261202)
        for round in 0..<4 {
            let weights = [Double.random(in: 0.5...4, using: &generator), 1, Double.random(in: 0.2...3, using: &generator),
                           round % 2 == 0 ? 0 : Double.random(in: 0.2...2, using: &generator)]
            let schema = try Schema(fields: (0..<4).map { FieldDefinition(name: Self.names[$0], type: .text, weight: weights[$0]) })
            let lengths = [0...5, 0...60, 0...15, 0...8]
            var fields: [[[String]]] = Array(repeating: [], count: 4)
            var batches: [[Document]] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                var batch: [Document] = []
                for _ in 0..<Int.random(in: 40...250, using: &generator) {
                    let text = lengths.map { range in
                        let length = Int.random(in: range, using: &generator)
                        return generator.skewedWords(length, from: Self.words)
                    }
                    let id = "d\(fields[0].count)"
                    for f in 0..<4 { fields[f].append(text[f]) }
                    batch.append(Document(id: id, title: text[0].joined(separator: " "), body: text[1].joined(separator: " "),
                                          fields: [DocumentField("summary", text[2].joined(separator: " ")),
                                                   DocumentField("notes", text[3].joined(separator: " "))]))
                }
                batches.append(batch)
            }
            let deleted = Set((0..<10).map { _ in Int.random(in: 0..<fields[0].count, using: &generator) })
            let reference = Reference(fields: fields, weights: weights, live: fields[0].indices.map { !deleted.contains($0) })
            let index = try TestIndex(batches, deleted: deleted.map { "d\($0)" }, schema: schema)
            let k1 = Double.random(in: 0.3...2, using: &generator)
            let b = Double.random(in: 0...1, using: &generator)
            let ranking = Ranking(k1: k1, b: b, model: .bm25f)
            let defaults = (0..<4).filter { weights[$0] > 0 }
            for q in 0..<40 {
                var terms: [String] = []
                while terms.count < Int.random(in: 1...5, using: &generator) {
                    let term = Int.random(in: 0..<8, using: &generator) == 0 ? "absent" : Self.words.randomElement(using: &generator)!
                    if !terms.contains(term) { terms.append(term) }
                }
                let query = terms.map { (term: $0, boost: Int.random(in: 0..<4, using: &generator) == 0 ? 2.5 : 1.0) }
                // Every fifth query names one field.
                let named = q % 5 == 4 ? Int.random(in: 0..<4, using: &generator) : nil
                let searched = named.map { [$0] } ?? defaults
                let k = [1, 5, 10, 40].randomElement(using: &generator)!
                let clauses = query.map { Query.term($0.term, field: named.map { Self.names[$0] }, boost: $0.boost) }
                for pruning in [true, false] {
                    let results = try index.searcher.search(.or(clauses), options: SearchOptions(k: k, ranking: ranking, pruning: pruning))
                    var expected: [(doc: Int, score: Double)] = []
                    for doc in reference.live.indices where reference.live[doc] && reference.matches(doc, query, searched) {
                        expected.append((doc, reference.score(doc, query, searched, k1: k1, b: b)))
                    }
                    expected.sort { $0.score > $1.score || ($0.score == $1.score && $0.doc < $1.doc) }
                    let context = "round \(round), weights \(weights), query \(terms) in \(searched), k \(k), pruning \(pruning)"
                    #expect(results.hits.count == min(k, expected.count), "\(context)")
                    for (rank, hit) in results.hits.enumerated() where rank < expected.count {
                        let doc = try #require(Int(String(hit.id.dropFirst())))
                        #expect(reference.matches(doc, query, searched), "\(context): \(hit.id) matches none of the terms")
                        let own = reference.score(doc, query, searched, k1: k1, b: b)
                        #expect(abs(own - hit.score) <= 1e-9 * max(1, own), "\(context): \(hit.id) scored \(hit.score), formula \(own)")
                        #expect(abs(expected[rank].score - own) <= 1e-9 * max(1, own),
                                "\(context): rank \(rank + 1) is \(hit.id) (\(own)); the formula ranks d\(expected[rank].doc) there")
                    }
                }
            }
        }
    }
}
