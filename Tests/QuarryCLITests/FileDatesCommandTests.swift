import Foundation
import Testing

/// `quarry-index build --file-dates`, and the dates of corpus/'s HTML pages, end to end.
@Suite struct FileDatesCommandTests {
    private func total(_ index: String, _ query: String) throws -> (total: Int?, hits: [[String: Any]]) {
        let result = try CLI.run("quarry-query", ["search", "--index", index, "--json", "--k", "50", query])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try CLI.json(result.stdout)
        return (json["total"] as? Int, json["hits"] as? [[String: Any]] ?? [])
    }

    @Test func fileDatesAreFilterableOnlyWhenAskedFor() throws {
        let workspace = Workspace()
        let old = workspace.write("input/old.txt", "Depot opens\n\nThe gritting depot opens.")
        let new = workspace.write("input/new.md", "# Depot closes\n\nThe gritting depot closes.")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_673_000_000)], ofItemAtPath: old)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_718_000_000)], ofItemAtPath: new)

        let dated = workspace.file("dated")
        let build = try CLI.run("quarry-index", ["build", "--index", dated, "--file-dates", "--quiet", workspace.file("input")])
        #expect(build.status == 0, "\(build.stderr)")
        let recent = try total(dated, "depot date:>=2024")
        #expect(recent.total == 1)
        #expect(recent.hits.first?["title"] as? String == "Depot closes")
        #expect(recent.hits.first?["date"] as? String == "2024-06-10T06:13:20Z")
        #expect(try total(dated, "depot date:[2023-01-01 TO 2023-12-31]").total == 1)

        let plain = workspace.file("plain")
        #expect(try CLI.run("quarry-index", ["build", "--index", plain, "--quiet", workspace.file("input")]).status == 0)
        #expect(try total(plain, "depot").total == 2)
        #expect(try total(plain, "depot date:>=2000").total == 0)
    }

    @Test func corpusPagesHaveTheirPublishedDates() throws {
        let workspace = Workspace()
        let index = workspace.file("index")
        #expect(try CLI.run("quarry-index", ["build", "--index", index, "--quiet", Workspace.corpus + "/web"]).status == 0)
        let december = try total(index, "council date:[2024-12-01 TO 2024-12-31]")
        let ids = december.hits.compactMap { ($0["id"] as? String).map { ($0 as NSString).lastPathComponent } }.sorted()
        #expect(ids == ["bin-collection-calendar.html", "library-opening-hours.html"])
        #expect(december.hits.contains { $0["date"] as? String == "2024-12-16T10:00:00Z" })
    }
}
