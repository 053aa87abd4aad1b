/// One shard's answers to a set of queries, in a form that merges exactly with its shard set's
/// others (``merged(_:offset:k:)``): per query, the total and the hits, each with its score as
/// the shortest decimal that reads back as the same `Double`, and its document number in the
/// shard.
///
/// As JSON lines (`quarry-query batch --format shard`), one object per query:
///
///     {"query":"q1","total":120,"total_exact":true,"hits":[{"id":"d7","score":7.2195818046941875,"document":41}]}
public struct ShardRun: Sendable, Equatable {
    /// A hit of one shard.
    public struct Hit: Sendable, Equatable {
        /// The document's id.
        public var id: String
        /// Its score, exactly as the shard computed it.
        public var score: Double
        /// Its number in the shard's snapshot (``SearchHit/document``).
        public var document: Int

        /// A hit.
        public init(id: String, score: Double, document: Int) {
            self.id = id
            self.score = score
            self.document = document
        }
    }

    /// A shard's answer to one query.
    public struct Answer: Sendable, Equatable {
        /// The query's id.
        public var query: String
        /// Its hits, best first.
        public var hits: [Hit]
        /// The documents it matched: exact when `totalIsExact`, else a lower bound.
        public var total: Int
        /// Whether `total` is exact.
        public var totalIsExact: Bool

        /// An answer.
        public init(query: String, hits: [Hit], total: Int, totalIsExact: Bool) {
            self.query = query
            self.hits = hits
            self.total = total
            self.totalIsExact = totalIsExact
        }
    }

    /// A hit of the merged answer: which shard gave it.
    public struct MergedHit: Sendable, Equatable {
        /// The shard's position in the runs merged.
        public var shard: Int
        /// The hit as that shard gave it.
        public var hit: Hit
    }

    /// The answers, in the order of the queries.
    public var answers: [Answer]

    /// A run of `answers`.
    public init(answers: [Answer]) {
        self.answers = answers
    }

    /// The run as JSON lines.
    public var jsonLines: String {
        var text = ""
        for answer in answers {
            text += "{\"query\":\(JSONEscape.quoted(answer.query)),\"total\":\(answer.total),"
                + "\"total_exact\":\(answer.totalIsExact),\"hits\":["
            for (i, hit) in answer.hits.enumerated() {
                if i > 0 { text += "," }
                text += "{\"id\":\(JSONEscape.quoted(hit.id)),\"score\":\(hit.score.description),\"document\":\(hit.document)}"
            }
            text += "]}\n"
        }
        return text
    }

