import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QuarryCore
import Testing

/// `quarry-serve` as a user starts it: it says where it listens, serves, holds the index's
/// lock (naming itself in the refusal), refuses to start on a bad index, and stops gracefully on
/// SIGTERM.
@Suite struct ServeCommandTests {
    /// A running server: the process, and the address it printed.
    private struct Running {
        let process: Process
        let address: URL
        let output: URL
    }

    private func start(_ arguments: [String], in workspace: Workspace) throws -> Running {
        let process = Process()
        process.executableURL = CLI.binaries.appendingPathComponent("quarry-serve")
        process.arguments = ["--port", "0", "--threads", "1"] + arguments
        let output = URL(fileURLWithPath: workspace.write("serve.out", ""))
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: workspace.write("serve.err", "")))
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression), let url = URL(string: String(text[range])) {
                return Running(process: process, address: url, output: output)
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not say where it listens"])
    }

    private func get(_ url: URL) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func servesHoldsTheLockAndStopsOnSIGTERM() async throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        #expect(try CLI.run("quarry-index", ["build", "--index", index, Workspace.corpus + "/world"]).status == 0)
        let server = try start(["--index", index], in: workspace)
        let health = try await get(server.address.appendingPathComponent("health"))
        #expect(health.status == 200 && health.body == #"{"status":"available"}"#)
        let page = try await get(URL(string: server.address.absoluteString + "/?q=council")!)
        #expect(page.status == 200 && page.body.contains("<html"))
        let refused = try CLI.run("quarry-index", ["add", "--index", index, Workspace.corpus + "/world"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("(quarry-serve)"), "\(refused.stderr)")
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)
        // The lock went with the server.
        #expect(try CLI.run("quarry-index", ["add", "--index", index, Workspace.corpus + "/world"]).status == 0)
    }

    @Test func aBadIndexOrKeyStopsItBeforeItListens() throws {
        let workspace = Workspace()
        let missing = try CLI.run("quarry-serve", ["--index", workspace.file("none"), "--port", "0"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot serve"), "\(missing.stderr)")
        let created = try CLI.run("quarry-serve", ["--index", workspace.file("new"), "--port", "0",
                                                   "--api-key-file", workspace.write("short.key", "abc\n")])
        #expect(created.status == 1 && created.stderr.contains("at least 16 bytes"), "\(created.stderr)")
    }
}
