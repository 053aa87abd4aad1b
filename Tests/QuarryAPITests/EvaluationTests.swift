import Foundation
import QuarryCore
import Testing

/// The trec_eval measures through the public API, against values worked out by hand.
@Suite struct EvaluationTests {
    @Test func measuresOfOneQuery() {
        let qrels = Qrels(judgements: ["q1": ["a": 1, "c": 2, "z": 1]])
        let run = Run(results: ["q1": [("a", 3), ("b", 2), ("c", 1)]])
        let metrics = TrecEvaluation.evaluate(run: run, qrels: qrels)
        #expect(metrics.queries == 1)
        // AP: relevant at ranks 1 and 3 of 3 relevant: (1/1 + 2/3) / 3.
        #expect(abs(metrics.map - (1 + 2.0 / 3) / 3) < 1e-12)
        // nDCG@10 with trec_eval's gains (the grade itself): (1/log2(2) + 2/log2(4)) over the
        // ideal (2/log2(2) + 1/log2(3) + 1/log2(4)).
        let dcg = 1.0 + 2.0 / 2
        let ideal = 2.0 + 1 / log2(3.0) + 1.0 / 2
        #expect(abs(metrics.ndcg10 - dcg / ideal) < 1e-12)
        #expect(abs(metrics.recall100 - 2.0 / 3) < 1e-12)
    }
}
