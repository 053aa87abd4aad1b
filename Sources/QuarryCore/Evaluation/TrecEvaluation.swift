/// Relevance judgements: query id → document id → grade (> 0: relevant).
public struct Qrels: Sendable {
    /// Grades by query id, then document id (0: not relevant).
    public var judgements: [String: [String: Int]]

    /// Judgements given in code.
    public init(judgements: [String: [String: Int]]) {
        self.judgements = judgements
    }

    /// Reads a BEIR `qrels/test.tsv` (`query-id<TAB>corpus-id<TAB>score`, with a header) or a
    /// TREC qrels file (`qid 0 docid grade`).
    public static func load(_ path: String) throws -> Qrels {
        let reader = try LineReader(path: path)
        var judgements: [String: [String: Int]] = [:]
        while let line = try reader.nextLine() {
            let fields = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            if fields.isEmpty { continue }
            let (query, document, grade): (String, String, String)
            switch fields.count {
            case 3: (query, document, grade) = (fields[0], fields[1], fields[2])
            case 4: (query, document, grade) = (fields[0], fields[2], fields[3])
            default: throw InputError.readFailed(path: path, reason: "line \(reader.lineNumber): expected 3 or 4 columns")
            }
            guard let value = Int(grade) else {
                if reader.lineNumber == 1 { continue }  // the BEIR header
                throw InputError.readFailed(path: path, reason: "line \(reader.lineNumber): grade '\(grade)' is not a number")
            }
            judgements[query, default: [:]][document] = value
        }
        return Qrels(judgements: judgements)
    }
}

/// A TREC run: query id → ranked (document id, score) pairs.
public struct Run: Sendable {
    /// Ranked documents by query id, with their scores.
    public var results: [String: [(document: String, score: Double)]]

    /// A run given in code.
    public init(results: [String: [(document: String, score: Double)]]) {
        self.results = results
    }

    /// Reads `qid Q0 docid rank score tag` lines.
    public static func load(_ path: String) throws -> Run {
        let reader = try LineReader(path: path)
        var results: [String: [(document: String, score: Double)]] = [:]
        while let line = try reader.nextLine() {
            let fields = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == "\t" || $0 == " " })
            if fields.isEmpty { continue }
            guard fields.count >= 5, let score = Double(fields[4]) else {
                throw InputError.readFailed(path: path, reason: "line \(reader.lineNumber): expected 'qid Q0 docid rank score tag'")
            }
            results[String(fields[0]), default: []].append((String(fields[2]), score))
        }
        return Run(results: results)
    }
}

/// nDCG@10, MAP, Recall@100 and P@10 as `trec_eval -c -m ndcg_cut.10 -m map -m recall.100 -m P.10`
/// computes them: the run's documents ordered by score (ties: document id descending, as
/// trec_eval sorts), relevance = grade ≥ 1, gains = grades, and the mean over every judged query
/// with a relevant document (a query the run lacks scores 0).
public enum TrecEvaluation {
    /// The measures, each the mean over the judged queries.
    public struct Metrics: Sendable, Equatable {
        /// nDCG@10 (trec_eval's `ndcg_cut_10`: gains are the grades).
        public var ndcg10: Double
        /// Mean average precision (`map`, over the whole ranking).
        public var map: Double
        /// Recall in the first 100 (`recall_100`).
        public var recall100: Double
        /// Precision in the first 10 (`P_10`).
        public var precision10: Double
        /// Queries measured: the judged ones (a judged query the run lacks counts as 0).
        public var queries: Int
    }

    /// Measures `run` against `qrels`, as `trec_eval -m ndcg_cut.10 -m map -m recall.100 -m P.10` does.
    public static func evaluate(run: Run, qrels: Qrels) -> Metrics {
        var total = Metrics(ndcg10: 0, map: 0, recall100: 0, precision10: 0, queries: 0)
        for (query, judged) in qrels.judgements {
            let relevant = judged.filter { $0.value > 0 }
            guard !relevant.isEmpty else { continue }
            total.queries += 1
            let ranked = (run.results[query] ?? []).sorted {
                $0.score > $1.score || ($0.score == $1.score && $0.document > $1.document)
            }
            var seen = Set<String>()
            let documents = ranked.map(\.document).filter { seen.insert($0).inserted }
            // nDCG@10
            var dcg = 0.0
            for (i, document) in documents.prefix(10).enumerated() {
                let gain = Double(max(judged[document] ?? 0, 0))
                if gain > 0 { dcg += gain / log2(Double(i + 2)) }
            }
            var ideal = 0.0
            for (i, gain) in relevant.values.sorted(by: >).prefix(10).enumerated() { ideal += Double(gain) / log2(Double(i + 2)) }
            total.ndcg10 += ideal > 0 ? dcg / ideal : 0
            // MAP
            var hits = 0
            var precisionSum = 0.0
            for (i, document) in documents.enumerated() where (judged[document] ?? 0) > 0 {
                hits += 1
                precisionSum += Double(hits) / Double(i + 1)
            }
            total.map += precisionSum / Double(relevant.count)
            total.recall100 += Double(documents.prefix(100).filter { (judged[$0] ?? 0) > 0 }.count) / Double(relevant.count)
            total.precision10 += Double(documents.prefix(10).filter { (judged[$0] ?? 0) > 0 }.count) / 10
        }
        guard total.queries > 0 else { return total }
        let n = Double(total.queries)
        return Metrics(ndcg10: total.ndcg10 / n, map: total.map / n, recall100: total.recall100 / n,
                       precision10: total.precision10 / n, queries: total.queries)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
