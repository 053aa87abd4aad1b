import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Real kills: `quarry-index` runs `build --force`, `add` (new documents and replacements),
/// `delete` and `merge` on one index and is SIGKILLed at seeded random moments. After each
/// run the index must verify and hold exactly the documents of the last commit that completed,
/// the old commit's or the new one's (a kill after the manifest's rename has committed), and the
/// next writer must succeed; after a writer that finished, no file but the commit's is left.
///
/// `QUARRY_KILLS` sets how many kills (default 50); `QUARRY_KILL_SEED` replays a run.
@Suite struct KillTests {
    typealias Contents = [String: String]

    private enum Operation: CaseIterable {
        case build, add, delete, merge
    }

    private struct Outcome {
        var killed: Bool
        var status: Int32
        var seconds: Double
    }

    @Test func killedWritersNeverLoseACommit() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["QUARRY_KILL_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
        let targetKills = environment["QUARRY_KILLS"].flatMap(Int.init) ?? 50
        print("kill test: seed \(seed) (QUARRY_KILL_SEED=\(seed) replays it), \(targetKills) kills")
        var random = SeededGenerator(seed: seed)
        let workspace = Workspace()
        let index = workspace.file("index")

        var nextID = 0
        var version = 0
        func documents(_ count: Int, replacing existing: Contents, _ random: inout SeededGenerator) -> Contents {
            var batch: Contents = [:]
            let replaced = existing.keys.sorted().shuffled(using: &random).prefix(count / 3)
            for id in replaced { batch[id] = "" }
            while batch.count < count {
                batch["d\(nextID)"] = ""
                nextID += 1
            }
            version += 1
            for id in batch.keys {
                let words = (0..<Int.random(in: 5...60, using: &random)).map { _ in "w\(Int.random(in: 0..<500, using: &random))" }
                batch[id] = "v\(version) " + words.joined(separator: " ")
            }
            return batch
        }
        func write(_ batch: Contents, to name: String) throws -> String {
            let lines = try batch.keys.sorted().map { id in
                String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "title": "kill \(id)", "text": batch[id]!],
                                                            options: [.sortedKeys]), as: UTF8.self)
            }
            return workspace.write(name, lines.joined(separator: "\n") + "\n")
        }

        var model = documents(300, replacing: [:], &random)
        let first = try CLI.run("quarry-index", ["build", "--index", index, "--quiet", try write(model, to: "initial.jsonl")])
        try #require(first.status == 0, "\(first.stderr)")
        try #require(try contents(index) == model)

        var estimates: [Operation: Double] = [.build: 0.5, .add: 0.5, .delete: 0.2, .merge: 0.3]
        var kills = 0
        var killsAfterCommit = 0
        var completed = 0
        var runs = 0
        while kills < targetKills && runs < targetKills * 4 {
            runs += 1
            let operation = Operation.allCases.randomElement(using: &random)!
            var arguments: [String]
            var expected = model
            switch operation {
            case .build:
                expected = documents(Int.random(in: 100...1500, using: &random), replacing: model, &random)
                arguments = ["build", "--force", "--index", index, try write(expected, to: "run\(runs).jsonl")]
            case .add:
                let batch = documents(Int.random(in: 50...1500, using: &random), replacing: model, &random)
                expected.merge(batch) { $1 }
                arguments = ["add", "--index", index, try write(batch, to: "run\(runs).jsonl")]
            case .delete:
                let ids = Array(model.keys.sorted().shuffled(using: &random).prefix(Int.random(in: 1...60, using: &random)))
                for id in ids { expected[id] = nil }
                arguments = ["delete", "--index", index, "--ids-from", workspace.write("run\(runs).ids", ids.joined(separator: "\n") + "\n")]
            case .merge:
                arguments = ["merge", "--index", index]
            }
            if operation == .build || operation == .add {
                arguments += ["--quiet", "--threads", String(Int.random(in: 1...2, using: &random)), "--memory-mb", "16"]
            }
            // Half the kills anywhere in the run, half near its end, where the commit is.
            let estimate = estimates[operation]!
            let delay = Bool.random(using: &random) ? Double.random(in: 0..<(estimate * 1.2), using: &random)
                                                    : Double.random(in: (estimate * 0.7)..<(estimate * 1.1), using: &random)
            let outcome = try run(arguments, killAfter: delay)
            let context = "seed \(seed), run \(runs): \(operation) killed=\(outcome.killed) after \(delay) s"
            if outcome.killed {
                kills += 1
                estimates[operation] = estimate * 1.1
            } else {
                try #require(outcome.status == 0, "\(context): the writer failed with status \(outcome.status)")
                completed += 1
                estimates[operation] = (estimate + outcome.seconds) / 2
            }

            let verify = try CLI.run("quarry-index", ["verify", "--index", index])
            try #require(verify.status == 0, "\(context): verify: \(verify.stderr)")
            let found = try contents(index)
            if found == expected {
                if outcome.killed && expected != model { killsAfterCommit += 1 }
                model = expected
            } else {
                try #require(outcome.killed && found == model,
                             "\(context): the index holds \(found.count) documents, neither the last commit (\(model.count)) nor the new one (\(expected.count))")
            }
            if !outcome.killed { try expectOnlyCommitFiles(index, context) }
        }
        print("kill test: \(kills) kills (\(killsAfterCommit) after the commit was live), \(completed) runs completed, seed \(seed)")
        #expect(kills >= targetKills, "only \(kills) kills in \(runs) runs")
        // The writer that follows the last kill works, and leaves nothing behind.
        let last = try CLI.run("quarry-index", ["add", "--index", index, "--quiet", try write(documents(10, replacing: model, &random), to: "last.jsonl")])
        #expect(last.status == 0, "\(last.stderr)")
        try expectOnlyCommitFiles(index, "seed \(seed), after the last run")
    }

    /// Runs `quarry-index` and SIGKILLs it after `delay` seconds unless it ended first.
    private func run(_ arguments: [String], killAfter delay: Double) throws -> Outcome {
        let process = Process()
        process.executableURL = CLI.binaries.appendingPathComponent("quarry-index")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let deadline = start.addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { usleep(500) }
        var killed = false
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        process.waitUntilExit()
        killed = killed && process.terminationReason == .uncaughtSignal
        return Outcome(killed: killed, status: process.terminationStatus, seconds: Date().timeIntervalSince(start))
    }

    /// Every live document's id and text, read through the library.
    private func contents(_ index: String) throws -> Contents {
        let reader = try IndexReader(directory: index)
        var found: Contents = [:]
        for segment in reader.segments {
            let stored = try segment.storedFields()
            for doc in 0..<segment.info.documentCount where !segment.isDeleted(doc) {
                let document = try stored.document(doc)
                let id = try #require(document["id"])
                #expect(found[id] == nil, "id \(id) is live twice")
                found[id] = document["text"] ?? ""
            }
        }
        return found
    }

    /// After a writer that finished, the folder holds exactly the commit's files.
    private func expectOnlyCommitFiles(_ index: String, _ context: String) throws {
        let manifest = try Manifest.read(directory: index)
        let expected = manifest.fileNames.union([IndexLock.fileName, IndexFileName.manifest(generation: manifest.generation)])
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: index))
        #expect(names == expected, "\(context): stray \(names.subtracting(expected).sorted()), missing \(expected.subtracting(names).sorted())")
    }
}
