import Foundation
import Testing
@testable import QuarryCore
import QuarryTestSupport

/// The storage tests swap the process's `Storage`, so they run one at a time; their faults only
/// touch paths under their own folders, so other suites, in parallel, are unaffected.
@Suite(.serialized) enum StorageSimulationTests {}

extension StorageSimulationTests {
    /// Every writer operation, with a fault at each I/O call it makes in turn (counted on a clean
    /// run first): the error names the failed call, the last commit stays whole, and the next
    /// writer recovers.
    @Suite struct FaultInjectionTests {
        @Test(arguments: WriterScenario.all)
        func faultAtEveryCall(_ scenario: WriterScenario) throws {
            let directory = TemporaryDirectory("quarry-faults")
            let template = try scenario.template(in: directory)
            let clean = try scenario.run("clean", from: template, in: directory)
            let counter = SimulatedStorage(root: clean)
            try counter.installed { try scenario.operation(clean + "/" + WriterScenario.indexName) { _ in } }
            let calls = counter.callCount
            #expect(calls > 10)
            for call in 1...calls {
                let run = try scenario.run("fault\(call)", from: template, in: directory)
                let index = run + "/" + WriterScenario.indexName
                let context = "\(scenario), fault at call \(call) of \(calls)"
                let storage = SimulatedStorage(root: run, failing: call)
                var warnings: [CommitWarning] = []
                var thrown: (any Error)?
                storage.installed {
                    do {
                        try scenario.operation(index) { warnings.append($0) }
                    } catch {
                        thrown = error
                    }
                }
                guard let injected = storage.injected else {
                    Issue.record("\(context): the call was not made")
                    continue
                }
                let expected: WriterScenario.Commit?
                if let thrown {
                    // Failed: with exactly the error of the call that failed; nothing committed.
                    #expect(thrown as? IndexError == injected, "\(context): threw \(thrown), the fault was \(injected)")
                    expected = scenario.before
                } else {
                    // Succeeded: the fault came after the commit was live (reported as a warning)
                    // or was in writing the lock holder's process id (not needed).
                    let onLock = injected.description.hasPrefix(index + "/" + IndexLock.fileName + ":")
                    #expect(warnings.map(\.error) == [injected] || (onLock && warnings.isEmpty),
                            "\(context): \(injected) gave no error, warnings: \(warnings)")
                    expected = scenario.after
                }
                #expect(try WriterScenario.committed(index) == expected, "\(context): the commit")
                try SimulatedStorage(root: run).installed { try WriterScenario.expectRecovers(index, from: expected, context) }
                try FileManager.default.removeItem(atPath: run)
            }
            print("fault injection, \(scenario): \(calls) I/O calls, \(calls) faults injected, one at each")
        }

        /// Every write short (half of what is given): the same commit as with whole writes.
        @Test(arguments: WriterScenario.all)
        func shortWrites(_ scenario: WriterScenario) throws {
            let directory = TemporaryDirectory("quarry-faults")
            let run = try scenario.run("short", from: try scenario.template(in: directory), in: directory)
            let index = run + "/" + WriterScenario.indexName
            var warnings: [CommitWarning] = []
            try SimulatedStorage(root: run, shortWrites: true).installed { try scenario.operation(index) { warnings.append($0) } }
            #expect(warnings.isEmpty)
            #expect(try WriterScenario.committed(index) == scenario.after)
        }

        /// A failed folder sync after the manifest's rename does not fail the commit: it is live,
        /// and the warning says its durability is unknown (defect 12).
        @Test func syncAfterTheRenameFailingIsAWarning() throws {
            let directory = TemporaryDirectory("quarry-faults")
            let scenario = WriterScenario.addWithReplacements
            let template = try scenario.template(in: directory)
            let clean = try scenario.run("clean", from: template, in: directory)
            let counter = SimulatedStorage(root: clean)
            try counter.installed { try scenario.operation(clean + "/" + WriterScenario.indexName) { _ in } }
            // Find the call: the last folder sync before cleaning up. Faults at each call in turn,
            // the first whose warning is about durability.
            var found = false
            for call in (1...counter.callCount).reversed() where !found {
                let run = try scenario.run("fault\(call)", from: template, in: directory)
                let index = run + "/" + WriterScenario.indexName
                var warnings: [CommitWarning] = []
                SimulatedStorage(root: run, failing: call).installed { try? scenario.operation(index) { warnings.append($0) } }
                guard let warning = warnings.first, warning.consequence == .durabilityUnknown else { continue }
                found = true
                #expect(warning.error == .io(path: index, operation: "fsync", message: "\(systemErrorMessage(EIO)) (injected)"))
                #expect(warning.description.contains("\(index): fsync failed"))
                #expect(warning.description.contains("the commit is made"))
                #expect(try WriterScenario.committed(index) == scenario.after)
            }
            #expect(found, "no folder sync after the rename")
        }
    }
}
