import Foundation
import Testing

/// `quarry-query analyze`, end to end.
@Suite struct AnalyzeCommandTests {
    @Test func jsonOutputHasTermsPositionsAndByteOffsets() throws {
        let result = try CLI.run("quarry-query", ["analyze", "--language", "none", "--json", "Ça COÛTE 3.5"])
        #expect(result.status == 0)
        let tokens = try #require(try CLI.json(result.stdout)["tokens"] as? [[String: Any]])
        #expect(tokens.map { $0["term"] as? String } == ["ca", "coute", "3.5"])
        #expect(tokens.map { $0["position"] as? Int } == [0, 1, 2])
        #expect(tokens.map { $0["start"] as? Int } == [0, 4, 11])
        #expect(tokens.map { $0["end"] as? Int } == [3, 10, 14])
    }

    @Test func textOutputAndStemming() throws {
        let result = try CLI.run("quarry-query", ["analyze", "The council’s inspectors"])
        #expect(result.status == 0)
        #expect(result.stdout == "0\tthe\t0-3\tThe\n1\tcouncil\t4-15\tcouncil’s\n2\tinspector\t16-26\tinspectors\n")
    }

    @Test func unknownLanguageWarnsAndDoesNotStem() throws {
        let result = try CLI.run("quarry-query", ["analyze", "--language", "klingon", "--json", "running"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("unknown language 'klingon'"))
        let tokens = try #require(try CLI.json(result.stdout)["tokens"] as? [[String: Any]])
        #expect(tokens.map { $0["term"] as? String } == ["running"])
    }
}
