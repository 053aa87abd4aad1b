import Foundation
import QuarryCore
import QuarryTestSupport
import Testing

/// `IndexWriter` through the public API: adding, replacing, deleting, committing, merging, and
/// what it refuses.
@Suite struct WriterTests {
    struct Story: Codable {
        var id: Int
        var title: String
        var body: String
        var section: String?
        var tags: [String]
        var published: Date
        var words: Int
    }

    private func newsSchema() throws -> Schema {
        try Schema(fields: [.title, .body, FieldDefinition(name: "section", type: .keyword),
                            FieldDefinition(name: "tags", type: .keyword, multiValued: true),
                            FieldDefinition(name: "published", type: .date), FieldDefinition(name: "words", type: .integer)])
    }

    private func story(_ id: Int, _ title: String, section: String? = "news", tags: [String] = [], year: Int = 2024) -> Story {
        let date = ISO8601DateFormatter().date(from: "\(year)-03-01T12:00:00Z")!
        return Story(id: id, title: title, body: "body of \(title)", section: section, tags: tags, published: date, words: title.count)
    }

    @Test func codableValuesAreIndexedByTheirCodingKeys() async throws {
        let folder = TemporaryDirectory()
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")), schema: newsSchema())
        let writer = try index.writer()
        try await writer.add(contentsOf: [story(1, "council budget", tags: ["money", "council"], year: 2023),
                                          story(2, "school inspection", section: "education", year: 2024),
                                          story(3, "council school", section: nil, tags: ["council"], year: 2025)])
        try await writer.commit()
        let searcher = try index.searcher()
        func ids(_ query: Query) throws -> [String] {
            try searcher.search(query, options: SearchOptions(k: 10)).hits.map(\.id).sorted()
        }
        #expect(try ids(.term("title", "council")) == ["1", "3"])
        #expect(try ids(.term("tags", "council")) == ["1", "3"])
        #expect(try ids(.term("section", "education")) == ["2"])
        let from2024 = ISO8601DateFormatter().date(from: "2024-01-01T00:00:00Z")!
        #expect(try ids(.dates("published", from: from2024)) == ["2", "3"])
        #expect(try ids(.integers("words", 14...15)) == ["1", "3"])
        let stored = try #require(try searcher.document(id: "2"))
        #expect(stored["title"] == "school inspection")
        #expect(stored["published"] == "2024-03-01T12:00:00Z")
        // Stored documents decode back into the type they were encoded from.
        let decoded = try #require(try searcher.document(id: "1")).decode(Story.self)
        let original = story(1, "council budget", tags: ["money", "council"], year: 2023)
        #expect(decoded.id == original.id && decoded.title == original.title && decoded.body == original.body)
        #expect(decoded.section == "news" && decoded.tags == ["money", "council"] && decoded.words == original.words)
        #expect(decoded.published == original.published)
        let withoutSection = try #require(try searcher.document(id: "3")).decode(Story.self)
        #expect(withoutSection.section == nil)
        struct Wrong: Decodable { var id: String; var words: Bool }
        #expect(throws: SearchError.self) { _ = try stored.decode(Wrong.self) }
    }

