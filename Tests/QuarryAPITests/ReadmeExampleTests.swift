import Foundation
import QuarryCore
import QuarryTestSupport
import Testing

/// The README's and the Getting Started article's example, as a dependant writes it: the code
/// between the markers is what they show.
@Suite struct ReadmeExampleTests {
    @Test func createAddCommitSearch() async throws {
        let folder = TemporaryDirectory()
        let url = URL(fileURLWithPath: folder.file("news"))
        // README example begins
        struct Article: Codable {
            var id: String
            var title: String
            var body: String
            var source: String
        }

        let schema = try Schema(fields: [.title, .body, FieldDefinition(name: "source", type: .keyword)])
        let index = try Index.create(at: url, schema: schema)
        let writer = try index.writer()
        try await writer.add(Article(id: "1", title: "Ofsted praises children's services",
                                     body: "Inspectors found strong supervision and a family help service.", source: "BBC"))
        try await writer.commit()

        let query: Query = .term("title", "ofsted") && .phrase("body", "family help service")
        let results = try index.searcher().search(query, options: SearchOptions(snippetField: "body"))
        for hit in results.hits {
            print(hit.id, hit.score, hit.snippet?.marked(open: "**", close: "**") ?? "")
        }
        // README example ends
        #expect(results.hits.map(\.id) == ["1"])
        #expect(results.hits[0].snippet?.marked(open: "**", close: "**").contains("**family help service**") == true)
    }

    /// The README shows exactly the code above (between the markers, without its indentation).
    @Test func theReadmeShowsThisCode() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)
        let opening = "```swift\nimport QuarryCore\n\n"
        let start = try #require(readme.range(of: opening)).upperBound
        let end = try #require(readme.range(of: "```", range: start..<readme.endIndex)).lowerBound
        let shown = String(readme[start..<end])
        let lines = source.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex { $0.hasSuffix("// README example begins") })
        let last = try #require(lines.firstIndex { $0.hasSuffix("// README example ends") })
        let tested = lines[(first + 1)..<last].map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : $0 }
        #expect(shown == tested.joined(separator: "\n") + "\n")
    }
}
