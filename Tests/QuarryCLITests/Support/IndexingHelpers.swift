import Foundation
import Testing

extension CLI {
    /// `quarry-index build` of `paths` into `index` (with `options`), expected to succeed.
    @discardableResult
    static func buildIndex(_ index: String, _ paths: [String], options: [String] = []) throws -> Result {
        let result = try run("quarry-index", ["build", "--index", index] + options + paths)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    /// `quarry-index build` of a suite's shared index: a fixture that cannot be built stops the
    /// run loudly rather than leaving every test to fail on a missing index.
    static func buildFixture(_ index: String, _ arguments: [String]) {
        do {
            let result = try run("quarry-index", ["build", "--index", index] + arguments)
            precondition(result.status == 0, "cannot build the test index \(index): \(result.stderr)")
        } catch {
            preconditionFailure("cannot run quarry-index: \(error)")
        }
    }

    /// The live documents of `index`, as `quarry-index stats` counts them.
    static func liveDocuments(_ index: String) throws -> Int? {
        let result = try run("quarry-index", ["stats", "--index", index, "--json"])
        return (try json(result.stdout)["documents"] as? [String: Any])?["live"] as? Int
    }
}
