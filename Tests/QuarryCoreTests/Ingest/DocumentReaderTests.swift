import Foundation
import Testing
@testable import QuarryCore
import QuarryTestSupport

/// Input formats: what each kind of file gives as documents.
@Suite struct DocumentReaderTests {
    private func read(_ paths: [String], format: InputFormat = .auto,
                      limits: IngestLimits = IngestLimits()) throws -> (documents: [Document], warnings: [IngestWarning]) {
        var documents: [Document] = []
        var warnings: [IngestWarning] = []
        var reader = DocumentReader(format: format)
        reader.limits = limits
        try reader.read(paths, warn: { warnings.append($0) }) { documents.append($0) }
        return (documents, warnings)
    }

    private static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus").path

    @Test func htmlPagesSkipScriptsAndStyles() throws {
        let (documents, warnings) = try read([Self.corpus + "/web/report-a-pothole.html"])
        #expect(warnings.isEmpty)
        let page = try #require(documents.first)
        #expect(page.id == Self.corpus + "/web/report-a-pothole.html")
        #expect(!page.title.isEmpty)
        #expect(page.body.contains("pothole"))
        #expect(!page.body.contains("zzscriptonly"))
        #expect(!page.body.contains("zzstyleonly"))
        #expect(!page.title.contains("<"))
    }

    @Test func textAndMarkdownTitles() throws {
        let directory = TemporaryDirectory()
        directory.write("a.txt", "\n\n  Council meets today  \n\nThe agenda is long.\nSecond line.")
        directory.write("b.md", "## Budget *report*\n\nFigures follow.")
        directory.write("c.text", "Only a title")
        directory.write("skip.csv", "not,read")
        let (documents, _) = try read([directory.path])
        #expect(documents.map(\.title) == ["Council meets today", "Budget *report*", "Only a title"])
        #expect(documents[0].body == "The agenda is long.\nSecond line.")
        #expect(documents[2].body == "")
        #expect(documents.map(\.id) == ["a.txt", "b.md", "c.text"].map { directory.path + "/" + $0 })
    }

    @Test func jsonLinesFieldsAndGzip() throws {
        let (documents, warnings) = try read([Self.corpus + "/web/archive-2023.jsonl.gz", Self.corpus + "/articles.jsonl"])
        #expect(warnings.isEmpty)
        #expect(documents.count == 3 + 38)
        let first = documents[0]
        #expect(first.id == "archive-2023-0001")
        #expect(first.values(of: "date").first.map { if case .string(let date) = $0 { date.hasPrefix("2023") } else { false } } == true)
        #expect(first.language == "en")
        #expect(documents.contains { $0.language == "th" })
    }

