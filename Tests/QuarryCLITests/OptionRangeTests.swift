import Foundation
import Testing

/// Every numeric option is checked against its documented range: a clear message and exit 64,
/// never an arithmetic trap or an allocation the machine cannot make.
@Suite struct OptionRangeTests {
    static let workspace = Workspace()
    static let index: String = {
        let path = workspace.file("index")
        let input = workspace.write("docs.jsonl", "{\"id\":\"a\",\"title\":\"council budget\",\"text\":\"the council met\"}\n")
        CLI.buildFixture(path, ["--quiet", input])
        return path
    }()

    private func expectRefused(_ tool: String, _ arguments: [String], naming option: String) throws {
        let result = try CLI.run(tool, arguments)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(option), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("overflow") && !result.stderr.contains("Fatal"), "\(result.stderr)")
    }

    @Test func indexingOptions() throws {
        let input = Self.workspace.write("one.jsonl", "{\"id\":\"x\",\"text\":\"words\"}\n")
        let target = Self.workspace.file("new-index")
        for (option, value) in [("--memory-mb", "99999999999999"), ("--memory-mb", "15"), ("--memory-mb", "-1"),
                                ("--threads", "100000"), ("--threads", "0"), ("--threads", "-3")] {
            try expectRefused("quarry-index", ["build", "--index", target, option, value, input], naming: option)
            try expectRefused("quarry-index", ["add", "--index", Self.index, option, value, input], naming: option)
        }
        try expectRefused("quarry-index", ["merge", "--index", Self.index, "--segments", "0"], naming: "--segments")
        try expectRefused("quarry-index", ["merge", "--index", Self.index, "--segments", "9223372036854775807"], naming: "--segments")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func searchOptions() throws {
        for (option, value) in [("--offset", "9223372036854775807"), ("--offset", "-1"), ("--k", "9223372036854775807"),
                                ("--k1", "1e308"), ("--k1", "nan"), ("--b", "2"), ("--title-weight", "inf"),
                                ("--body-weight", "-1")] {
            try expectRefused("quarry-query", ["search", "--index", Self.index, option, value, "council"], naming: option.dropFirst(2).prefix(2).description)
        }
        try expectRefused("quarry-query", ["batch", "--index", Self.index, "--queries", "q", "--output", "r", "--k", "0"], naming: "--k")
        try expectRefused("quarry-query", ["batch", "--index", Self.index, "--queries", "q", "--output", "r", "--threads", "100000"],
                          naming: "--threads")
        // The largest values allowed still answer.
        let last = try CLI.run("quarry-query", ["search", "--index", Self.index, "--offset", "1000000", "--k", "100000", "council"])
        #expect(last.status == 0, "\(last.stderr)")
    }
}
