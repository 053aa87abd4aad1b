import Foundation
import Testing
@testable import QuarryCore
import QuarryTestSupport

/// A writer whose folder is deleted or made again while it runs: its `flock` is on a file that
/// is gone, so another writer can own the new folder. It must then write and remove nothing
/// there (`IndexError.lockLost`), and no index file it writes may replace another's.
@Suite struct LockLossTests {
    private let settings = AnalysisSettings(language: .none)

    private func documents(_ prefix: String, _ count: Int) -> [Document] {
        (0..<count).map { Document(id: "\(prefix)\($0)", title: "\(prefix) title \($0)", body: "shared words of \(prefix) number \($0)") }
    }

    /// A new index in `directory` with `count` documents committed.
    private func committedWriter(_ directory: String, _ prefix: String, _ count: Int) throws -> IndexWriterCore {
        let writer = try IndexWriterCore.create(directory: directory, settings: settings)
        _ = try writer.add(documents(prefix, count))
        try writer.commit()
        return writer
    }

    /// The folder's files with their contents, to see that nothing of them changed.
    private func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name != IndexLock.fileName {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
        }
        return files
    }

    @Test func aWriterWhoseFolderIsMadeAgainWritesAndRemovesNothingThere() throws {
        let folder = TemporaryDirectory()
        let directory = folder.file("index")
        let first = try committedWriter(directory, "old", 30)
        // Uncommitted work of the first writer: a segment on disk and a delete.
        _ = try first.add(documents("pending", 10))
        try first.delete(ids: ["old3"])

        try FileManager.default.removeItem(atPath: directory)
        let second = try committedWriter(directory, "new", 20)
        let before = try snapshot(directory)
        // Both writers' first segments have the same name: the first writer's files would land on the second's.
        #expect(before.keys.contains { $0.hasPrefix(SegmentInfo.name(number: 1) + ".") })

        for round in 0..<2 {
            #expect(throws: IndexError.lockLost(path: directory), "round \(round)") { try first.commit() }
            #expect(throws: IndexError.lockLost(path: directory)) { _ = try first.add(documents("late", 5)) }
            #expect(throws: IndexError.lockLost(path: directory)) { try first.merge(maximumSegments: 1) }
            #expect(try snapshot(directory) == before)
            #expect(try IndexVerifier.verify(directory: directory).documents == 20)
        }
        // Once the second writer is gone the LOCK file stays the second's: still lost.
        _ = consume second
        #expect(throws: IndexError.lockLost(path: directory)) { try first.commit() }
        let reader = try IndexReader(directory: directory)
        #expect(reader.liveDocumentCount == 20)
    }

    @Test func aWriterWhoseLockFileIsRemovedCommitsNothing() throws {
        let folder = TemporaryDirectory()
        let directory = folder.file("index")
        let writer = try committedWriter(directory, "a", 10)
        _ = try writer.add(documents("b", 10))
        try FileManager.default.removeItem(atPath: "\(directory)/\(IndexLock.fileName)")
        #expect(throws: IndexError.lockLost(path: directory)) { try writer.commit() }
        #expect(try IndexVerifier.verify(directory: directory).documents == 10)
    }

    @Test func anIndexFileIsNeverWrittenOverAnother() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("s1.terms", "another writer's file")
        let refusal = #expect(throws: IndexError.self) { _ = try FileWriter(path: path, kind: .terms, segment: .zero) }
        guard case .io(let failedPath, "open", _)? = refusal else { Issue.record("not an open failure: \(String(describing: refusal))"); return }
        #expect(failedPath == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "another writer's file")
    }

    @Test func aClosedWriterLetsGoOfTheLockAndTakesNoMoreChanges() throws {
        let folder = TemporaryDirectory()
        let directory = folder.file("index")
        let writer = try committedWriter(directory, "a", 10)
        _ = try writer.add(documents("dropped", 5))
        writer.close()
        writer.close()
        #expect(writer.isClosed)
        #expect(throws: IndexError.writerClosed(path: directory)) { try writer.commit() }
        #expect(throws: IndexError.writerClosed(path: directory)) { _ = try writer.add(documents("late", 5)) }
        let next = try IndexWriterCore(directory: directory)
        #expect(next.documentCounts.live == 10)
        _ = try next.add(documents("c", 3))
        try next.commit()
        #expect(try IndexVerifier.verify(directory: directory).documents == 13)
    }
}