    @Test func theSchemaIsChecked() async throws {
        let folder = TemporaryDirectory()
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        let writer = try index.writer()
        struct Extra: Encodable { var id = "x"; var title = "t"; var colour = "red" }
        await #expect(throws: IndexError.invalidDocument(id: "x", reason: "the schema has no field 'colour'")) {
            try await writer.add(Extra())
        }
        struct Nested: Encodable { struct Inner: Encodable { var a = 1 }; var id = "n"; var inner = Inner() }
        await #expect(throws: IndexError.self) { try await writer.add(Nested()) }
        struct NoID: Encodable { var title = "t" }
        await #expect(throws: IndexError.invalidDocument(id: nil, reason: "NoID has no 'id' (a string or an integer)")) {
            try await writer.add(NoID())
        }
        let dated = try Index.create(at: URL(fileURLWithPath: folder.file("d")),
                                     schema: Schema(fields: [.title, .body, FieldDefinition(name: "date", type: .date)]))
        let datedWriter = try dated.writer()
        let bad = Document(id: "b", title: "t", fields: [DocumentField("date", "not a date")])
        await #expect(throws: IndexError.self) { try await datedWriter.add(bad) }
        // Nothing refused was added.
        try await writer.commit()
        try await datedWriter.commit()
        #expect(try index.searcher().liveDocumentCount == 0)
        #expect(try dated.searcher().liveDocumentCount == 0)
    }

    @Test func codingKeysNameTheMembersAsJSONInputDoes() throws {
        struct Abstract: Encodable { var _id = "d1"; var title = "Haus"; var text = "Die Häuser"; var lang = "de"; var year = 2024 }
        let encoded = try Document(encoding: Abstract())
        let folder = TemporaryDirectory()
        let file = folder.write("d.jsonl", #"{"_id": "d1", "title": "Haus", "text": "Die Häuser", "lang": "de", "year": 2024}"# + "\n")
        var read: [Document] = []
        try Document.read(files: [URL(fileURLWithPath: file)]) { read.append($0) }
        read = read.map { var document = $0; document.origin = nil; return document }
        #expect(read == [encoded])
        #expect(encoded.language == "de" && encoded.body == "Die Häuser" && encoded.fields.map(\.name) == ["year"])
        // `language` is a field's name, in JSON input and in coding keys alike.
        struct Named: Encodable { var id = "d2"; var language = "de" }
        #expect(try Document(encoding: Named()).fields.map(\.name) == ["language"])
    }

    @Test func addingAnIDAgainReplacesAndDeletesRemove() async throws {
        let folder = TemporaryDirectory()
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        let writer = try index.writer()
        try await writer.add(Document(id: "a", title: "first version"))
        try await writer.add(Document(id: "b", title: "other"))
        try await writer.commit()
        try await writer.add(Document(id: "a", title: "second version"))
        try await writer.commit()
        let searcher = try index.searcher()
        #expect(searcher.liveDocumentCount == 2)
        #expect(try searcher.document(id: "a")?["title"] == "second version")
        #expect(try await writer.delete(id: "a"))
        #expect(try await !writer.delete(id: "missing"))
        let commit = try await writer.commit()
        #expect(commit.committed && commit.warnings.isEmpty)
        #expect(try await !writer.commit().committed)
        let after = try searcher.reopened()
        #expect(after.liveDocumentCount == 1)
        #expect(try after.document(id: "a") == nil)
        try await writer.merge(maximumSegments: 1)
        try await writer.commit()
        #expect(try index.statistics().segments == 1)
        #expect(try index.verify().documents == 1)
    }

    @Test func mergesReportProgressAndStopWhenCancelled() async throws {
        let folder = TemporaryDirectory()
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        let writer = try index.writer()
        // Three segments of 1,500 documents of 40 distinct words: about 200,000 postings to merge.
        var random = SeededGenerator(seed: 14)
        for segment in 0..<3 {
            for i in 0..<1_500 {
                let words = (0..<40).map { _ in "w\(random.next() % 3_000)" }
                try await writer.add(Document(id: "\(segment)-\(i)", title: words[0], body: words.joined(separator: " ")))
            }
            try await writer.commit()
        }
        #expect(try index.statistics().segments == 3)
        try await writer.delete(id: "1-7")
        try await writer.commit()

        // Cancelled at its first report, the merge stops at its next check and changes nothing.
        let cancelled = Task {
            try await writer.merge(maximumSegments: 1, progress: { _ in withUnsafeCurrentTask { $0?.cancel() } })
        }
        await #expect(throws: IndexError.cancelled) { try await cancelled.value }
        #expect(try await !writer.commit().committed)
        #expect(try index.statistics().segments == 3)

        let reports = Reports()
        try await writer.merge(maximumSegments: 1, progress: { reports.append($0) })
        try await writer.commit()
        let seen = reports.values
        #expect(seen.count >= 2)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.completed <= $1.completed && $0.total == $1.total })
        let last = try #require(seen.last)
        #expect(last.completed == last.total && last.segments == 3 && last.total > 150_000)
        #expect(try index.statistics().segments == 1)
        #expect(try index.searcher().liveDocumentCount == 4_499)
    }

    @Test func bufferedDocumentsAreWrittenAtAQuarterOfTheMemoryAndSeenOnlyAtCommit() async throws {
        let folder = TemporaryDirectory()
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        let writer = try index.writer(options: IndexingOptions(threads: 1, memoryMB: 16))
        let body = String(repeating: "river flood warning ", count: 500)
        // 450 documents of 10 KB: past the 4 MB a writer of 16 MB buffers.
        for i in 0..<450 { try await writer.add(Document(id: "d\(i)", title: "flood \(i)", body: body)) }
        #expect(await writer.documentCounts.live > 0, "nothing written at 4 MB of buffered text")
        #expect(await writer.documentCounts.live < 450)
        #expect(try index.searcher().liveDocumentCount == 0)
        try await writer.commit()
        #expect(await writer.documentCounts.live == 450)
        #expect(try index.searcher().search("flood").total == 450)
    }

    @Test func oneWriterAtATime() async throws {
        let folder = TemporaryDirectory()
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        #expect(throws: IndexError.alreadyExists(path: index.url.path)) { _ = try Index.create(at: index.url) }
        let writer = try index.writer()
        let refusal = #expect(throws: IndexError.self) { _ = try index.writer() }
        guard case .locked(let path, let pid, let holder)? = refusal else { Issue.record("not a lock refusal: \(String(describing: refusal))"); return }
        #expect(path == index.url.path && pid == ProcessInfo.processInfo.processIdentifier)
        let program = URL(fileURLWithPath: CommandLine.arguments[0]).lastPathComponent
        #expect(holder?.hasPrefix(program) == true, "holder \(holder ?? "nil"), program \(program)")
        #expect(throws: IndexError.notAnIndex(path: folder.file("none"))) {
            _ = try Index.open(at: URL(fileURLWithPath: folder.file("none")))
        }
        _ = writer
    }

    @Test func closeLetsGoOfTheLockAtOnce() async throws {
        let folder = TemporaryDirectory()
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        for round in 0..<20 {
            let writer = try index.writer()
            try await writer.add(Document(id: "kept\(round)", title: "kept"))
            try await writer.commit()
            try await writer.add(Document(id: "dropped\(round)", title: "dropped"))
            await writer.close()
            // The next writer opens at once, with no wait for the first to be released.
            let next = try index.writer()
            await next.close()
            await #expect(throws: IndexError.writerClosed(path: index.url.path)) { try await writer.commit() }
            await #expect(throws: IndexError.writerClosed(path: index.url.path)) { try await writer.add(Document(id: "late", title: "late")) }
        }
        let searcher = try index.searcher()
        #expect(searcher.liveDocumentCount == 20)
        #expect(try searcher.document(id: "dropped0") == nil)
    }

    @Test func filesAreReadWithWarningsProgressAndStrictness() async throws {
        let folder = TemporaryDirectory()
        let input = folder.write("docs.jsonl", """
            {"id": "1", "title": "flood warning", "text": "the river rose"}
            {"id": "2", "title": broken
            {"id": "3", "title": "flood defences", "text": "new walls"}

            """)
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        let writer = try index.writer()
        let warnings = Collected<IngestWarning>()
        let summary = try await writer.add(files: [URL(fileURLWithPath: input)], warning: { warnings.append($0) })
        #expect(summary.documents == 2 && summary.malformed == 1)
        #expect(warnings.values.map(\.line) == [2])
        var strict = IndexingOptions()
        strict.strict = true
        await #expect(throws: IndexError.self) { try await writer.add(files: [URL(fileURLWithPath: input)], options: strict) }
        try await writer.commit()
        #expect(try index.searcher().search("flood").total == 2)
    }

    @Test func aCancelledAddStopsAndCommitsNothing() async throws {
        let folder = TemporaryDirectory()
        let lines = (0..<20_000).map { #"{"id": "\#($0)", "title": "word\#($0 % 97)", "text": "some text \#($0)"}"# }
        let input = folder.write("many.jsonl", lines.joined(separator: "\n") + "\n")
        let index = try Index.create(at: URL(fileURLWithPath: folder.file("i")))
        let writer = try index.writer()
        let task = Task {
            try await writer.add(files: [URL(fileURLWithPath: input)], options: IndexingOptions(threads: 1))
        }
        task.cancel()
        let outcome = await task.result
        #expect(throws: IndexError.cancelled) { try outcome.get() }
        #expect(try index.searcher().liveDocumentCount == 0)
        _ = writer
    }
}

/// Values appended from any thread (the writer calls back on its own queue).
final class Collected<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// Merge progress reports, collected from the writer's thread.
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [MergeProgress] = []

    func append(_ progress: MergeProgress) { lock.withLock { stored.append(progress) } }
    var values: [MergeProgress] { lock.withLock { stored } }
}
