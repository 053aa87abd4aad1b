import ArgumentParser
import Foundation
import QuarryCore

@main
struct QuarryQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry-query",
        abstract: "Search a Quarry index, run query sets, evaluate runs, and inspect analysis.",
        version: QuarryVersion.string,
        subcommands: [SearchCommand.self, BatchCommand.self, MergeRunsCommand.self, SimilarCommand.self, EvalCommand.self, AnalyzeCommand.self]
    )
}

/// BM25 and field-weighting options, shared by `search` and `batch`.
struct RankingArguments: ParsableArguments {
    @Option(help: "BM25 term-frequency saturation (0 to 100).")
    var k1: Double = Ranking.default.k1

    @Option(help: "BM25 length normalization (0 to 1).")
    var b: Double = Ranking.default.b

    @Option(name: .customLong("title-weight"), help: "Weight of matches in the title (0 to 1000; default: the schema's, 3).")
    var titleWeight: Double?

    @Option(name: .customLong("body-weight"), help: "Weight of matches in the body (0 to 1000; default: the schema's, 1).")
    var bodyWeight: Double?

    @Option(help: "How the text fields combine: flat (as one field), bm25f, or fields (a BM25 score each).")
    var model: String = Ranking.default.model.rawValue

    @Option(name: .customLong("stop-words"), help: "Ranked keyword terms: 'drop' or 'keep' the language's stop words.")
    var stopWords: String = Ranking.dropsStopWords ? "drop" : "keep"

    @Option(help: "Typo tolerance: 'auto' (a word of 5 letters or more that no document holds matches the words 1 edit away, 2 from 9 letters, first letter kept) or 'off' (only words written word~N).")
    var typos: String = TypoTolerance.off.rawValue

    @Flag(help: "Pseudo-relevance feedback (RM3): run a query of words, add the terms of its best hits, run it again.")
    var feedback = false

    @Option(name: .customLong("feedback-documents"), help: "With --feedback: how many best hits give the feedback terms.")
    var feedbackDocuments = RelevanceFeedback.rm3.documents

    @Option(name: .customLong("feedback-terms"), help: "With --feedback: how many feedback terms the query gains at most.")
    var feedbackTerms = RelevanceFeedback.rm3.terms

    @Option(name: .customLong("feedback-weight"), help: "With --feedback: the original query's share of the new one (0 to 1).")
    var feedbackWeight = RelevanceFeedback.rm3.originalWeight

    @Option(name: .customLong("global-stats"), help: ArgumentHelp(
        "Score with a shard set's statistics (quarry-index merge-stats) instead of the index's own: as one index of every shard would.",
        valueName: "file"))
    var globalStats: String?

    func validate() throws {
        guard let model = Ranking.FieldModel(rawValue: model) else {
            throw ValidationError("--model must be one of: \(Ranking.FieldModel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let problem = Ranking(k1: k1, b: b, titleWeight: titleWeight, bodyWeight: bodyWeight, model: model).problem {
            throw ValidationError(problem)
        }
        guard stopWords == "drop" || stopWords == "keep" else { throw ValidationError("--stop-words must be 'drop' or 'keep'") }
        guard TypoTolerance(rawValue: typos) != nil else { throw ValidationError("--typos must be 'auto' or 'off'") }
        if let problem = RelevanceFeedback(documents: feedbackDocuments, terms: feedbackTerms, originalWeight: feedbackWeight).problem {
            throw ValidationError(problem)
        }
    }

    /// The feedback asked for, or nil.
    var relevanceFeedback: RelevanceFeedback? {
        feedback ? RelevanceFeedback(documents: feedbackDocuments, terms: feedbackTerms, originalWeight: feedbackWeight) : nil
    }

    var dropsStopWords: Bool { stopWords == "drop" }

    /// A searcher of the index in `folder`, scoring with `--global-stats` when given.
    func searcher(of folder: String) throws -> Searcher {
        let statistics = try globalStats.map { try ScoringStatistics.load(from: URL(fileURLWithPath: $0)) }
        return try Index.open(at: URL(fileURLWithPath: folder)).searcher(statistics: statistics)
    }

    var typoTolerance: TypoTolerance { TypoTolerance(rawValue: typos) ?? .off }

    var ranking: Ranking {
        Ranking(k1: k1, b: b, titleWeight: titleWeight, bodyWeight: bodyWeight, model: Ranking.FieldModel(rawValue: model) ?? .flat)
    }
}
