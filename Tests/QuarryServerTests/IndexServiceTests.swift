import Foundation
@testable import QuarryServer
import QuarryCore
import QuarryTestSupport
import Testing

/// `IndexService`: a failed write leaves nothing behind for the next commit; a shard served
/// with its set's statistics scores with them, takes no lock and refuses writes.
@Suite struct IndexServiceTests {
    private struct Failure: Error {}

    @Test func aFailedWriteIsDroppedWhole() async throws {
        let folder = TemporaryDirectory()
        let service = try IndexService(url: URL(fileURLWithPath: folder.file("index")), create: true)
        await #expect(throws: Failure.self) {
            _ = try await service.write { writer in
                try await writer.add(Document(id: "half", title: "a write that fails after its add"))
                try await writer.flush()
                throw Failure()
            }
        }
        _ = try await service.write { writer in try await writer.add(Document(id: "next", title: "the next write")) }
        let searcher = service.searcher
        #expect(searcher.liveDocumentCount == 1)
        #expect(try searcher.document(id: "half") == nil && searcher.document(id: "next") != nil)
    }

    @Test func aShardWithItsSetsStatisticsIsReadOnlyAndSharesTheFolder() async throws {
        let folder = TemporaryDirectory()
        let url = URL(fileURLWithPath: folder.file("shard"))
        let writer = try Index.createWriter(at: url)
        try await writer.add(Document(id: "a", title: "cocoa", body: "cocoa prices"))
        try await writer.commit()
        let other = try Index.createWriter(at: URL(fileURLWithPath: folder.file("other")))
        try await other.add(Document(id: "b", body: "cocoa and sugar"))
        try await other.commit()
        let global = try ScoringStatistics.merging([try Index.open(at: url).scoringStatistics(),
                                                    try Index.open(at: URL(fileURLWithPath: folder.file("other"))).scoringStatistics()])
        // The writer above still holds the shard's lock: a read-only service does not need it.
        let first = try IndexService(url: url, create: false, statistics: global)
        let second = try IndexService(url: url, create: false, statistics: global)
        let own = try Index.open(at: url).searcher()
        let score = try first.searcher.search("cocoa").hits.first?.score
        #expect(score == (try second.searcher.search("cocoa").hits.first?.score))
        #expect(score != (try own.search("cocoa").hits.first?.score))
        await #expect(throws: IndexError.self) { _ = try await first.write { writer in try await writer.add(Document(id: "c")) } }
        var configuration = ServerConfiguration(index: url)
        configuration.statistics = global
        configuration.adminKey = try AccessKey(file: URL(fileURLWithPath: folder.write("admin.key", "an-admin-key-long-enough-1234\n")))
        #expect(throws: ServerError.self) { try SearchServer(configuration) }
    }
}
