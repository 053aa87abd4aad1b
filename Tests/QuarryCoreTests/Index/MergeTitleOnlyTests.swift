import QuarryTestSupport
import Testing
@testable import QuarryCore

/// A merge counts each body term's title-only documents (what BM25F's idf adds to the body's
/// count) as a plain count over the live documents does: across sources with and without
/// deletes, and for terms some sources have only in titles.
@Suite struct MergeTitleOnlyTests {
    private static let words = (0..<30).map { "w\($0)" }

    @Test func mergedTitleOnlyCountsEqualAPlainCount() throws {
        var generator = SeededGenerator(seed: 606)
        for round in 0..<4 {
            let folder = TemporaryDirectory()
            let writer = try IndexWriterCore.create(directory: folder.path, settings: AnalysisSettings(language: .none))
            var documents: [String: (title: Set<String>, body: Set<String>)] = [:]
            var id = 0
            for _ in 0..<Int.random(in: 2...5, using: &generator) {
                // Each segment's bodies use some of the words: the others are in its titles only.
                let bodyWords = Array(Self.words.shuffled(using: &generator).prefix(12))
                var batch: [Document] = []
                for _ in 0..<Int.random(in: 20...120, using: &generator) {
                    id += 1
                    let title = generator.skewedWords(Int.random(in: 0...4, using: &generator), from: Self.words)
                    let body = generator.skewedWords(Int.random(in: 0...12, using: &generator), from: bodyWords)
                    batch.append(Document(id: "d\(id)", title: title.joined(separator: " "), body: body.joined(separator: " ")))
                    documents["d\(id)"] = (Set(title), Set(body))
                }
                _ = try writer.add(batch)
                if round > 0 {
                    let gone = (0..<10).map { _ in "d\(Int.random(in: 1...id, using: &generator))" }
                    try writer.delete(ids: gone)
                    for name in gone { documents[name] = nil }
                }
                try writer.commit()
            }
            try writer.merge(maximumSegments: 1)
            try writer.commit()
            _ = try IndexVerifier.verify(directory: folder.path)
            let reader = try IndexReader(directory: folder.path)
            #expect(reader.segments.count == 1)
            let segment = reader.segments[0]
            var iterator = try segment.terms.terms(in: .body)
            var checked = 0
            while let (term, info) = try iterator.next() {
                let word = String(decoding: term, as: UTF8.self)
                let expected = documents.values.filter { $0.title.contains(word) && !$0.body.contains(word) }.count
                #expect(info.titleOnlyDocuments == expected, "round \(round), \(word)")
                checked += 1
            }
            #expect(checked > 10)
        }
    }
}
