import Foundation
import Testing

/// A schema's own text fields from the command line: searched with title and body when a query
/// names no field (weight above 0), only when named at weight 0, and weighted by the schema.
@Suite struct TextFieldsCommandTests {
    @Test func extraTextFieldsAreSearchedByTheirWeights() throws {
        let workspace = Workspace()
        workspace.write("input/docs.jsonl", [
            #"{"id": "a", "title": "Council report", "text": "The council met.", "summary": "Flood defences along the river", "notes": "flood"}"#,
            #"{"id": "b", "title": "Ward report", "text": "Rain is expected.", "summary": "Weather", "notes": "none"}"#,
            #"{"id": "c", "title": "Schools", "text": "Ofsted visited.", "summary": "Inspections", "notes": "flood defences checked"}"#,
            #"{"id": "d", "title": "Library", "text": "A flood of new books.", "summary": "Reading", "notes": "none"}"#,
        ].joined(separator: "\n") + "\n")
        workspace.write("schema.json", #"""
            {"fields": [{"name": "summary", "type": "text", "weight": 5}, {"name": "notes", "type": "text", "weight": 0}]}
            """#)
        let index = workspace.file("index")
        let build = try CLI.buildIndex(index, [workspace.file("input")], options: ["--schema", workspace.file("schema.json")])
        #expect(build.status == 0, "\(build.stderr)")

        func ids(_ query: String, _ options: [String] = []) throws -> [String] {
            let result = try CLI.run("quarry-query", ["search", "--index", index, "--json", "--no-snippets"] + options + [query])
            #expect(result.status == 0, "\(result.stderr)")
            return (try CLI.json(result.stdout)["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        // `summary` (weight 5) is searched by default and outranks the body; `notes` (weight 0) is not.
        #expect(try ids("flood") == ["a", "d"])
        #expect(try ids("\"flood defences\"") == ["a"])
        // Named, each field is searched alone.
        #expect(try ids("notes:flood") == ["a", "c"])
        #expect(try ids("notes:\"flood defences\"") == ["c"])
        #expect(try ids("summary:river") == ["a"])
        // A body weight given on the command line overrides the schema's: the body's match now leads.
        #expect(try ids("flood", ["--body-weight", "200"]) == ["d", "a"])
    }
}
