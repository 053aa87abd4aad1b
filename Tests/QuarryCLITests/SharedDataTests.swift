import Foundation
import Testing

/// Slow tests on the shared evaluation collections (../shared/data), run with
/// `QUARRY_SLOW_TESTS=1 scripts/test`: whole collections indexed, verified and scored.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_SLOW_TESTS"] == "1"))
struct SharedDataTests {
    static let data = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path

    /// nDCG@10 of the default ranking on a judged BEIR-layout collection.
    private func ndcg(_ name: String, language: String = "en") throws -> Double {
        let workspace = Workspace()
        let index = workspace.file("index")
        let directory = Self.data + "/" + name
        let build = try CLI.run("quarry-index", ["build", "--index", index, "--quiet", "--language", language, directory + "/corpus.jsonl.gz"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try CLI.run("quarry-index", ["verify", "--index", index]).status == 0)
        let run = workspace.file("run")
        let batch = try CLI.run("quarry-query", ["batch", "--index", index, "--queries", directory + "/queries.jsonl", "--output", run])
        #expect(batch.status == 0, "\(batch.stderr)")
        let eval = try CLI.run("quarry-query", ["eval", "--qrels", directory + "/qrels/test.tsv", "--run", run, "--json"])
        return try CLI.json(eval.stdout)["ndcg_cut_10"] as? Double ?? 0
    }

    @Test func sciFactRanksAtLeastAsWellAsAnserini() throws {
        #expect(try ndcg("scifact") >= 0.679)
    }

    @Test func classicCollections() throws {
        #expect(try ndcg("cranfield") >= 0.3407)
        #expect(try ndcg("cisi") >= 0.3858)
    }

    @Test func xquadChinese() throws {
        #expect(try ndcg("xquad-zh", language: "zh") >= 0.95)
    }
}
