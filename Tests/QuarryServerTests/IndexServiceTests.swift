import Foundation
@testable import QuarryServer
import QuarryCore
import QuarryTestSupport
import Testing

/// `IndexService`: a failed write leaves nothing behind for the next commit.
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
}
