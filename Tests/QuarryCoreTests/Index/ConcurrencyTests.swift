import Foundation
import Testing
@testable import QuarryCore
import QuarryTestSupport

/// Readers and writers at the same time: searches never fail because of a commit and always
/// see one whole commit; one writer at a time.
@Suite struct ConcurrencyTests {
    private let settings = AnalysisSettings(language: .none)

    /// A refused writer closes its lock file once: closed twice, the second close could close
    /// whatever file another thread had just opened under the same descriptor (a writer's
    /// segment, which then failed with "Bad file descriptor").
    /// The worker threads of a threaded add keep nothing of their work once the wait returns:
    /// they kept it a moment longer, and a writer dropped and opened again right after a threaded
    /// add was refused as locked by its own process (a failure of IndexDifferentialTests).
    @Test func threadsLetGoOfTheirWorkBeforeTheWaitReturns() {
        for round in 0..<300 {
            weak var watched: Token?
            do {
                let token = Token()
                watched = token
                startThreads(2) { _ in withExtendedLifetime(token) {} }.wait()
            }
            #expect(watched == nil, "round \(round): a thread still held its work after the wait")
            if watched != nil { break }
        }
    }

    @Test func aRefusedWriterClosesItsLockFileOnce() throws {
        let directory = TemporaryDirectory()
        let storage = SimulatedStorage(root: directory.file("elsewhere"))
        try storage.installed {
            let writer = try IndexWriterCore.create(directory: directory.path, settings: settings)
            try writer.commit()
            for _ in 0..<3 {
                #expect(throws: IndexError.locked(path: directory.path, pid: getpid(), holder: IndexLock.holderName)) { try IndexWriterCore(directory: directory.path) }
            }
            _ = writer
        }
        #expect(storage.doubleCloses.isEmpty, "descriptors closed twice: \(storage.doubleCloses)")
    }

    @Test func readersSearchWhileAWriterAddsDeletesAndMerges() throws {
        let directory = TemporaryDirectory()
        let writer = try IndexWriterCore.create(directory: directory.path, settings: settings)
        _ = try writer.add((0..<20).map { Document(id: "seed\($0)", title: "common", body: "common seed") })
        try writer.commit()
        // The live counts of every commit made or being made: what a search may see.
        let possible = Locked<Set<Int>>([20])
        let done = Locked(false)
        let failures = Locked<[String]>([])
        let searches = Locked(0)
        let oldReader = try IndexReader(directory: directory.path)
        let path = directory.path

        let readers = startThreads(2) { _ in
            while !done.withLock({ $0 }) {
                do {
                    let reader = try IndexReader(directory: path)
                    let searcher = try Searcher(reader: reader)
                    let results = try searcher.search("common", options: SearchOptions(k: 5, pruning: false))
                    let allowed = possible.withLock { $0 }
                    if !allowed.contains(results.total) || results.total != reader.liveDocumentCount {
                        failures.withLock { $0.append("saw \(results.total) of \(reader.liveDocumentCount) live, commits had \(allowed.sorted())") }
                    }
                    for hit in results.hits where try searcher.storedDocument(hit.document)["id"] != hit.id {
                        failures.withLock { $0.append("stored fields of \(hit.id) do not match") }
                    }
                    searches.withLock { $0 += 1 }
                } catch {
                    failures.withLock { $0.append("search failed: \(error)") }
                }
            }
        }
        var live = 20
        for round in 0..<30 {
            _ = try writer.add((0..<10).map { Document(id: "r\(round)-\($0)", title: "common", body: "common round \(round)") })
            live += 10
            if round % 3 == 1 {
                live -= try writer.delete(ids: (0..<4).map { "r\(round)-\($0)" })
            }
            if round % 5 == 4 { try writer.merge(maximumSegments: 2) }
            possible.withLock { _ = $0.insert(live) }
            try writer.commit()
        }
        done.withLock { $0 = true }
        readers.wait()
        let failed = failures.withLock { $0 }
        #expect(failed.count == 0, "\(failed.prefix(3))")
        #expect(searches.withLock { $0 } > 0)
        // A reader opened before all of it still answers from its own commit.
        let old = try Searcher(reader: oldReader).search("common", options: SearchOptions(k: 100))
        #expect(old.total == 20)
        #expect(Set(old.hits.map(\.id)) == Set((0..<20).map { "seed\($0)" }))
    }

    @Test func aSecondWriterIsRefusedNamingTheHolder() throws {
        let directory = TemporaryDirectory()
        var first: IndexWriterCore? = try IndexWriterCore.create(directory: directory.path, settings: settings)
        try first!.commit()
        #expect(throws: IndexError.locked(path: directory.path, pid: getpid(), holder: IndexLock.holderName)) { try IndexWriterCore(directory: directory.path) }
        #expect(throws: IndexError.locked(path: directory.path, pid: getpid(), holder: IndexLock.holderName)) {
            try IndexWriterCore.create(directory: directory.path, settings: settings, replacing: true)
        }
        first = nil
        let second = try IndexWriterCore(directory: directory.path)
        _ = try second.add([Document(id: "a", body: "words")])
        try second.commit()
        #expect(try IndexReader(directory: directory.path).liveDocumentCount == 1)
    }
}

/// Something for a thread's work to capture, watched through a weak reference.
private final class Token: Sendable {}
