import Foundation
import Testing
@testable import QuarryCore
import QuarryTestSupport

/// Which files a writer may remove: only Quarry's own, and never those of a commit an open
/// reader holds.
@Suite struct DeletionPolicyTests {
    private let settings = AnalysisSettings(language: .none)

    private func names(_ directory: TemporaryDirectory) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    }

    private func documents(_ prefix: String, _ count: Int) -> [Document] {
        (0..<count).map { Document(id: "\(prefix)\($0)", title: "title \(prefix) \($0)", body: "body words \(prefix) number \($0)") }
    }

    @Test func fileNamesAreRecognizedExactly() {
        #expect(IndexFileName("MANIFEST") == .manifest)
        #expect(IndexFileName("MANIFEST.12") == .manifestGeneration(12))
        #expect(IndexFileName("MANIFEST.tmp") == .manifestTemporary)
        #expect(IndexFileName("LOCK") == .lock)
        #expect(IndexFileName("s000001.post") == .segmentFile(segment: "s000001"))
        #expect(IndexFileName("s1234567.terms") == .segmentFile(segment: "s1234567"))
        #expect(IndexFileName("s000001.3.del") == .segmentFile(segment: "s000001"))
        for foreign in ["s123456.jpg", "s000001.txt", "s\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}.post", "s00001.post",
                        "s00000a.post", "s000001.post.bak", "s000001.x.del", "MANIFEST.", "MANIFEST.-1", "MANIFEST.1.old",
                        "manifest", "notes.txt", "S000001.post", "s000001.", ".s000001.post"] {
            #expect(IndexFileName(foreign) == nil, "\(foreign)")
        }
    }

    @Test func createRefusesAFolderWithOtherFilesAndRemovesNothing() throws {
        let directory = TemporaryDirectory()
        let foreign = ["s123456.jpg", "s000001.txt", "s\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}.post", "notes.txt"]
        for name in foreign { directory.write(name, "keep me") }
        for replacing in [false, true] {
            #expect(throws: IndexError.notAnIndexFolder(path: directory.path, foreignFile: foreign.sorted()[0])) {
                try IndexWriterCore.create(directory: directory.path, settings: settings, replacing: replacing)
            }
        }
        #expect(try names(directory) == Set(foreign))
    }

    @Test func createTakesOverWhatAnInterruptedCreateLeft() throws {
        let directory = TemporaryDirectory()
        directory.write("s000001.post", "left by a killed build")
        directory.write("MANIFEST.tmp", "half a commit")
        directory.write("LOCK", "123\n")
        let writer = try IndexWriterCore.create(directory: directory.path, settings: settings)
        _ = try writer.add(documents("a", 3))
        try writer.commit()
        #expect(try names(directory).isDisjoint(with: ["MANIFEST.tmp"]))
        #expect(try IndexReader(directory: directory.path).liveDocumentCount == 3)
    }

    @Test func writersLeaveOtherFilesInAnIndexAlone() throws {
        let directory = TemporaryDirectory()
        do {
            let writer = try IndexWriterCore.create(directory: directory.path, settings: settings)
            _ = try writer.add(documents("a", 5))
            try writer.commit()
        }
        let foreign = ["s000001.jpg", "s00000a.post", "MANIFEST.bak", "README", "s\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}.post"]
        for name in foreign { directory.write(name, "keep me") }
        directory.write("s999999.post", "a stray segment file of Quarry's")
        let next = try IndexWriterCore(directory: directory.path)
        _ = try next.add(documents("b", 5))
        try next.merge(maximumSegments: 1)
        try next.commit()
        let after = try names(directory)
        #expect(after.isSuperset(of: foreign))
        #expect(!after.contains("s999999.post"))
        #expect(try IndexVerifier.verify(directory: directory.path).documents == 10)
    }

    /// A reader opened before a merge keeps every file of its commit; once it closes, the next
    /// commit removes them.
    @Test func aCommitNeverRemovesTheFilesOfAnOpenReader() throws {
        let directory = TemporaryDirectory()
        let writer = try IndexWriterCore.create(directory: directory.path, settings: settings)
        _ = try writer.add(documents("a", 20))
        try writer.commit()
        _ = try writer.add(documents("b", 20))
        try writer.commit()
        let heldFiles: Set<String>
        do {
            let reader = try IndexReader(directory: directory.path)
            heldFiles = reader.manifest.fileNames
            #expect(reader.segments.count == 2)

            try writer.delete(ids: ["a1", "b1"])
            try writer.merge(maximumSegments: 1)
            try writer.commit()
            #expect(try names(directory).isSuperset(of: heldFiles), "a commit removed files of an open reader's commit")
            // The held commit still reads whole, stored text included, from files the merge replaced.
            let searcher = try Searcher(reader: reader)
            let hits = try searcher.search("number", defaultOperator: .or, options: SearchOptions(k: 100)).hits
            #expect(hits.count == 40)
            for hit in hits {
                let title = "title \(hit.id.prefix(1)) \(hit.id.dropFirst())"
                #expect(try searcher.storedDocument(hit.document)["title"] == title)
            }
        }

        // A reader opened now sees the new commit; the old one's files go once no reader holds it.
        let fresh = try IndexReader(directory: directory.path)
        #expect(fresh.segments.count == 1)
        #expect(fresh.liveDocumentCount == 38)
        _ = try writer.add(documents("c", 1))
        try writer.commit()
        let remaining = try names(directory)
        let retired = heldFiles.subtracting(fresh.manifest.fileNames).subtracting([Manifest.fileName])
        #expect(!retired.isEmpty)
        #expect(remaining.isDisjoint(with: retired))
        // Only the live commit's generation file is left (the fresh reader holds an older one).
        let generations = remaining.filter { if case .manifestGeneration = IndexFileName($0) { true } else { false } }
        #expect(generations.count == 2)
    }
}
