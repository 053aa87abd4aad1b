import Foundation
import Testing
@testable import QuarryCore
import QuarryTestSupport

extension StorageSimulationTests {
    /// Every writer operation, with a simulated power loss before each I/O call it makes and after
    /// its end: the disk keeps only what was synced (once with all the rest lost, twice torn), and
    /// the index found there, opened and verified by the real code, is the commit before the
    /// operation or the operation's (always the operation's once it has returned), and the next
    /// writer recovers from it.
    @Suite struct PowerLossTests {
        @Test(arguments: WriterScenario.all)
        func powerLossAtEveryCall(_ scenario: WriterScenario) throws {
            let directory = TemporaryDirectory("quarry-power-loss")
            let run = try scenario.run("run", from: try scenario.template(in: directory), in: directory)
            let storage = SimulatedStorage(root: run, recordsPowerLoss: true)
            try storage.installed { try scenario.operation(run + "/" + WriterScenario.indexName) { _ in } }
            let points = storage.powerLossImages
            var tried = 0
            var reachedAfter = false
            for (point, disks) in points.enumerated() {
                let finished = point == points.count - 1
                for (variant, disk) in disks.enumerated() {
                    let image = directory.file("image\(point)-\(variant)")
                    try disk.materialize(at: image)
                    let index = image + "/" + WriterScenario.indexName
                    let context = "\(scenario), power loss \(finished ? "after the end" : "before call \(point + 1)")"
                        + " of \(points.count - 1), \(variant == 0 ? "everything not synced lost" : "torn (\(variant))")"
                    let state: WriterScenario.Commit?
                    do {
                        state = try WriterScenario.committed(index)
                    } catch {
                        Issue.record("\(context): \(error)")
                        continue
                    }
                    let isAfter = state == scenario.after
                    #expect(isAfter || state == scenario.before, "\(context): neither commit")
                    if finished { #expect(isAfter, "\(context): the commit made was lost") }
                    if variant == 0 {
                        #expect(isAfter || !reachedAfter, "\(context): back to the commit before")
                        reachedAfter = reachedAfter || isAfter
                    }
                    try SimulatedStorage(root: image).installed { try WriterScenario.expectRecovers(index, from: state, context) }
                    try FileManager.default.removeItem(atPath: image)
                    tried += 1
                }
            }
            print("power loss, \(scenario): \(points.count) points (\(points.count - 1) I/O calls and the end), \(tried) disks tried")
        }
    }
}
