import Foundation
import QuarryCore
import Testing

/// Shard sets end to end: shards built with `--shard`, `shard-set`, `add`, `delete` and `merge`
/// on the set's folder, `verify --shards`, `search` and `batch` with `--global-stats`, and
/// `merge-runs` ranking as one index of corpus/ does.
@Suite struct ShardSetCommandTests {
    private func ok(_ result: CLI.Result, _ context: String = "") {
        #expect(result.status == 0, "\(context) \(result.stderr)")
    }

    @Test func aHashRoutedSetTakesAddsAndDeletesAndRanksAsOneIndex() throws {
        let workspace = Workspace()
        let set = workspace.file("set")
        let names = (0..<3).map { "shard-\($0)" }
        var held = 0
        for (i, name) in names.enumerated() {
            let build = try CLI.run("quarry-index", ["build", "--index", set + "/" + name, "--threads", "1", "--shard", "\(i)/3", Workspace.corpus])
            ok(build, name)
            held += Int(build.stdout.split(separator: " ")[1]) ?? 0
        }
        #expect(held == 115)
        ok(try CLI.run("quarry-index", ["shard-set", "--set", set] + names))
        let verified = try CLI.run("quarry-index", ["verify", "--shards", set + "/SHARDS.json"])
        ok(verified)
        #expect(verified.stdout.contains("115 live documents") && verified.stdout.contains("every document in the shard its id routes to"))

        // Ranks as one index of the same documents in shard order would: the merged top scores
        // equal one index's, and differ without the set's statistics.
        let whole = workspace.file("whole")
        ok(try CLI.run("quarry-index", ["build", "--index", whole, "--threads", "1", Workspace.corpus]))
        let queries = workspace.write("queries.tsv", "q1\tcouncil budget\nq2\tlibrary opening hours\nq3\tflood warnings river\n")
        let single = workspace.file("single.jsonl")
        ok(try CLI.run("quarry-query", ["batch", "--index", whole, "--queries", queries, "--k", "10", "--format", "shard", "--exact-total", "--output", single]))
        var runs: [String] = []
        var own: [String] = []
        for name in names {
            runs.append(workspace.file("\(name).jsonl"))
            own.append(workspace.file("\(name)-own.jsonl"))
            ok(try CLI.run("quarry-query", ["batch", "--index", set + "/" + name, "--queries", queries, "--k", "10", "--format", "shard",
                                            "--exact-total", "--global-stats", set + "/global.stats", "--output", runs.last!]))
            ok(try CLI.run("quarry-query", ["batch", "--index", set + "/" + name, "--queries", queries, "--k", "10", "--format", "shard",
                                            "--output", own.last!]))
        }
        func scores(_ path: String) throws -> [[Double]] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
                let answer = try CLI.json(String(line))
                return (answer["hits"] as? [[String: Any]] ?? []).compactMap { $0["score"] as? Double }
            }
        }
        let merged = workspace.file("merged.jsonl")
        ok(try CLI.run("quarry-query", ["merge-runs"] + runs + ["--k", "10", "--format", "shard", "--output", merged]))
        #expect(try scores(merged) == scores(single))
        #expect(try scores(single).allSatisfy { !$0.isEmpty })
        let mergedOwn = workspace.file("merged-own.jsonl")
        ok(try CLI.run("quarry-query", ["merge-runs"] + own + ["--k", "10", "--format", "shard", "--output", mergedOwn]))
        #expect(try scores(mergedOwn) != scores(single))
        let searched = try CLI.run("quarry-query", ["search", "--index", set + "/shard-0", "--global-stats", set + "/global.stats", "--json", "council"])
        ok(searched)

        // Adds and deletes on the set go to each document's shard; the statistics follow.
        let extra = workspace.write("extra.jsonl", (0..<12).map { #"{"id": "extra-\#($0)", "title": "extra council notice \#($0)"}"# }.joined(separator: "\n"))
        ok(try CLI.run("quarry-index", ["add", "--index", set, "--quiet", extra]))
        ok(try CLI.run("quarry-index", ["delete", "--index", set, "extra-3", "extra-7"]))
        ok(try CLI.run("quarry-index", ["merge", "--index", set, "--quiet"]))
        let after = try CLI.run("quarry-index", ["verify", "--shards", set])
        ok(after)
        #expect(after.stdout.contains("125 live documents"), "\(after.stdout)")

        // A shard changed directly: the set is stale, then (remade) holds a stray document.
        ok(try CLI.run("quarry-index", ["add", "--index", set + "/shard-1", "--quiet", extra]))
        let stale = try CLI.run("quarry-index", ["verify", "--shards", set])
        #expect(stale.status == 1 && stale.stderr.contains("the shard changed after the set was made"), "\(stale.stderr)")
        let refused = try CLI.run("quarry-query", ["search", "--index", set + "/shard-1", "--global-stats", set + "/global.stats", "council"])
        #expect(refused.status == 1 && refused.stderr.contains("do not count this index's commit"), "\(refused.stderr)")
        let remade = try CLI.run("quarry-index", ["shard-set", "--set", set])
        #expect(remade.status == 1 && remade.stderr.contains("which hash routing gives shard"), "\(remade.stderr)")
    }

    @Test func badStatisticsAndRunsAreErrorsNamingTheFile() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        ok(try CLI.run("quarry-index", ["build", "--index", index, "--threads", "1", Workspace.corpus + "/articles.jsonl"]))
        let stats = workspace.file("a.stats")
        ok(try CLI.run("quarry-index", ["export-stats", "--index", index, "--output", stats]))
        let twice = try CLI.run("quarry-index", ["merge-stats", stats, stats, "--output", workspace.file("g.stats")])
        #expect(twice.status == 1 && twice.stderr.contains("a commit already counted"), "\(twice.stderr)")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: stats)))
        bytes[bytes.count / 2] ^= 0x55
        let damaged = workspace.write("damaged.stats", bytes)
        let search = try CLI.run("quarry-query", ["search", "--index", index, "--global-stats", damaged, "council"])
        #expect(search.status == 1 && search.stderr.contains("damaged.stats") && search.stderr.contains("checksum"), "\(search.stderr)")
        let run = workspace.write("bad.jsonl", #"{"query":"q1","total":1,"total_exact":true,"hits":[{"id":"a","score":"x","document":0}]}"# + "\n")
        let merge = try CLI.run("quarry-query", ["merge-runs", run, "--output", workspace.file("out")])
        #expect(merge.status == 1 && merge.stderr.contains("bad.jsonl:1:"), "\(merge.stderr)")
        let ranges = workspace.file("ranges")
        ok(try CLI.run("quarry-index", ["shard-set", "--set", ranges, "--routing", "ranges", index]))
        let add = try CLI.run("quarry-index", ["add", "--index", ranges, Workspace.corpus + "/articles.jsonl"])
        #expect(add.status == 1 && add.stderr.contains("split by ranges"), "\(add.stderr)")
    }
}
