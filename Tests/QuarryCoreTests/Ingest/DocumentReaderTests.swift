import Foundation
import Testing
@testable import QuarryCore

/// Input formats: what each kind of file gives as documents.
@Suite struct DocumentReaderTests {
    private func read(_ paths: [String], format: InputFormat = .auto) throws -> (documents: [Document], warnings: [IngestWarning]) {
        var documents: [Document] = []
        var warnings: [IngestWarning] = []
        try DocumentReader(format: format).read(paths, warn: { warnings.append($0) }) { documents.append($0) }
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
        #expect(first.date?.hasPrefix("2023") == true)
        #expect(first.language == "en")
        #expect(documents.contains { $0.language == "th" })
    }

    @Test func beirLayoutAndExtraFields() throws {
        let directory = TemporaryDirectory()
        directory.write("corpus.jsonl", #"{"_id": "4983", "title": "T", "text": "Body \u00e9 \ud83d\ude00", "n": 5, "tags": ["x", {"y": [1, 2]}], "source": "S", "note": "kept"}"# + "\n")
        let (documents, warnings) = try read([directory.file("corpus.jsonl")])
        #expect(warnings.isEmpty)
        #expect(documents == [Document(id: "4983", title: "T", body: "Body é 😀", source: "S", extra: [StoredField(name: "note", value: "kept")])])
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
}
