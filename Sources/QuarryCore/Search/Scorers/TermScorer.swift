/// One term of the query in one document, scored by BM25 with the field model (see `Ranking`):
/// its postings in the title, the body, or both, iterated together.
final class TermScorer: Scorer {
    /// The term's postings in one field, with what scoring needs of the field.
    struct FieldPostings {
        let field: Field
        let cursor: PostingsCursor
        let weight: Double
        /// 1 - b and b / average length: the length normalization is `1 - b + b · length / average`.
        let constant: Double
        let slope: Double
    }

    let text: String
    private let title: FieldPostings?
    private let body: FieldPostings?
    private let titleNorms: NormsReader
    private let bodyNorms: NormsReader
    private let model: Ranking.FieldModel
    private let k1: Double
    /// idf × boost (× the field weight in the `fields` model).
    private let factor: Double
    private let idf: Double
    private let boost: Double
    /// Length normalization of the flat model (title and body lengths added).
    private let flatConstant: Double
    private let flatSlope: Double
    /// No document scores more than this (from the term's largest frequency and shortest field).
    let upperBound: Double

    init(text: String, title: FieldPostings?, body: FieldPostings?, titleNorms: NormsReader, bodyNorms: NormsReader,
         ranking: Ranking, idf: Double, boost: Double, averageFlatLength: Double) {
        self.text = text
        self.title = title
        self.body = body
        self.titleNorms = titleNorms
        self.bodyNorms = bodyNorms
        model = ranking.model
        k1 = ranking.k1
        self.idf = idf
        self.boost = boost
        let single = title == nil ? body : (body == nil ? title : nil)
        factor = idf * boost * (ranking.model == .fields ? (single?.weight ?? 1) : 1)
        flatConstant = 1 - ranking.b
        flatSlope = ranking.b / max(averageFlatLength, 1e-9)
        // The bound: largest frequencies at the shortest lengths, through the same formula.
        var bound = 0.0
        switch ranking.model {
        case .fields, .bm25f:
            var frequency = 0.0
            for postings in [title, body].compactMap({ $0 }) {
                let info = postings.cursor.info
                frequency += postings.weight * Double(info.maxFreq) / (postings.constant + postings.slope * Double(info.minLength))
            }
            bound = factor * Ranking.saturate(frequency, k1: ranking.k1)
        case .flat:
            let postings = [title, body].compactMap { $0 }
            let frequency = postings.reduce(0.0) { $0 + $1.weight * Double($1.cursor.info.maxFreq) }
            let shortest = postings.map { Double($0.cursor.info.minLength) }.min() ?? 0
            bound = factor * Ranking.saturate(frequency / (flatConstant + flatSlope * shortest), k1: ranking.k1)
        }
        // Slack for rounding: pruning must never drop a document exhaustive scoring keeps.
        upperBound = bound * (1 + 1e-9) + 1e-12
    }

    override var cost: Int { (title?.cursor.info.docFreq ?? 0) + (body?.cursor.info.docFreq ?? 0) }

    override var corruption: IndexError? { title?.cursor.corruption ?? body?.cursor.corruption }

    @inline(__always)
    private static func position(_ cursor: PostingsCursor?) -> Int {
        guard let cursor else { return Scorer.exhausted }
        let doc = cursor.doc
        return doc == PostingsCursor.noMoreDocs ? Scorer.exhausted : Int(doc)
    }

    @inline(__always)
    override func next() -> Int {
        if doc < 0 {
            title?.cursor.next()
            body?.cursor.next()
        } else {
            if let title, Int(title.cursor.doc) == doc { title.cursor.next() }
            if let body, Int(body.cursor.doc) == doc { body.cursor.next() }
        }
        doc = min(Self.position(title?.cursor), Self.position(body?.cursor))
        return doc
    }

    @inline(__always)
    override func advance(to target: Int) -> Int {
        let goal = UInt32(clamping: target)
        if let title, doc < 0 || Int(title.cursor.doc) < target { title.cursor.advance(to: goal) }
        if let body, doc < 0 || Int(body.cursor.doc) < target { body.cursor.advance(to: goal) }
        doc = min(Self.position(title?.cursor), Self.position(body?.cursor))
        return doc
    }

    /// The frequency in `postings` of the current document, or 0.
    @inline(__always)
    private func frequency(_ postings: FieldPostings?) -> Double {
        guard let postings, Int(postings.cursor.doc) == doc else { return 0 }
        return Double(postings.cursor.freq)
    }

    @inline(__always)
    override func score() -> Double {
        switch model {
        case .fields, .bm25f:
            var normalized = 0.0
            if let title, Int(title.cursor.doc) == doc {
                normalized += title.weight * Double(title.cursor.freq) / (title.constant + title.slope * Double(titleNorms[doc]))
            }
            if let body, Int(body.cursor.doc) == doc {
                normalized += body.weight * Double(body.cursor.freq) / (body.constant + body.slope * Double(bodyNorms[doc]))
            }
            return factor * Ranking.saturate(normalized, k1: k1)
        case .flat:
            let frequency = (title.map { $0.weight * self.frequency($0) } ?? 0) + (body.map { $0.weight * self.frequency($0) } ?? 0)
            let length = Double(titleNorms[doc]) + Double(bodyNorms[doc])
            return factor * Ranking.saturate(frequency / (flatConstant + flatSlope * length), k1: k1)
        }
    }

    override func explain() -> Explanation {
        let value = score()
        var details = [Explanation(value: idf, description: "idf"), Explanation(value: boost, description: "boost")]
        for postings in [title, body].compactMap({ $0 }) where Int(postings.cursor.doc) == doc {
            let length = postings.field == .title ? titleNorms[doc] : bodyNorms[doc]
            details.append(Explanation(value: Double(postings.cursor.freq),
                                       description: "\(postings.field) frequency (field length \(length), weight \(postings.weight))"))
        }
        let fields = [title, body].compactMap { $0?.field.description }.joined(separator: "+")
        return Explanation(value: value, description: "term '\(text)' in \(fields) (\(model.rawValue) BM25, k1 \(k1))", details: details)
    }
}