    @Test func beirLayoutAndExtraFields() throws {
        let directory = TemporaryDirectory()
        directory.write("corpus.jsonl", #"{"_id": "4983", "title": "T", "text": "Body \u00e9 \ud83d\ude00", "n": 5, "tags": ["x", {"y": [1, 2]}], "source": "S", "note": "kept", "big": 1e400, "f": -2.5, "ok": true, "none": null}"# + "\n")
        let (documents, warnings) = try read([directory.file("corpus.jsonl")])
        #expect(warnings.isEmpty)
        #expect(documents == [Document(id: "4983", title: "T", body: "Body é 😀", fields: [
            DocumentField(name: "n", values: [.integer(5)]), DocumentField(name: "tags", values: [.string("x")], isArray: true),
            DocumentField("source", "S"), DocumentField("note", "kept"), DocumentField(name: "big", values: [.float(.infinity)]),
            DocumentField(name: "f", values: [.float(-2.5)]), DocumentField(name: "ok", values: [.bool(true)])],
                                       origin: InputLocation(path: directory.file("corpus.jsonl"), line: 1))])
    }

    @Test func deeplyNestedJSONIsRejectedWithoutCrashing() throws {
        let directory = TemporaryDirectory()
        let deep = String(repeating: "[", count: 100_000)
        directory.write("deep.jsonl", #"{"id": "x", "v": "# + deep + "\n" + #"{"id": "y", "text": "fine"}"# + "\n")
        let (documents, warnings) = try read([directory.file("deep.jsonl")])
        #expect(documents.map(\.id) == ["y"])
        #expect(warnings.first?.message.contains("nesting deeper") == true)
    }

    @Test func symbolicLinkLoopsEnd() throws {
        let directory = TemporaryDirectory()
        directory.write("folder/doc.txt", "Title\nBody")
        try FileManager.default.createSymbolicLink(atPath: directory.file("folder/loop"), withDestinationPath: directory.file("folder"))
        let (documents, warnings) = try read([directory.path])
        #expect(documents.count == 1)
        #expect(warnings.contains { $0.message.contains("already read") })
    }

    @Test func overLongLinesAndDocumentsAreSkippedAndTheRestRead() throws {
        let directory = TemporaryDirectory()
        let long = String(repeating: "x", count: 5000)
        // An over-long line in the middle, and one at the end without a newline.
        directory.write("lines.jsonl", #"{"id": "a"}"# + "\n" + #"{"id": "b", "text": ""# + long + "\"}\r\n" + #"{"id": "c"}"# + "\n" + long)
        directory.write("big.txt", "Title\n" + long)
        directory.write("small.txt", "Title\nbody")
        directory.write("array.json", "[" + #"{"id": "j1"},"# + "\n" + #"{"id": "j2", "text": ""# + long + #""}, {"id": "j3"}]"#)
        directory.write("big.json", "[" + #"{"id": "k1", "text": ""# + long + long + #""}]"#)
        let (documents, warnings) = try read([directory.path], limits: IngestLimits(documentBytes: 1000, jsonFileBytes: 8000))
        #expect(documents.map(\.id) == ["j1", "j3", "a", "c", directory.file("small.txt")])
        #expect(documents.map(\.origin?.line) == [1, 2, 1, 3, nil])
        #expect(warnings.filter { $0.kind == .tooLarge }.map(\.description) == [
            directory.file("array.json") + ":2:1: element 2 is larger than the limit of 1000 bytes for one document: skipped",
            directory.file("big.json") + ": larger than the limit of 8000 bytes for a .json file (use JSON Lines for more): skipped",
            directory.file("big.txt") + ": larger than the limit of 1000 bytes for one document: skipped",
            directory.file("lines.jsonl") + ":2: line longer than the limit of 1000 bytes for one document: skipped",
            directory.file("lines.jsonl") + ":4: line longer than the limit of 1000 bytes for one document: skipped",
        ])
        #expect(warnings.count == 5)
    }

    @Test func longLinesAreSkippedWithoutHoldingThemWhole() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("long.txt", String(repeating: "y", count: 3_000_000) + "\nnext\n" + String(repeating: "z", count: 2_000_000))
        let reader = try LineReader(path: path, maximumLineLength: 1000, chunkSize: 4096)
        guard case .tooLong(let first) = reader.next() else { Issue.record("expected a skipped line"); return }
        #expect(first == 3_000_000)
        guard case .text(let line) = reader.next() else { Issue.record("expected a line"); return }
        #expect(Array(line) == Array("next".utf8))
        guard case .tooLong(let last) = reader.next() else { Issue.record("expected a skipped line"); return }
        #expect(last == 2_000_000)
        #expect(reader.next() == nil)
        #expect(reader.lineNumber == 3)
        #expect(reader.bufferCapacity <= 8192)
        #expect(throws: InputError.self) { _ = try LineReader(path: path, maximumLineLength: 1000).nextLine() }
    }

    @Test func anElementWithoutAnIDSkipsOnlyItself() throws {
        let directory = TemporaryDirectory()
        directory.write("array.json", #"[{"id": "a"}, {"title": "no id", "text": "orphan"}, {"id": "c"}, {"_id": 4}]"#)
        let (documents, warnings) = try read([directory.file("array.json")])
        #expect(documents.map(\.id) == ["a", "c", "4"])
        #expect(warnings.map(\.description) == [directory.file("array.json") + #":1:15: element 2 has no "id" or "_id": skipped"#])
    }

    @Test func idsWithControlCharactersAreRefused() throws {
        let directory = TemporaryDirectory()
        directory.write("ids.jsonl", #"{"id": "tab\there"}"# + "\n" + "{\"id\": \"raw\u{9}tab\"}" + "\n" + #"{"id": "esc\u001b[31m"}"#
                        + "\n" + #"{"id": "c1\u009b"}"# + "\n" + #"{"id": "fine é"}"# + "\n")
        directory.write("name\u{1B}[2J.txt", "Title\nbody")
        let (documents, warnings) = try read([directory.path])
        #expect(documents.map(\.id) == ["fine é"])
        #expect(warnings.map(\.description) == [
            directory.file("ids.jsonl") + #":1: id contains a control character (\u{9}): document skipped"#,
            directory.file("ids.jsonl") + #":2: id contains a control character (\u{9}): document skipped"#,
            directory.file("ids.jsonl") + #":3: id contains a control character (\u{1B}): document skipped"#,
            directory.file("ids.jsonl") + #":4: id contains a control character (\u{9B}): document skipped"#,
            directory.file("name\u{1B}[2J.txt") + #": id contains a control character (\u{1B}): document skipped"#,
        ])
        #expect(ControlCharacters.forDisplay("a\tb\u{1B}[1m\u{7F}\u{85}é") == #"a b\u{1B}[1m\u{7F}\u{85}é"#)
    }

    @Test func emptyJSONLinesFilesAreReported() throws {
        let directory = TemporaryDirectory()
        directory.write("empty.jsonl", "")
        directory.write("blank.jsonl", "\n  \n")
        let (documents, warnings) = try read([directory.path])
        #expect(documents.isEmpty)
        #expect(warnings.map(\.description) == [directory.file("blank.jsonl") + ": no documents (only blank lines): skipped",
                                                 directory.file("empty.jsonl") + ": empty file: skipped"])
    }
}
