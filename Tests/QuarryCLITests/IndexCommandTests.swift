import Foundation
import QuarryCore
import Testing

/// `quarry-index`, end to end, on corpus/ and on bad input.
@Suite struct IndexCommandTests {
    private func stats(_ index: String) throws -> [String: Any] {
        let result = try CLI.run("quarry-index", ["stats", "--index", index, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try CLI.json(result.stdout)
    }

    private func live(_ index: String) throws -> Int? {
        (try stats(index)["documents"] as? [String: Any])?["live"] as? Int
    }

    @Test func buildStatsVerifyAddDeleteMergeOnCorpus() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        let build = try CLI.run("quarry-index", ["build", "--index", index, "--threads", "2", Workspace.corpus])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("indexed 115 documents"))

        let statistics = try stats(index)
        #expect((statistics["documents"] as? [String: Any])?["live"] as? Int == 115)
        #expect((statistics["documents"] as? [String: Any])?["deleted"] as? Int == 0)
        #expect((statistics["segments"] as? Int ?? 0) >= 1)
        #expect((statistics["terms"] as? Int ?? 0) > 5000)
        let bytes = try #require(statistics["bytes"] as? [String: Int])
        for kind in ["terms", "postings", "positions", "norms", "stored", "other"] { #expect((bytes[kind] ?? 0) > 0, "\(kind)") }
        #expect(((statistics["analysis"] as? [String: Any])?["language"] as? String) == "en")

        let verify = try CLI.run("quarry-index", ["verify", "--index", index])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("ok:"))

        // Refuses to overwrite without --force.
        let again = try CLI.run("quarry-index", ["build", "--index", index, Workspace.corpus])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists already (use --force to replace it)"))

        // A document whose id is in the index replaces it.
        let story = Workspace.corpus + "/news/2024-01-08-leeds-bin-collection-changes.txt"
        let add = try CLI.run("quarry-index", ["add", "--index", index, story])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("1 replaced"))
        #expect(try live(index) == 115)

        let delete = try CLI.run("quarry-index", ["delete", "--index", index, "fr-0001", "de-0002", "no-such-id"])
        #expect(delete.status == 0)
        #expect(delete.stdout.hasPrefix("deleted 2 of 3 ids"))
        #expect(try live(index) == 113)
        #expect(((try stats(index)["documents"] as? [String: Any])?["deleted"] as? Int ?? 0) >= 2)

        let merge = try CLI.run("quarry-index", ["merge", "--index", index])
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = try stats(index)
        #expect(merged["segments"] as? Int == 1)
        #expect((merged["documents"] as? [String: Any])?["deleted"] as? Int == 0)
        #expect(try CLI.run("quarry-index", ["verify", "--index", index]).status == 0)

        let forced = try CLI.run("quarry-index", ["build", "--index", index, "--force", "--language", "none", Workspace.corpus + "/world"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try live(index) == 7)
        // Only the new commit's files remain.
        let files = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasPrefix("s") }
        #expect(Set(files.map { $0.split(separator: ".")[0] }).count == (try stats(index)["segments"] as? Int))
    }

    @Test func badInputIsReportedAndTheRestIndexed() throws {
        let workspace = Workspace()
        let input = workspace.file("input")
        workspace.write("input/docs.jsonl", """
            {"id": "a", "title": "First", "text": "the council met"}
            {"id": "b", "title": "Broken", "text": "no closing brace"
            {"title": "No id here", "text": "orphan"}
            {"_id": "c", "title": "Third", "body": "budget", "date": "2024-05-01", "url": "https://example.gov.uk/c", "extra": "kept"}

            not json at all
            {"id": "a", "title": "First again", "text": "the later one wins"}
            """)
        workspace.write("input/invalid.jsonl", [0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0x64, 0x22, 0x2C, 0x22, 0x74, 0x65, 0x78, 0x74,
                                                0x22, 0x3A, 0x22, 0x62, 0x61, 0xFF, 0x64, 0x22, 0x7D, 0x0A])
        workspace.write("input/binary.txt", [0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0x00, 0x01, 0x02, 0x00])
        workspace.write("input/empty.txt", "")
        workspace.write("input/array.json", """
            [{"id": "j1", "title": "One", "text": "alpha"},
             {"id": "j2", "title": "Two", "text": "beta"},
             {"id": "j3", "title": "Three" "text": "gamma"},
             {"id": "j4", "title": "Four", "text": "delta"}]
            """)
        workspace.write("input/notes.md", "# A heading title\n\nSome *markdown* body.\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.file("input/dangling.txt"), withDestinationPath: workspace.file("nowhere.txt"))

        let index = workspace.file("index")
        let build = try CLI.run("quarry-index", ["build", "--index", index, "--threads", "1", input])
        #expect(build.status == 0, "\(build.stderr)")
        let stderr = build.stderr
        #expect(stderr.contains("docs.jsonl:2:"), "\(stderr)")
        #expect(stderr.contains("docs.jsonl:3: document without \"id\" or \"_id\""))
        #expect(stderr.contains("docs.jsonl:6:1: malformed JSON"))
        #expect(stderr.contains("duplicate id 'a'"))
        #expect(stderr.contains("invalid.jsonl:1: invalid UTF-8: 1 sequence(s) replaced"))
        #expect(stderr.contains("binary.txt: binary file"))
        #expect(stderr.contains("empty.txt: empty file"))
        #expect(stderr.contains("array.json:3:"))
        #expect(stderr.contains("dangling.txt"))
        // a (the later one), c, d, j1, j2, and notes.md.
        #expect(try live(index) == 6)
        #expect(build.stdout.contains("malformed skipped"))
        #expect(try CLI.run("quarry-index", ["verify", "--index", index]).status == 0)

        // --strict makes the first malformed document fatal, and nothing is committed.
        let strictIndex = workspace.file("strict")
        let strict = try CLI.run("quarry-index", ["build", "--index", strictIndex, "--strict", input])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("--strict"))
        #expect(!FileManager.default.fileExists(atPath: strictIndex + "/MANIFEST"))
    }

    @Test func secondWriterIsRefusedNamingTheLockHolder() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        #expect(try CLI.run("quarry-index", ["build", "--index", index, Workspace.corpus + "/world"]).status == 0)
        let writer = try Index.open(at: URL(fileURLWithPath: index)).writer()
        let refused = try CLI.run("quarry-index", ["add", "--index", index, Workspace.corpus + "/world"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("index is locked by process \(ProcessInfo.processInfo.processIdentifier)"))
        _ = writer
    }

    @Test func usageErrors() throws {
        let noPaths = try CLI.run("quarry-index", ["build", "--index", "/tmp/x"])
        #expect(noPaths.status != 0)
        let badThreads = try CLI.run("quarry-index", ["build", "--index", "/tmp/x", "--threads", "0", "a"])
        #expect(badThreads.status != 0)
        #expect(badThreads.stderr.contains("--threads"))
        let notIndex = try CLI.run("quarry-index", ["stats", "--index", "/nonexistent/quarry"])
        #expect(notIndex.status == 1)
        #expect(notIndex.stderr.contains("not a Quarry index"))
    }
}
