import Foundation
import Testing

/// `build` never removes a file Quarry did not make.
@Suite struct BuildFolderTests {
    @Test func buildRefusesAFolderOfOtherFiles() throws {
        let workspace = Workspace()
        let input = workspace.write("in/docs.jsonl", "{\"id\":\"a\",\"text\":\"words\"}\n")
        let photos = ["s123456.jpg", "s000001.txt", "s\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}.post", "holiday.png"]
        for name in photos { workspace.write("photos/\(name)", "a user's file") }
        let folder = workspace.file("photos")
        for arguments in [["build", "--index", folder, input], ["build", "--index", folder, "--force", input]] {
            let result = try CLI.run("quarry-index", arguments)
            #expect(result.status == 1, "\(result.stdout)")
            #expect(result.stderr.contains("not empty and not a Quarry index"), "\(result.stderr)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == Set(photos))
        // An empty folder is fine.
        try FileManager.default.createDirectory(atPath: workspace.file("empty"), withIntermediateDirectories: true)
        let build = try CLI.run("quarry-index", ["build", "--index", workspace.file("empty"), "--quiet", input])
        #expect(build.status == 0, "\(build.stderr)")
    }
}
