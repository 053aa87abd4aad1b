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

    /// The live documents of `index`, as `quarry-index stats` counts them.
    static func liveDocuments(_ index: String) throws -> Int? {
        let result = try run("quarry-index", ["stats", "--index", index, "--json"])
        return (try json(result.stdout)["documents"] as? [String: Any])?["live"] as? Int
    }
}
