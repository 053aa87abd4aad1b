import Foundation
import Testing

/// A damaged index, end to end: `verify`, `search` and `stats` exit non-zero with a message
/// naming the damaged file; a stray file is only noted.
@Suite struct CorruptIndexCommandTests {
    enum Damage: CaseIterable {
        case flippedByte, truncated, deleted
    }

    /// An index of corpus/ in `workspace`, built with one thread (so one segment, s000001).
    private func build(_ workspace: Workspace) throws -> String {
        let index = workspace.file("index")
        let build = try CLI.run("quarry-index", ["build", "--index", index, "--threads", "1", Workspace.corpus])
        #expect(build.status == 0, "\(build.stderr)")
        return index
    }

    @Test(arguments: [("norms", Damage.flippedByte), ("terms", .truncated), ("pos", .deleted), ("store", .flippedByte)])
    func damagedFileIsNamedByEveryCommand(file: String, damage: Damage) throws {
        let workspace = Workspace()
        let index = try build(workspace)
        let path = "\(index)/s000001.\(file)"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        switch damage {
        case .flippedByte: bytes[bytes.count - 9] ^= 0x10  // the body's last byte, just before the footer
        case .truncated: bytes.removeLast(bytes.count / 3)
        case .deleted: bytes = []
        }
        if damage == .deleted { try FileManager.default.removeItem(atPath: path) } else { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

        let verify = try CLI.run("quarry-index", ["verify", "--index", index])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains(path), "\(verify.stderr)")
        // The stored text is checked a block at a time, when a hit is shown: its index (at the
        // end of the file) is read at the first hit.
        let search = try CLI.run("quarry-query", ["search", "--index", index, "council"])
        #expect(search.status == 1)
        #expect(search.stderr.contains(path), "\(search.stderr)")
        if file != "store" {
            let stats = try CLI.run("quarry-index", ["stats", "--index", index])
            #expect(stats.status == 1)
            #expect(stats.stderr.contains(path), "\(stats.stderr)")
        }
    }

    @Test func strayFileIsNotedNotAnError() throws {
        let workspace = Workspace()
        let index = try build(workspace)
        try Data("left over".utf8).write(to: URL(fileURLWithPath: "\(index)/s000099.terms"))
        let verify = try CLI.run("quarry-index", ["verify", "--index", index])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("note: \(index)/s000099.terms is not part of the commit"), "\(verify.stdout)")
        #expect(try CLI.run("quarry-query", ["search", "--index", index, "council"]).status == 0)
    }
}