    /// Reads a run's JSON lines; `file` names it in errors, which give the line and column.
    public init(jsonLines text: String, file: String) throws(ShardRunError) {
        var answers: [Answer] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            answers.append(try Self.answer(String(line), file: file, line: number + 1))
        }
        self.answers = answers
    }

    private static func answer(_ text: String, file: String, line: Int) throws(ShardRunError) -> Answer {
        func failure(_ column: Int, _ message: String) -> ShardRunError {
            ShardRunError(file: file, line: line, column: column, message: message)
        }
        let json: LocatedJSON
        do {
            json = try LocatedJSON.parse(text)
        } catch {
            throw failure(error.location.column, error.message)
        }
        guard case .object(let members) = json.value else { throw failure(1, "expected an object, found \(json.kind)") }
        var query: String?
        var total: Int?
        var exact: Bool?
        var hits: [Hit]?
        for (key, location, value) in members {
            switch (key, value.value) {
            case ("query", .string(let text)): query = text
            case ("total", .number(let text)):
                guard let number = Int(text), number >= 0 else { throw failure(value.location.column, "total must be a count") }
                total = number
            case ("total_exact", .bool(let flag)): exact = flag
            case ("hits", .array(let elements)):
                hits = []
                for element in elements { hits?.append(try hit(element, failure)) }
            case ("query", _), ("total", _), ("total_exact", _), ("hits", _):
                throw failure(value.location.column, "\(key) is \(value.kind), not what a shard run holds there")
            default:
                throw failure(location.column, "unknown member '\(key)'")
            }
        }
        guard let query, let total, let exact, let hits else {
            throw failure(1, "an answer needs query, total, total_exact and hits")
        }
        return Answer(query: query, hits: hits, total: total, totalIsExact: exact)
    }

    private static func hit(_ json: LocatedJSON, _ failure: (Int, String) -> ShardRunError) throws(ShardRunError) -> Hit {
        guard case .object(let members) = json.value else { throw failure(json.location.column, "a hit must be an object") }
        var id: String?
        var score: Double?
        var document: Int?
        for (key, location, value) in members {
            switch (key, value.value) {
            case ("id", .string(let text)): id = text
            case ("score", .number(let text)):
                guard let number = Double(text), number.isFinite else { throw failure(value.location.column, "score \(text) is not a finite number") }
                score = number
            case ("document", .number(let text)):
                guard let number = Int(text), number >= 0 else { throw failure(value.location.column, "document must be a number from 0") }
                document = number
            default:
                throw failure(location.column, "unknown or mistyped hit member '\(key)'")
            }
        }
        guard let id, let score, let document else { throw failure(json.location.column, "a hit needs id, score and document") }
        return Hit(id: id, score: score, document: document)
    }

    /// The shards' runs merged into one answer per query, as one index of all their documents
    /// would rank them: hits by score, ties by shard (the runs' order) then by document number,
    /// then `offset` skipped and `k` kept (each shard must have been asked for `offset + k`);
    /// totals added. Queries in the first run's order; every run must answer every query, once.
    public static func merged(_ runs: [ShardRun], offset: Int, k: Int) throws(ShardRunError)
        -> [(query: String, hits: [MergedHit], total: Int, totalIsExact: Bool)] {
        guard let first = runs.first else { return [] }
        var byQuery: [[String: Answer]] = []
        for (r, run) in runs.enumerated() {
            var answers: [String: Answer] = [:]
            for answer in run.answers {
                guard answers.updateValue(answer, forKey: answer.query) == nil else {
                    throw ShardRunError(file: "run \(r + 1)", line: 0, column: 0, message: "answers query '\(answer.query)' twice")
                }
            }
            guard answers.count == first.answers.count, first.answers.allSatisfy({ answers[$0.query] != nil }) else {
                throw ShardRunError(file: "run \(r + 1)", line: 0, column: 0,
                                    message: "answers other queries than run 1: every shard must run the same query set")
            }
            byQuery.append(answers)
        }
        return first.answers.map { template in
            var hits: [MergedHit] = []
            var total = 0
            var exact = true
            for (shard, answers) in byQuery.enumerated() {
                let answer = answers[template.query]!
                hits += answer.hits.map { MergedHit(shard: shard, hit: $0) }
                total += answer.total
                exact = exact && answer.totalIsExact
            }
            hits.sort { a, b in
                a.hit.score != b.hit.score ? a.hit.score > b.hit.score
                    : a.shard != b.shard ? a.shard < b.shard : a.hit.document < b.hit.document
            }
            return (template.query, Array(hits.dropFirst(offset).prefix(k)), total, exact)
        }
    }
}

/// A shard run that cannot be read or merged: where, and why.
public struct ShardRunError: Error, Sendable, CustomStringConvertible {
    /// The run's file (or "run N" when merging).
    public var file: String
    /// The 1-based line (0 when the problem is the whole run).
    public var line: Int
    /// The 1-based byte column (0 when the problem is the whole line or run).
    public var column: Int
    /// What is wrong.
    public var message: String

    public var description: String {
        line == 0 ? "\(file): \(message)" : column == 0 ? "\(file):\(line): \(message)" : "\(file):\(line):\(column): \(message)"
    }
}
