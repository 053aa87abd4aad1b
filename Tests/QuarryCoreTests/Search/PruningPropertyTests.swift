import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// MaxScore returns exactly what scoring every match returns: same documents, same scores, same
/// order, on seeded random corpora (several segments, deletes) and queries, in every field model.
@Suite struct PruningPropertyTests {
    private static let words: [String] = (0..<60).map { "w\($0)" }

    private func text(_ count: Int, _ generator: inout SeededGenerator) -> String {
        generator.skewedWords(count, from: Self.words).joined(separator: " ")
    }

    @Test(arguments: Ranking.FieldModel.allCases)
    func pruningEqualsExhaustiveScoring(model: Ranking.FieldModel) throws {
        var generator = SeededGenerator(seed: 77 + UInt64(model.rawValue.count))
        for round in 0..<3 {
            var batches: [[Document]] = []
            var id = 0
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                batches.append((0..<Int.random(in: 100...700, using: &generator)).map { _ in
                    id += 1
                    return Document(id: "d\(id)", title: text(Int.random(in: 0...4, using: &generator), &generator),
                                    body: text(Int.random(in: 0...120, using: &generator), &generator))
                })
            }
            let deleted = (0..<20).map { _ in "d\(Int.random(in: 1...id, using: &generator))" }
            let index = try TestIndex(batches, deleted: deleted)
            let ranking = Ranking(k1: Double.random(in: 0.5...2, using: &generator), b: Double.random(in: 0...1, using: &generator),
                                  titleWeight: Double.random(in: 0...3, using: &generator), bodyWeight: 1, model: model)
            for _ in 0..<60 {
                let terms = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                    Int.random(in: 0..<10, using: &generator) == 0 ? "absent" : Self.words.randomElement(using: &generator)!
                }
                let query = Query.or(terms.map { Int.random(in: 0..<4, using: &generator) == 0 ? .term($0, boost: 2.5) : .term($0) })
                let k = [1, 3, 10, 50].randomElement(using: &generator)!
                let pruned = try index.searcher.search(query, options: SearchOptions(k: k, ranking: ranking, exactTotal: false))
                let exhaustive = try index.searcher.search(query, options: SearchOptions(k: k, ranking: ranking, pruning: false))
                #expect(pruned.hits.map(\.id) == exhaustive.hits.map(\.id), "round \(round), \(query), k \(k)")
                #expect(pruned.hits.map(\.score) == exhaustive.hits.map(\.score), "round \(round), \(query), k \(k)")
                #expect(pruned.totalIsExact ? pruned.total == exhaustive.total : pruned.total <= exhaustive.total)
            }
        }
    }

    private static let sources = ["reuters", "bbc", "ap", "afp"]
    private static let tags = ["sport", "politics", "tech", "health", "obituary"]

    /// MaxScore with a filter (required keyword values and date ranges, their unions, excluded
    /// filters and words) returns exactly what scoring every match of the whole query returns, on
    /// seeded corpora of several segments with deletes, dates now in document order (the column's
    /// blocks skipped on their bounds), now scattered; and it does prune.
    @Test(arguments: Ranking.FieldModel.allCases)
    func filteredPruningEqualsExhaustiveScoring(model: Ranking.FieldModel) throws {
        var generator = SeededGenerator(seed: 1313 + UInt64(model.rawValue.count))
        let schema = try Schema(fields: [FieldDefinition(name: "source", type: .keyword),
                                         FieldDefinition(name: "tag", type: .keyword, multiValued: true),
                                         FieldDefinition(name: "date", type: .date)])
        var inexact = 0
        for round in 0..<3 {
            let directory = TemporaryDirectory()
            let writer = try IndexWriterCore.create(directory: directory.path, settings: AnalysisSettings(language: .none), schema: schema)
            let ordered = round != 1
            var id = 0
            for _ in 0..<Int.random(in: 2...3, using: &generator) {
                let batch = (0..<Int.random(in: 200...900, using: &generator)).map { _ in
                    id += 1
                    var fields: [DocumentField] = []
                    if Int.random(in: 0..<6, using: &generator) > 0 {
                        fields.append(DocumentField("source", Self.sources[min(3, Int(pow(Double.random(in: 0..<1, using: &generator), 2) * 4))]))
                    }
                    let tags = (0..<Int.random(in: 0...2, using: &generator)).map { _ in Self.tags.randomElement(using: &generator)! }
                    if !tags.isEmpty { fields.append(DocumentField(name: "tag", values: tags.map { .string($0) }, isArray: true)) }
                    let day = ordered ? id / 5 + Int.random(in: 0...3, using: &generator) : Int.random(in: 0..<1500, using: &generator)
                    fields.append(DocumentField("date", ISODate.format(Int64(1_577_836_800 + 86_400 * day))))
                    return Document(id: "d\(id)", title: text(Int.random(in: 0...4, using: &generator), &generator),
                                    body: text(Int.random(in: 0...120, using: &generator), &generator), fields: fields)
                }
                _ = try writer.add(batch)
                try writer.delete(ids: (0..<10).map { _ in "d\(Int.random(in: 1...id, using: &generator))" })
                try writer.commit()
            }
            let reader = try IndexReader(directory: directory.path)
            #expect(reader.segments.count > 1, "round \(round): one segment only")
            let searcher = try Searcher(reader: reader)
            let ranking = Ranking(k1: Double.random(in: 0.5...2, using: &generator), b: Double.random(in: 0...1, using: &generator),
                                  titleWeight: Double.random(in: 0...3, using: &generator), bodyWeight: 1, model: model)
            for _ in 0..<60 {
                let query = filteredQuery(&generator)
                let k = [1, 3, 10, 50].randomElement(using: &generator)!
                let pruned = try searcher.search(query, options: SearchOptions(k: k, ranking: ranking, exactTotal: false))
                let exhaustive = try searcher.search(query, options: SearchOptions(k: k, ranking: ranking, pruning: false))
                #expect(pruned.hits.map(\.id) == exhaustive.hits.map(\.id), "round \(round), \(query), k \(k)")
                #expect(pruned.hits.map(\.score) == exhaustive.hits.map(\.score), "round \(round), \(query), k \(k)")
                #expect(exhaustive.totalIsExact)
                #expect(pruned.totalIsExact ? pruned.total == exhaustive.total : pruned.total <= exhaustive.total, "\(query)")
                if !pruned.totalIsExact { inexact += 1 }
            }
        }
        // Exhaustive scoring always counts exactly: the filtered queries went through MaxScore.
        #expect(inexact > 50, "\(inexact) pruned searches")
    }

    /// Each shape of words with filters the resolver gives goes through MaxScore when totals may
    /// be lower bounds (its total is one once it prunes; exhaustive scoring counts exactly), with
    /// the same hits; so do words that are only optional next to a required filter, which
    /// MaxScore does not take (a hit may match none of them).
    @Test func everyFilteredShapeIsPruned() throws {
        let schema = try Schema(fields: [FieldDefinition(name: "source", type: .keyword),
                                         FieldDefinition(name: "tag", type: .keyword, multiValued: true),
                                         FieldDefinition(name: "date", type: .date)])
        let directory = TemporaryDirectory()
        let writer = try IndexWriterCore.create(directory: directory.path, settings: AnalysisSettings(language: .none), schema: schema)
        let documents = (0..<3000).map { n in
            // Now and then a document where "common" is frequent: blocks without one are skipped.
            let body = Array(repeating: "common", count: n % 400 == 7 ? 12 : 1 + n % 3) + Array(repeating: "filler", count: n % 13)
                + (n % 10 == 0 ? ["rare"] : [])
            return Document(id: "d\(n)", body: body.joined(separator: " "),
                            fields: [DocumentField("source", n % 3 == 0 ? "b" : "a"), DocumentField("tag", n % 5 == 0 ? "x" : "y"),
                                     DocumentField("date", ISODate.format(Int64(1_600_000_000 + 3_600 * n)))])
        }
        _ = try writer.add(Array(documents[..<1700]))
        _ = try writer.add(Array(documents[1700...]))
        try writer.delete(ids: ["d3", "d1800"])
        try writer.commit()
        let searcher = try Searcher(reader: try IndexReader(directory: directory.path))
        let shapes = ["common source:a", "common rare source:a", "common tag:(x OR y) source:a", "common date:>=2020-10-01",
                      "common -source:b", "common rare -source:b", "common rare -tag:x -source:b", "+common -rare",
                      "common (source:a -tag:x)", "+common source:a -date:<2020-10"]
        for query in shapes + ["+source:a common"] {
            let pruned = try searcher.search(query, options: SearchOptions(k: 1, exactTotal: false))
            let exhaustive = try searcher.search(query, options: SearchOptions(k: 1, pruning: false))
            #expect(pruned.hits.map(\.id) == exhaustive.hits.map(\.id), "\(query)")
            #expect(pruned.hits.map(\.score) == exhaustive.hits.map(\.score), "\(query)")
            #expect(exhaustive.totalIsExact && !exhaustive.hits.isEmpty, "\(query)")
            if shapes.contains(query) { #expect(!pruned.totalIsExact, "\(query): total \(pruned.total) of \(exhaustive.total)") }
        }
    }

    /// Words (one now and then required, `+w3`) with required filters (a source, a union of
    /// tags, a date range or comparison) and exclusions (a filter or a word), at least one of those.
    private func filteredQuery(_ generator: inout SeededGenerator) -> String {
        func filter(_ generator: inout SeededGenerator) -> String {
            let year = 2020 + Int.random(in: 0...4, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: return "source:\(Self.sources.randomElement(using: &generator)!)"
            case 1: return "tag:\(Self.tags.randomElement(using: &generator)!)"
            case 2: return "tag:(\(Self.tags.randomElement(using: &generator)!) OR \(Self.tags.randomElement(using: &generator)!))"
            case 3: return "date:>=\(year)-\(String(format: "%02d", Int.random(in: 1...12, using: &generator)))"
            default: return "date:[\(year) TO \(year + Int.random(in: 0...1, using: &generator))]"
            }
        }
        var words = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
            let word = Int.random(in: 0..<10, using: &generator) == 0 ? "absent" : Self.words.randomElement(using: &generator)!
            return Int.random(in: 0..<4, using: &generator) == 0 ? word + "^2.5" : word
        }
        if words.count == 1, Bool.random(using: &generator) { words[0] = "+" + words[0] }
        var narrowing: [String] = []
        repeat {
            narrowing += (0..<Int.random(in: 0...2, using: &generator)).map { _ in filter(&generator) }
            narrowing += (0..<Int.random(in: 0...1, using: &generator)).map { _ in
                "-" + (Bool.random(using: &generator) ? filter(&generator) : Self.words.randomElement(using: &generator)!)
            }
        } while narrowing.isEmpty
        return (words + narrowing).shuffled(using: &generator).joined(separator: " ")
    }

    /// Skipping documents that cannot enter the top k (no exact count wanted) keeps the same hits,
    /// for phrases (positions read only for competitive documents) and boolean queries.
    @Test func skippingWithoutCountsKeepsTheSameHits() throws {
        var generator = SeededGenerator(seed: 2024)
        let documents = (0..<1500).map { Document(id: "d\($0)", title: text(Int.random(in: 0...4, using: &generator), &generator),
                                                  body: text(Int.random(in: 5...150, using: &generator), &generator)) }
        let index = try TestIndex([Array(documents[0..<600]), Array(documents[600...])], deleted: ["d7", "d700"])
        for _ in 0..<80 {
            let words = (0..<Int.random(in: 2...3, using: &generator)).map { _ in Self.words.randomElement(using: &generator)! }
            let queries = ["\"" + words.joined(separator: " ") + "\"", "\"" + words.joined(separator: " ") + "\"~2",
                           "+\(words[0]) \"\(words[1]) \(words.last!)\"", "title:\"\(words[0]) \(words[1])\"^3 \(words[1])"]
            for query in queries {
                let k = [1, 5, 10].randomElement(using: &generator)!
                let exact = try index.searcher.search(query, options: SearchOptions(k: k, exactTotal: true))
                let skipping = try index.searcher.search(query, options: SearchOptions(k: k, exactTotal: false))
                #expect(skipping.hits.map(\.id) == exact.hits.map(\.id), "\(query) k \(k)")
                #expect(skipping.hits.map(\.score) == exact.hits.map(\.score), "\(query) k \(k)")
                #expect(skipping.total <= exact.total)
            }
        }
    }

    /// The exhaustive scorer against BM25 computed from the documents directly (flat model).
    @Test func exhaustiveScoringMatchesABruteForceModel() throws {
        var generator = SeededGenerator(seed: 4242)
        let documents = (0..<300).map { Document(id: "d\($0)", title: text(Int.random(in: 0...3, using: &generator), &generator),
                                                 body: text(Int.random(in: 1...60, using: &generator), &generator)) }
        let index = try TestIndex([Array(documents[0..<100]), Array(documents[100...])])
        let ranking = Ranking(k1: 1.1, b: 0.6, titleWeight: 1, bodyWeight: 1, model: .flat)
        let tokens = documents.map { ($0.title + " " + $0.body).split(separator: " ").map(String.init) }
        let average = Double(tokens.reduce(0) { $0 + $1.count }) / Double(documents.count)
        for _ in 0..<40 {
            let terms = (0..<Int.random(in: 1...5, using: &generator)).map { _ in Self.words.randomElement(using: &generator)! }
            var expected: [(String, Double)] = []
            for (d, document) in documents.enumerated() {
                var score = 0.0
                var matched = false
                for term in terms {
                    let tf = Double(tokens[d].filter { $0 == term }.count)
                    guard tf > 0 else { continue }
                    matched = true
                    let df = Double(tokens.filter { $0.contains(term) }.count)
                    let n = Double(documents.count)
                    let idf: Double = log(1 + (n - df + 0.5) / (df + 0.5))
                    let normalized = tf / (1 - 0.6 + 0.6 * Double(tokens[d].count) / average)
                    score += idf * normalized / (normalized + 1.1)
                }
                if matched { expected.append((document.id, score)) }
            }
            expected.sort { $0.1 > $1.1 || ($0.1 == $1.1 && Int($0.0.dropFirst())! < Int($1.0.dropFirst())!) }
            let got = try index.searcher.search(Query.or(terms.map { .term($0) }), options: SearchOptions(k: 20, ranking: ranking))
            #expect(got.hits.count == min(20, expected.count))
            for (hit, want) in zip(got.hits, expected) {
                #expect(abs(hit.score - want.1) < 1e-9, "\(terms)")
            }
        }
    }
}
