import Foundation
import QuarryCommandLine
import QuarryCore
import QuarryTestSupport
import Testing

/// `runToCompletion`, the commands' bridge to the async writer: the body's code runs on the
/// calling thread before and after each await (so a command starts no dispatch worker thread),
/// and its error reaches the caller.
@Suite struct RunToCompletionTests {
    private struct Failure: Error, Equatable {}

    @Test func writerCallsComeBackToTheCallingThread() throws {
        let folder = TemporaryDirectory()
        let url = URL(fileURLWithPath: folder.file("i"))
        let caller = pthread_self()
        let onCaller = Observations()
        try runToCompletion {
            let index = try Index.create(at: url, schema: try Schema(fields: [.title, .body]))
            let writer = try index.writer()
            onCaller.record(pthread_equal(pthread_self(), caller) != 0)
            try await writer.add(Document(id: "a", title: "Ofsted praises the council", body: "Family help service."))
            onCaller.record(pthread_equal(pthread_self(), caller) != 0)
            try await writer.commit()
            onCaller.record(pthread_equal(pthread_self(), caller) != 0)
        }
        #expect(onCaller.values == [true, true, true])
        let searcher = try Index.open(at: url).searcher()
        #expect(try searcher.search(Query(parsing: "ofsted", schema: searcher.schema)).hits.map(\.id) == ["a"])
    }

    @Test func theBodysErrorIsThrown() {
        #expect(throws: Failure()) {
            try runToCompletion {
                await Task.yield()
                throw Failure()
            }
        }
    }
}

/// What the body saw, read after `runToCompletion` returns (which orders the two).
private final class Observations: @unchecked Sendable {
    private(set) var values: [Bool] = []

    func record(_ value: Bool) { values.append(value) }
}
