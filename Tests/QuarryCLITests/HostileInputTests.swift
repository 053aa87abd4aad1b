import Foundation
import Testing

/// `quarry-index build` on hostile input, end to end: each problem gets a clear message naming
/// the file (and line), and the rest of the input is indexed.
@Suite struct HostileInputTests {
    /// Runs a Python 3 script (the standard library's zlib makes the gzip files) with `arguments`.
    private func python(_ script: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 failed")
    }

    @Test func aFiftyMegabyteLineIsSkippedAndTheNextLineIndexed() throws {
        let workspace = Workspace()
        let big = #"{"id": "big", "text": ""# + String(repeating: "word ", count: 10_000_000) + "\"}\n"
        workspace.write("input/big.jsonl", big + #"{"id": "after", "text": "kept"}"# + "\n")
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")], options: ["--threads", "1"])
        #expect(build.stderr.contains("big.jsonl:1: line longer than the limit of 32 MiB for one document: skipped"), "\(build.stderr)")
        #expect(try CLI.liveDocuments(index) == 1)
    }

    @Test func aGigabyteLineIsSkippedInBoundedMemory() throws {
        // One line of 1 GiB of 'a' (1024 gzip members of 1 MiB each, about 1 MB on disk), read
        // with the address space limited to 1 GiB: holding the line whole cannot fit. (Under a
        // sanitizer, whose shadow memory needs far more address space, without the limit.)
        let workspace = Workspace()
        try FileManager.default.createDirectory(atPath: workspace.file("input"), withIntermediateDirectories: true)
        try python("""
            import gzip, sys
            member = gzip.compress(b'a' * (1 << 20))
            with open(sys.argv[1], 'wb') as out:
                for _ in range(1024): out.write(member)
                out.write(gzip.compress(b'\\n{"id": "after", "text": "kept"}\\n'))
            """, [workspace.file("input/huge.jsonl.gz")])
        let index = workspace.file("index")
        let binary = CLI.binaries.appendingPathComponent("quarry-index").path
        let limit = ProcessInfo.processInfo.environment["QUARRY_SANITIZER"] == nil ? "ulimit -v 1048576 && " : ""
        let build = try CLI.run("/bin/sh", ["-c", limit + "exec \"$0\" \"$@\"", binary, "build", "--index", index,
                                            "--threads", "1", "--memory-mb", "64", workspace.file("input")])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("huge.jsonl.gz:1: line longer than the limit"), "\(build.stderr)")
        #expect(try CLI.liveDocuments(index) == 1)
        // Nor does /dev/zero, in any format, hang or exhaust memory: it is binary.
        let good = workspace.write("good.jsonl", #"{"id": "good"}"# + "\n")
        for format in ["jsonl", "json", "text"] {
            let zero = try CLI.buildIndex(workspace.file("zero-" + format), ["/dev/zero", good], options: ["--format", format])
            #expect(zero.stderr.contains("/dev/zero: binary file (NUL bytes): skipped"), "\(zero.stderr)")
        }
    }

    @Test func binaryFilesAreSkipped() throws {
        let workspace = Workspace()
        workspace.write("input/binary.jsonl", [0x7B, 0x00, 0xFF, 0x00, 0x0A])
        workspace.write("input/binary.txt", [0x54, 0x0A, 0x00, 0x01])
        workspace.write("input/good.jsonl", #"{"id": "good", "text": "fine"}"# + "\n")
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")])
        #expect(build.stderr.contains("binary.jsonl: binary file (NUL bytes): skipped"), "\(build.stderr)")
        #expect(build.stderr.contains("binary.txt: binary file (NUL bytes): skipped"))
        #expect(try CLI.liveDocuments(index) == 1)
    }

    @Test func damagedGzipIsAnErrorAndTheDocumentsBeforeAreKept() throws {
        let workspace = Workspace()
        // 2000 lines, flushed after each (so a cut at a flush point decodes cleanly up to it):
        // cut after line 50, without the trailer, and with a wrong check value.
        try python("""
            import sys, zlib
            folder = sys.argv[1]
            z = zlib.compressobj(6, zlib.DEFLATED, 31)
            data, cut = b'', 0
            for i in range(2000):
                data += z.compress(b'{"id": "d%d", "text": "line %d of the archive %s"}\\n' % (i, i, b'x' * 80))
                data += z.flush(zlib.Z_SYNC_FLUSH)
                if i == 49: cut = len(data)
            data += z.flush()
            open(folder + '/cut.jsonl.gz', 'wb').write(data[:cut])
            open(folder + '/untrailed.jsonl.gz', 'wb').write(data[:-8])
            bad = bytearray(data); bad[-8] ^= 0xFF
            open(folder + '/badcheck.jsonl.gz', 'wb').write(bytes(bad))
            """, [workspace.file("")])
        for (name, message) in [("cut", "unexpected end of compressed data (truncated) after line 50"),
                                ("untrailed", "unexpected end of compressed data (truncated) after line 2000"),
                                ("badcheck", "incorrect data check after line")] {
            let index = workspace.file("index-" + name)
            let build = try CLI.buildIndex(index, [workspace.file(name + ".jsonl.gz")])
            #expect(!build.stderr.contains("malformed"), "\(build.stderr)")
            let line = build.stderr.split(separator: "\n").first { $0.contains(message) }
            #expect(line?.hasPrefix("error: " + workspace.file(name + ".jsonl.gz") + ": read error: ") == true, "\(build.stderr)")
            #expect(line?.contains("the documents before it are kept") == true)
            #expect(build.stdout.contains("1 file unreadable or damaged"), "\(build.stdout)")
            let kept = try #require(try CLI.liveDocuments(index))
            switch name {
            case "cut": #expect(kept == 50)
            case "untrailed": #expect(kept == 2000)
            default: #expect(kept > 1000 && kept < 2000, "\(kept)")  // all but the last 64 KiB read
            }
            // --strict makes it fatal, committing nothing.
            let strict = try CLI.run("quarry-index", ["build", "--index", index + "-strict", "--strict", workspace.file(name + ".jsonl.gz")])
            #expect(strict.status == 1)
            #expect(!FileManager.default.fileExists(atPath: index + "-strict/MANIFEST"))
        }
    }

    @Test func symbolicLinkLoopsAreReported() throws {
        let workspace = Workspace()
        workspace.write("input/folder/doc.txt", "Title\nBody")
        try FileManager.default.createSymbolicLink(atPath: workspace.file("input/folder/back"), withDestinationPath: workspace.file("input"))
        try FileManager.default.createSymbolicLink(atPath: workspace.file("input/self.txt"), withDestinationPath: workspace.file("input/self.txt"))
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input"), workspace.file("input/self.txt")])
        #expect(build.stderr.contains("input/self.txt: cannot read: Too many levels of symbolic links"), "\(build.stderr)")
        #expect(build.stderr.contains("already read (a symbolic link loop or a second link): skipped"))
        #expect(try CLI.liveDocuments(index) == 1)
    }

    @Test func anUnreadableFileIsAnErrorNamingItOnce() throws {
        // Tests run as root, whom chmod 000 does not stop from reading; /proc/self/mem fails
        // every read at offset 0 (nothing is mapped there) for any user, so a link to it is a
        // file that opens but cannot be read.
        let workspace = Workspace()
        workspace.write("input/good.txt", "Title\nBody")
        try FileManager.default.createSymbolicLink(atPath: workspace.file("input/memory.txt"), withDestinationPath: "/proc/self/mem")
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")])
        let line = try #require(build.stderr.split(separator: "\n").first { $0.contains("memory.txt") })
        #expect(line == "error: \(workspace.file("input/memory.txt")): read error: Input/output error: file skipped")
        #expect(try CLI.liveDocuments(index) == 1)
    }

    @Test func idsWithTabsAndNewlinesAreRefusedAndRunsStayValid() throws {
        let workspace = Workspace()
        workspace.write("input/ids.jsonl", """
            {"id": "tab\\there", "text": "council budget"}
            {"id": "new\\nline", "text": "council budget"}
            {"id": "plain", "text": "council budget"}
            """)
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")])
        #expect(build.stderr.contains("ids.jsonl:1: id contains a control character (\\u{9}): document skipped"), "\(build.stderr)")
        #expect(build.stderr.contains("ids.jsonl:2: id contains a control character (\\u{A}): document skipped"))
        #expect(try CLI.liveDocuments(index) == 1)
        let queries = workspace.write("queries.tsv", "q1\tcouncil budget\n")
        let run = workspace.file("run.txt")
        #expect(try CLI.run("quarry-query", ["batch", "--index", index, "--queries", queries, "--output", run]).status == 0)
        let lines = try String(contentsOfFile: run, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.map { $0.split(separator: " ").count } == [6])
        let qrels = workspace.write("qrels.tsv", "q1\t0\tplain\t1\n")
        let eval = try CLI.run("quarry-query", ["eval", "--qrels", qrels, "--run", run, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
    }

    @Test func aDocumentOfAHundredThousandDistinctTerms() throws {
        let workspace = Workspace()
        let words = (0..<100_000).map { "term\($0)" }.joined(separator: " ")
        workspace.write("input/many.jsonl", #"{"id": "many", "text": ""# + words + "\"}\n" + #"{"id": "small", "text": "term5 other"}"# + "\n")
        let index = workspace.file("index")
        try CLI.buildIndex(index, [workspace.file("input")])
        #expect(try CLI.liveDocuments(index) == 2)
        #expect(try CLI.run("quarry-index", ["verify", "--index", index]).status == 0)
        let search = try CLI.run("quarry-query", ["search", "--index", index, "--json", "term99999"])
        let hits = try CLI.json(search.stdout)["hits"] as? [[String: Any]]
        #expect(hits?.map { $0["id"] as? String } == ["many"])
    }

    @Test func aJSONArrayElementWithoutAnIDSkipsOnlyItself() throws {
        let workspace = Workspace()
        workspace.write("input/array.json", """
            [{"id": "j1", "text": "alpha"},
             {"title": "no id", "text": "orphan"},
             {"id": "j3", "text": "gamma"},
             {"id": "j4", "text": "delta"}]
            """)
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")])
        #expect(build.stderr.contains(#"array.json:2:2: element 2 has no "id" or "_id": skipped"#), "\(build.stderr)")
        #expect(try CLI.liveDocuments(index) == 3)
    }

    @Test func aTextFileOverTheDocumentLimitIsSkipped() throws {
        // 40 MiB of text, compressed: over the 32 MiB limit for one document.
        let workspace = Workspace()
        try FileManager.default.createDirectory(atPath: workspace.file("input"), withIntermediateDirectories: true)
        try python("import gzip, sys; open(sys.argv[1], 'wb').write(gzip.compress(b'Title\\n' + b'word ' * (8 << 20)))",
                   [workspace.file("input/big.txt.gz")])
        workspace.write("input/small.txt", "Small\nbody")
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")])
        #expect(build.stderr.contains("big.txt.gz: larger than the limit of 32 MiB for one document: skipped"), "\(build.stderr)")
        #expect(try CLI.liveDocuments(index) == 1)
    }
}
