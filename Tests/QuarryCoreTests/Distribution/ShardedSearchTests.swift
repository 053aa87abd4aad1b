import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// A shard set searched with its merged statistics ranks exactly as one index of all its
/// documents: the same hits, the same scores to the last bit, the same totals, for every kind of
/// query; and statistics that do not fit are refused.
@Suite struct ShardedSearchTests {
    private static let words: [String] = (0..<70).map { "term\($0)" } + ["casa", "perro", "casas", "perros"]
    private static let sources = ["reuters", "bbc", "ap"]
    private static let schema = try! Schema(fields: [FieldDefinition(name: "source", type: .keyword),
                                                     FieldDefinition(name: "date", type: .date),
                                                     FieldDefinition(name: "summary", type: .text, weight: 2)])

    private func text(_ count: Int, _ generator: inout SeededGenerator) -> String {
        generator.skewedWords(count, from: Self.words).joined(separator: " ")
    }

    /// Random documents: some of one shard's in Spanish (their own analysis), some with a
    /// summary, a source and a date.
    private func documents(_ count: Int, _ generator: inout SeededGenerator) -> [Document] {
        (0..<count).map { i in
            var fields = [DocumentField("date", ISODate.format(Int64(1_600_000_000 + 86_400 * Int.random(in: 0..<900, using: &generator))))]
            if Int.random(in: 0..<4, using: &generator) > 0 { fields.append(DocumentField("source", Self.sources.randomElement(using: &generator)!)) }
            if Int.random(in: 0..<3, using: &generator) == 0 { fields.append(DocumentField("summary", text(Int.random(in: 1...6, using: &generator), &generator))) }
            let spanish = i > count / 2 && i < count / 2 + 15
            return Document(id: "d\(i)", title: text(Int.random(in: 0...5, using: &generator), &generator),
                            body: text(Int.random(in: 0...80, using: &generator), &generator),
                            language: spanish ? "es" : nil, fields: fields)
        }
    }

    /// An index of `documents` in `batches` adds (a segment each at least), less `deleted`.
    private func build(_ documents: ArraySlice<Document>, batches: Int, deleted: [String], in directory: String) throws -> IndexReader {
        let writer = try IndexWriterCore.create(directory: directory, settings: AnalysisSettings(language: .none), schema: Self.schema)
        let size = max(1, (documents.count + batches - 1) / batches)
        var start = documents.startIndex
        while start < documents.endIndex {
            _ = try writer.add(Array(documents[start..<min(start + size, documents.endIndex)]))
            start += size
        }
        let own = Set(documents.map(\.id))
        let mine = deleted.filter(own.contains)
        if !mine.isEmpty { try writer.delete(ids: mine) }
        try writer.commit()
        return try IndexReader(directory: directory)
    }

