import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// `DocumentReader.fileDates`: a file's modification time as its `date`, and the ISO 8601 form it is written in.
@Suite struct FileDatesTests {
    /// 2024-03-12T09:30:00Z.
    private static let modified = Date(timeIntervalSince1970: 1_710_235_800)

    private func read(_ paths: [String], fileDates: Bool) throws -> [String: Document] {
        var reader = DocumentReader()
        reader.fileDates = fileDates
        var documents: [String: Document] = [:]
        try reader.read(paths, warn: { _ in }) { documents[($0.id as NSString).lastPathComponent] = $0 }
        return documents
    }

    /// A folder of a text file, a Markdown file, HTML pages with and without a date, and JSON
    /// Lines, all last modified at `modified`.
    private func folder() throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        directory.write("story.txt", "A title\n\nA body.")
        directory.write("report.md", "# Report\n\nFigures.")
        directory.write("undated.html", "<html><head><title>Undated</title></head><body><p>Text</p></body></html>")
        directory.write("dated.html", #"<html><head><title>Dated</title><meta name="date" content="2020-01-02"></head><body><p>Text</p></body></html>"#)
        directory.write("items.jsonl", #"{"id": "j1", "text": "no date"}"# + "\n" + #"{"id": "j2", "text": "dated", "date": "2021-05-05"}"# + "\n")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            try FileManager.default.setAttributes([.modificationDate: Self.modified], ofItemAtPath: directory.file(name))
        }
        return directory
    }

    @Test func textAndHTMLFilesWithoutADateTakeTheirModificationTime() throws {
        let directory = try folder()
        let documents = try read([directory.path], fileDates: true)
        let stamped = [DocumentField("date", "2024-03-12T09:30:00Z")]
        #expect(documents["story.txt"]?.fields == stamped)
        #expect(documents["report.md"]?.fields == stamped)
        #expect(documents["undated.html"]?.fields == stamped)
        #expect(documents["dated.html"]?.fields == [DocumentField("date", "2020-01-02")])
        #expect(documents["j1"]?.fields == [])
        #expect(documents["j2"]?.fields == [DocumentField("date", "2021-05-05")])
    }

    @Test func offByDefault() throws {
        let directory = try folder()
        let documents = try read([directory.path], fileDates: false)
        #expect(documents.count == 6)
        #expect(DocumentReader().fileDates == false)
        #expect(IndexingOptions().fileDates == false)
        for name in ["story.txt", "report.md", "undated.html", "j1"] { #expect(documents[name]?.fields == [], "\(name)") }
    }

    @Test func isoStringsReadBackAsTheSameSeconds() {
        #expect(ISODate.string(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(ISODate.string(seconds: 1_710_235_800) == "2024-03-12T09:30:00Z")
        #expect(ISODate.string(seconds: 951_782_400) == "2000-02-29T00:00:00Z")
        #expect(ISODate.string(seconds: -1) == "1969-12-31T23:59:59Z")
        #expect(ISODate.string(seconds: 253_402_300_799) == "9999-12-31T23:59:59Z")
        #expect(ISODate.string(seconds: 253_402_300_800) == nil)
        #expect(ISODate.string(seconds: -62_167_219_200) == "0000-01-01T00:00:00Z")
        #expect(ISODate.string(seconds: -62_167_219_201) == nil)
        #expect(ISODate.string(seconds: .max) == nil)
        #expect(ISODate.string(seconds: .min) == nil)
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<20_000 {
            let seconds = Int64.random(in: -62_167_219_200...253_402_300_799, using: &generator)
            let text = ISODate.string(seconds: seconds)
            #expect(text.flatMap(ISODate.seconds) == seconds, "\(seconds) \(text ?? "nil")")
        }
    }
}
