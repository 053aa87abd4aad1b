import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Shard runs: written and read back exactly, bad lines named by line and column, and merged by
/// score, then shard, then document number.
@Suite struct ShardRunTests {
    @Test func scoresRoundTripExactly() throws {
        var generator = SeededGenerator(seed: 8)
        let answers = (0..<30).map { q in
            ShardRun.Answer(query: "q\(q) \"quoted\"\t", hits: (0..<Int.random(in: 0...5, using: &generator)).map { d in
                let score = Double(bitPattern: UInt64.random(in: 0x3C00_0000_0000_0000...0x4300_0000_0000_0000, using: &generator))
                return ShardRun.Hit(id: "doc\\\(d)\u{1}", score: score, document: Int.random(in: 0...1_000_000, using: &generator))
            }, total: Int.random(in: 0...99, using: &generator), totalIsExact: Bool.random(using: &generator))
        }
        let run = ShardRun(answers: answers)
        #expect(try ShardRun(jsonLines: run.jsonLines, file: "run") == run)
    }

    @Test func badLinesAreNamedByLineAndColumn() {
        let good = #"{"query":"q1","total":1,"total_exact":true,"hits":[{"id":"a","score":1.5,"document":0}]}"#
        let cases: [(String, Int, Int)] = [
            (good + "\n" + #"{"query":"q2","total":1,"total_exact":true,"hits":[{"id":"a","score":"x","document":0}]}"#, 2, 62),
            (good + "\n\n" + #"{"query":"q2","total":-1,"total_exact":true,"hits":[]}"#, 3, 23),
            (#"{"query":"q1","hits":[]}"#, 1, 1),
            (#"{"query":"q1","total":1,"total_exact":true,"hits":[],"extra":1}"#, 1, 54),
            ("[1]", 1, 1),
            (#"{"query":"q1","#, 1, 15),
        ]
        for (text, line, column) in cases {
            do {
                _ = try ShardRun(jsonLines: text, file: "r.jsonl")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.line == line && error.column == column, "\(error) for \(text)")
                #expect("\(error)".hasPrefix("r.jsonl:\(line):"))
            }
        }
    }

    @Test func mergeOrdersByScoreThenShardThenDocument() throws {
        func run(_ hits: [(String, Double, Int)], total: Int = 5) -> ShardRun {
            ShardRun(answers: [ShardRun.Answer(query: "q", hits: hits.map { ShardRun.Hit(id: $0.0, score: $0.1, document: $0.2) },
                                               total: total, totalIsExact: true)])
        }
        let runs = [run([("a", 3, 4), ("b", 2, 1), ("c", 2, 7)]), run([("d", 3, 0), ("e", 2, 0)], total: 2), run([("f", 4, 9)])]
        let merged = try ShardRun.merged(runs, offset: 1, k: 4)
        #expect(merged[0].hits.map(\.hit.id) == ["a", "d", "b", "c"])
        #expect(merged[0].hits.map(\.shard) == [0, 1, 0, 0])
        #expect(merged[0].total == 12 && merged[0].totalIsExact)
        #expect(throws: ShardRunError.self) { try ShardRun.merged([runs[0], ShardRun(answers: [])], offset: 0, k: 1) }
    }
}