    private func query(_ generator: inout SeededGenerator) -> String {
        func word() -> String { Self.words[min(Self.words.count - 1, Int(pow(Double.random(in: 0..<1, using: &generator), 2) * Double(Self.words.count)))] }
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: return "\(word()) \(word()) \(word())"
        case 1: return "+\(word()) \(word())"
        case 2: return "\"\(word()) \(word())\""
        case 3: return "term\(Int.random(in: 1...6, using: &generator))*"
        case 4: return "\(word())~1 \(word())"
        case 5: return "title:\(word()) \(word())"
        case 6: return "\(word()) -\(word())"
        case 7: return "source:\(Self.sources.randomElement(using: &generator)!) \(word()) \(word())"
        case 8: return "\(word())^2 \(word()) date:>=2021-06"
        case 9: return "(\(word()) OR \(word())) AND \(word())"
        case 10: return "summary:\(word()) \(word())"
        default:
            // A misspelling for typo tolerance: one letter of a long word changed.
            var letters = Array(word() + "x")
            letters[Int.random(in: 1..<letters.count, using: &generator)] = "q"
            return "\(String(letters)) \(word())"
        }
    }

    @Test(arguments: Ranking.FieldModel.allCases)
    func shardsWithGlobalStatisticsRankAsOneIndex(model: Ranking.FieldModel) throws {
        var generator = SeededGenerator(seed: 2718 + UInt64(model.rawValue.count))
        let folder = TemporaryDirectory()
        let all = documents(900, &generator)
        let deleted = (0..<15).map { _ in "d\(Int.random(in: 0..<all.count, using: &generator))" }
        let whole = try build(all[...], batches: 3, deleted: deleted, in: folder.file("whole"))
        // Contiguous ranges of unequal sizes: global numbering is shard order.
        let cuts = [0, 200, 520, 610, all.count]
        var shards: [IndexReader] = []
        for s in 0..<(cuts.count - 1) {
            shards.append(try build(all[cuts[s]..<cuts[s + 1]], batches: 1 + s % 2, deleted: deleted, in: folder.file("shard\(s)")))
        }
        let global = try ScoringStatistics.merging(shards.map(ScoringStatistics.init))
        let exported = try ScoringStatistics(whole)
        #expect(global.documentCount == exported.documentCount)
        #expect(global.fields == exported.fields)
        #expect(global.terms == exported.terms)
        #expect(global.languages == exported.languages && global.languages == ["es"])

        let single = try Searcher(reader: whole)
        let withGlobal = try shards.map { try Searcher(reader: $0, statistics: global) }
        let withOwn = try shards.map { try Searcher(reader: $0) }
        let ranking = Ranking(k1: Double.random(in: 0.5...2, using: &generator), b: Double.random(in: 0.2...1, using: &generator),
                              titleWeight: Double.random(in: 1...4, using: &generator), bodyWeight: 1, model: model)
        var differed = 0
        var compared = 0
        for _ in 0..<120 {
            let text = query(&generator)
            let offset = Bool.random(using: &generator) ? 0 : 10
            let typos: TypoTolerance = Bool.random(using: &generator) ? .auto : .off
            let options = SearchOptions(k: 10, offset: offset, ranking: ranking, exactTotal: true, typos: typos)
            var perShard = options
            perShard.k = offset + 10
            perShard.offset = 0
            let expected = try single.search(text, options: options)
            func merged(_ searchers: [Searcher]) throws -> (hits: [ShardRun.MergedHit], total: Int) {
                let runs = try searchers.map { searcher in
                    let found = try searcher.search(text, options: perShard)
                    return ShardRun(answers: [ShardRun.Answer(query: "q", hits: found.hits.map { ShardRun.Hit(id: $0.id, score: $0.score, document: $0.document) },
                                                              total: found.total, totalIsExact: found.totalIsExact)])
                }
                let answer = try ShardRun.merged(runs, offset: offset, k: 10)[0]
                return (answer.hits, answer.total)
            }
            let sharded = try merged(withGlobal)
            #expect(sharded.hits.map(\.hit.id) == expected.hits.map(\.id), "\(text) offset \(offset) typos \(typos)")
            #expect(sharded.hits.map(\.hit.score) == expected.hits.map(\.score), "\(text) offset \(offset) typos \(typos)")
            #expect(sharded.total == expected.total, "\(text)")
            let local = try merged(withOwn)
            if !expected.hits.isEmpty {
                compared += 1
                if local.hits.map(\.hit.score) != expected.hits.map(\.score) { differed += 1 }
            }
        }
        // The negative control: each shard's own statistics rank otherwise.
        #expect(differed > compared / 2, "\(differed) of \(compared) differed without global statistics")
    }

    @Test func statisticsRoundTripThroughAFileAndDamageIsAnError() throws {
        var generator = SeededGenerator(seed: 31)
        let folder = TemporaryDirectory()
        let reader = try build(documents(120, &generator)[...], batches: 2, deleted: ["d3"], in: folder.file("index"))
        let statistics = try ScoringStatistics(reader)
        let path = folder.file("shard.stats")
        try statistics.write(to: URL(fileURLWithPath: path))
        #expect(try ScoringStatistics.load(from: URL(fileURLWithPath: path)) == statistics)
        #expect(statistics.shards == [ScoringStatistics.Shard(generation: reader.manifest.generation,
                                                              fingerprint: reader.manifest.fingerprint, documents: 120)])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for _ in 0..<40 {
            var damaged = bytes
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            damaged[at] ^= UInt8.random(in: 1...255, using: &generator)
            let copy = folder.write("damaged.stats", bytes: damaged)
            #expect(throws: IndexError.self, "byte \(at)") { try ScoringStatistics.load(from: URL(fileURLWithPath: copy)) }
        }
        let truncated = folder.write("truncated.stats", bytes: Array(bytes.prefix(bytes.count / 2)))
        #expect(throws: IndexError.self) { try ScoringStatistics.load(from: URL(fileURLWithPath: truncated)) }
        #expect(throws: IndexError.self) { try ScoringStatistics.load(from: URL(fileURLWithPath: folder.file("absent.stats"))) }
    }

    @Test func mismatchedOrStaleStatisticsAreRefused() throws {
        var generator = SeededGenerator(seed: 5)
        let folder = TemporaryDirectory()
        let docs = documents(60, &generator)
        let first = try build(docs[0..<30], batches: 1, deleted: [], in: folder.file("a"))
        let second = try build(docs[30...], batches: 1, deleted: [], in: folder.file("b"))
        let a = try ScoringStatistics(first)
        let b = try ScoringStatistics(second)
        #expect(throws: IndexError.self) { try ScoringStatistics.merging([a, b, a]) }
        #expect(throws: IndexError.self) { try ScoringStatistics.merging([]) }

        let writer = try IndexWriterCore.create(directory: folder.file("other"), settings: AnalysisSettings(language: .english), schema: Self.schema)
        _ = try writer.add(Array(docs[0..<5]))
        try writer.commit()
        let english = try ScoringStatistics(IndexReader(directory: folder.file("other")))
        #expect(throws: IndexError.self) { try ScoringStatistics.merging([a, english]) }

        let global = try ScoringStatistics.merging([a, b])
        _ = try Searcher(reader: first, statistics: global)
        // A commit after the export: the statistics no longer count the shard.
        let shardWriter = try IndexWriterCore(directory: folder.file("a"))
        _ = try shardWriter.add([Document(id: "new", body: "term1")])
        try shardWriter.commit()
        let reopened = try IndexReader(directory: folder.file("a"))
        do {
            _ = try Searcher(reader: reopened, statistics: global)
            Issue.record("stale statistics were accepted")
        } catch {
            #expect("\(error)".contains("generation \(reopened.manifest.generation)"), "\(error)")
        }
        #expect(throws: IndexError.self) { try Searcher(reader: reopened, statistics: english) }
    }
}
