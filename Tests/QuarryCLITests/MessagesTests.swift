import Foundation
import Testing

/// Exit statuses and messages of the command-line tools: failures are named, one line each,
/// and the work that can go on does.
@Suite struct MessagesTests {
    @Test func aBuildOfOnlyMissingPathsFailsNamingThem() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        let missing = [workspace.file("missing.jsonl"), workspace.file("no/such/folder")]
        let build = try CLI.run("quarry-index", ["build", "--index", index] + missing)
        #expect(build.status == 1)
        for path in missing { #expect(build.stderr.contains("error: \(path): cannot read: No such file or directory"), "\(build.stderr)") }
        #expect(build.stderr.contains("quarry-index: error: nothing indexed: could not read \(missing[0]), \(missing[1]); nothing committed"))
        #expect(!FileManager.default.fileExists(atPath: index), "the folder made for the index is removed again")

        // With some good paths, the missing ones are reported and the rest is indexed.
        let good = workspace.write("good.jsonl", #"{"id": "g", "text": "fine"}"# + "\n")
        let mixed = try CLI.run("quarry-index", ["build", "--index", index, missing[0], good])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stderr.contains("error: \(missing[0]): cannot read: No such file or directory"))
        #expect(try CLI.liveDocuments(index) == 1)
    }

    @Test func emptyJSONLinesFilesAndDuplicateIDsAreReportedWithTheirPlace() throws {
        let workspace = Workspace()
        workspace.write("input/a.jsonl", #"{"id": "x", "text": "first"}"# + "\n")
        workspace.write("input/b.jsonl", #"{"id": "y", "text": "other"}"# + "\n" + #"{"id": "x", "text": "second"}"# + "\n")
        workspace.write("input/c.jsonl", "")
        let build = try CLI.buildIndex(workspace.file("index"), [workspace.file("input")])
        #expect(build.stderr.contains("warning: \(workspace.file("input/b.jsonl")):2: duplicate id 'x': the later document replaces the earlier"),
                "\(build.stderr)")
        #expect(build.stderr.contains("warning: \(workspace.file("input/c.jsonl")): empty file: skipped"))
        #expect(try CLI.liveDocuments(workspace.file("index")) == 2)
    }

    @Test func batchOutputThatCannotBeWrittenIsOneLine() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        _ = try CLI.buildIndex(index, [Workspace.corpus + "/world"])
        let queries = workspace.write("queries.tsv", "q1\tcouncil\n")
        // A folder that is a file: root may write to read-only folders, but not there.
        let blocker = workspace.write("file", "not a folder")
        let batch = try CLI.run("quarry-query", ["batch", "--index", index, "--queries", queries, "--output", blocker + "/run.txt"])
        #expect(batch.status == 1)
        let lines = batch.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(batch.stderr)")
        #expect(lines.first?.hasPrefix("quarry-query: error: \(blocker)/run.txt: write failed: ") == true, "\(batch.stderr)")
        #expect(!batch.stderr.contains("Error Domain"))
    }

    @Test func queriesOnStandardInputGoOnAfterAnError() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        _ = try CLI.buildIndex(index, [Workspace.corpus + "/world"])
        let result = try CLI.run("quarry-query", ["search", "--index", index, "--json", "--k", "1"], input: "council\n(unclosed\n\nriver\n")
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 2, "\(result.stdout)")
        #expect(result.stderr.contains("quarry-query: error: standard input, line 2: query syntax error at column 1"), "\(result.stderr)")
    }

    @Test func documentTextNeverReachesTheTerminalRaw() throws {
        let workspace = Workspace()
        let title = "Evil \u{1B}]0;owned\u{07}title \u{1B}[31mred\u{7F}"
        let line = "{\"id\": \"esc-doc\", \"title\": \"Evil \\u001b]0;owned\\u0007title \\u001b[31mred\\u007f\", "
            + "\"text\": \"Evil body \\u001b[2J cleared \\u009b31m and\\ta tab\\nand a line\", \"date\": \"2024-01-01\\u001b[8m\"}\n"
        workspace.write("input/evil.jsonl", line)
        let index = workspace.file("index")
        workspace.write("schema.json", #"{"fields": [{"name": "date", "type": "date"}]}"#)
        let build = try CLI.buildIndex(index, [workspace.file("input")], options: ["--schema", workspace.file("schema.json")])
        // Not a date: refused, named, shown escaped, and the rest of the document kept.
        #expect(build.stderr.contains(#"evil.jsonl:1: field 'date': expected a date"#), "\(build.stderr)")
        #expect(build.stderr.contains(#"2024-01-01\u{1B}[8m"#), "\(build.stderr)")

        let text = try CLI.run("quarry-query", ["search", "--index", index, "evil"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, "\(text.stdout)")
        #expect(text.stdout.contains(#"Evil \u{1B}]0;owned\u{7}title \u{1B}[31mred\u{7F}"#), "\(text.stdout)")
        #expect(text.stdout.contains(#"\u{1B}[2J cleared \u{9B}31m and a tab and a line"#))

        let json = try CLI.run("quarry-query", ["search", "--index", index, "--json", "evil"])
        #expect(!json.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, "\(json.stdout)")
        let hit = try #require((try CLI.json(json.stdout)["hits"] as? [[String: Any]])?.first)
        #expect(hit["title"] as? String == title)
        #expect((hit["snippet"] as? String)?.contains("\u{1B}[2J cleared \u{9B}31m and\ta tab") == true, "\(hit)")
    }
}
