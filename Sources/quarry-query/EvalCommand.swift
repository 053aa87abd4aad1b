import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-query eval`: a run scored against judgements, as trec_eval does.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a TREC run against relevance judgements: nDCG@10, MAP, Recall@100, P@10 (as trec_eval -c)."
    )

    @Option(help: "Judgements: BEIR qrels TSV (query-id, corpus-id, score) or TREC qrels (qid 0 docid grade).")
    var qrels: String

    @Option(name: .customLong("run"), help: "The run (qid Q0 docid rank score tag).")
    var runFile: String

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors(of: "quarry-query") {
            let metrics = TrecEvaluation.evaluate(run: try Run.load(runFile), qrels: try Qrels.load(qrels))
            if json {
                print(JSONValue.object([("ndcg_cut_10", .double(metrics.ndcg10)), ("map", .double(metrics.map)),
                                        ("recall_100", .double(metrics.recall100)), ("P_10", .double(metrics.precision10)),
                                        ("queries", .int(metrics.queries))]).serialized())
                return
            }
            print(String(format: "ndcg_cut_10  %.4f", metrics.ndcg10))
            print(String(format: "map          %.4f", metrics.map))
            print(String(format: "recall_100   %.4f", metrics.recall100))
            print(String(format: "P_10         %.4f", metrics.precision10))
            print("queries      \(metrics.queries)")
        }
    }
}
