import Foundation
import Testing

/// `quarry-query eval` against hand-computed trec_eval figures and against trec_eval itself
/// (its Python binding, pytrec_eval, which scripts/test installs).
@Suite struct EvalCommandTests {
    private func evaluate(_ workspace: Workspace, qrels: String, run: String) throws -> [String: Any] {
        let result = try CLI.run("quarry-query", ["eval", "--qrels", workspace.write("qrels", qrels), "--run", workspace.write("run", run), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try CLI.json(result.stdout)
    }

    @Test func handComputedFigures() throws {
        let workspace = Workspace()
        // q1: d2 (grade 2) at rank 1, d1 (grade 1) at rank 3 after a tie broken by id
        // descending (d4 before d1), d5 never retrieved. q2: no run. q3: nothing relevant.
        let metrics = try evaluate(workspace, qrels: """
            q1 0 d1 1
            q1 0 d2 2
            q1 0 d5 1
            q2 0 d3 1
            q3 0 d9 0
            """, run: """
            q1 Q0 d2 1 3.0 x
            q1 Q0 d1 2 2.0 x
            q1 Q0 d4 3 2.0 x
            q1 Q0 d6 4 1.0 x
            """)
        let dcg = 2.0 + 1.0 / log2(4.0)
        let ideal = 2.0 + 1.0 / log2(3.0) + 1.0 / log2(4.0)
        #expect(abs((metrics["ndcg_cut_10"] as? Double ?? 0) - dcg / ideal / 2) < 1e-12)
        #expect(abs((metrics["map"] as? Double ?? 0) - (1.0 + 2.0 / 3.0) / 3 / 2) < 1e-12)
        #expect(abs((metrics["recall_100"] as? Double ?? 0) - 2.0 / 3 / 2) < 1e-12)
        #expect(abs((metrics["P_10"] as? Double ?? 0) - 0.2 / 2) < 1e-12)
        #expect(metrics["queries"] as? Int == 2)
    }

    @Test func agreesWithTrecEvalOnRandomRuns() throws {
        let workspace = Workspace()
        var seed: UInt64 = 12345
        func random(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var qrels = ""
        var run = ""
        for q in 0..<40 {
            for d in 0..<30 where random(4) == 0 { qrels += "q\(q) 0 d\(d) \(random(4))\n" }
            if q % 7 == 3 { continue }  // queries without a run
            for (rank, d) in (0..<30).filter({ _ in random(3) > 0 }).enumerated() {
                run += "q\(q) Q0 d\(d) \(rank + 1) \(Double(random(20)) / 4) x\n"  // many ties
            }
        }
        let ours = try evaluate(workspace, qrels: qrels, run: run)
        let script = """
            import json, sys, pytrec_eval
            qrels, run = {}, {}
            for line in open(sys.argv[1]):
                q, _, d, g = line.split(); qrels.setdefault(q, {})[d] = int(g)
            for line in open(sys.argv[2]):
                q, _, d, _, s, _ = line.split(); run.setdefault(q, {})[d] = float(s)
            judged = [q for q, docs in qrels.items() if any(g > 0 for g in docs.values())]
            results = pytrec_eval.RelevanceEvaluator(qrels, {'ndcg_cut.10', 'map', 'recall.100', 'P.10'}).evaluate(run)
            means = {m: sum(results.get(q, {}).get(m, 0.0) for q in judged) / len(judged)
                     for m in ['ndcg_cut_10', 'map', 'recall_100', 'P_10']}
            print(json.dumps(means))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, workspace.file("qrels"), workspace.file("run")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "pytrec_eval is needed: pip install pytrec-eval-terrier")
        let reference = try CLI.json(String(decoding: output, as: UTF8.self))
        for metric in ["ndcg_cut_10", "map", "recall_100", "P_10"] {
            let a = ours[metric] as? Double ?? -1
            let b = reference[metric] as? Double ?? -2
            #expect(abs(a - b) < 1e-9, "\(metric): quarry \(a), trec_eval \(b)")
        }
    }
}
