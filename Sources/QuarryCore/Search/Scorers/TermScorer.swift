/// One term of the query in one document, scored by BM25 with the field model (see `Ranking`):
/// its postings in the title, the body, or both, iterated together.
final class TermScorer: Scorer {
    /// The term's postings in one field, with what scoring needs of the field.
    struct FieldPostings {
        let field: Field
        let cursor: PostingsCursor
        let weight: Double
        /// The field's `1 / (1 - b + b · length / average)` by length.
        let normalization: LengthNormalization
        var constant: Double { normalization.constant }
        var slope: Double { normalization.slope }
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
    private let flat: LengthNormalization
    private var flatConstant: Double { flat.constant }
    private var flatSlope: Double { flat.slope }
    /// No document scores more than this (from the term's largest frequency and shortest field).
    let upperBound: Double
    // The hot paths' copies of `title` and `body`: cursors without reference counting (the
    // optionals above keep them alive; see `withTitle`) and plain numbers. A missing field's
    // cursor is the other's, never touched.
    private let titleReference: Unmanaged<PostingsCursor>
    private let bodyReference: Unmanaged<PostingsCursor>
    private let hasTitle: Bool
    private let hasBody: Bool
    private let titleWeight: Double
    private let titleConstant: Double
    private let titleSlope: Double
    private let titleNormalization: LengthNormalization.View
    private let bodyWeight: Double
    private let bodyConstant: Double
    private let bodySlope: Double
    private let bodyNormalization: LengthNormalization.View
    /// The flat model's table (`flat` keeps it alive).
    private let flatNormalization: LengthNormalization.View

    init(text: String, title: FieldPostings?, body: FieldPostings?, titleNorms: NormsReader, bodyNorms: NormsReader,
         ranking: Ranking, idf: Double, boost: Double, flat: LengthNormalization) {
        self.text = text
        self.title = title
        self.body = body
        let some = (title ?? body)!.cursor
        titleReference = Unmanaged.passUnretained(title?.cursor ?? some)
        bodyReference = Unmanaged.passUnretained(body?.cursor ?? some)
        hasTitle = title != nil
        hasBody = body != nil
        titleWeight = title?.weight ?? 0
        titleConstant = title?.constant ?? 1
        titleSlope = title?.slope ?? 0
        titleNormalization = (title ?? body)!.normalization.view
        bodyWeight = body?.weight ?? 0
        bodyConstant = body?.constant ?? 1
        bodySlope = body?.slope ?? 0
        bodyNormalization = (body ?? title)!.normalization.view
        flatNormalization = flat.view
        self.titleNorms = titleNorms
        self.bodyNorms = bodyNorms
        model = ranking.model
        k1 = ranking.k1
        self.idf = idf
        self.boost = boost
        let single = title == nil ? body : (body == nil ? title : nil)
        factor = idf * boost * (ranking.model == .fields ? (single?.weight ?? 1) : 1)
        self.flat = flat
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
            bound = factor * Ranking.saturate(frequency / (flat.constant + flat.slope * shortest), k1: ranking.k1)
        }
        // Slack for rounding: pruning must never drop a document exhaustive scoring keeps.
        upperBound = bound * (1 + 1e-9) + 1e-12
    }

    /// The last document of the blocks its postings are in now: block-max data holds up to there.
    @inline(__always)
    func currentBlockEnd() -> Int {
        min(hasTitle ? withTitle(Self.blockEnd) : Scorer.exhausted, hasBody ? withBody(Self.blockEnd) : Scorer.exhausted)
    }

    @inline(__always)
    private static func blockEnd(_ cursor: PostingsCursor) -> Int {
        cursor.doc == PostingsCursor.noMoreDocs ? Scorer.exhausted : Int(cursor.currentBlockImpact().lastDoc)
    }

    /// The bound of this term's score in documents up to `end` (no further than `currentBlockEnd()`):
    /// the block-max data, through the same formula as `upperBound`, of the fields that have a
    /// document in that range. Call while positioned.
    @inline(__always)
    func blockBound(upTo end: Int) -> Double {
        var frequency = 0.0
        var shortest = Double.infinity
        for field in 0..<2 {
            let present = field == 0 ? hasTitle : hasBody
            let reference = field == 0 ? titleReference : bodyReference
            let doc = reference._withUnsafeGuaranteedRef { $0.doc }
            guard present, doc != PostingsCursor.noMoreDocs, Int(doc) <= end else { continue }
            let impact = reference._withUnsafeGuaranteedRef { $0.currentBlockImpact() }
            let weight = field == 0 ? titleWeight : bodyWeight
            switch model {
            case .fields, .bm25f:
                let (constant, slope) = field == 0 ? (titleConstant, titleSlope) : (bodyConstant, bodySlope)
                frequency += weight * Double(impact.maxFreq) / (constant + slope * Double(impact.minLength))
            case .flat:
                frequency += weight * Double(impact.maxFreq)
                shortest = min(shortest, Double(impact.minLength))
            }
        }
        if model == .flat { frequency /= flatConstant + flatSlope * (shortest.isFinite ? shortest : 0) }
        return factor * Ranking.saturate(frequency, k1: k1) * (1 + 1e-9) + 1e-12
    }

    override var cost: Int { (title?.cursor.info.docFreq ?? 0) + (body?.cursor.info.docFreq ?? 0) }

    override var corruption: IndexError? { title?.cursor.corruption ?? body?.cursor.corruption }

    override var maxScore: Double { upperBound }


    /// Runs `work` on the title's (or the body's) cursor without reference counting.
    @inline(__always)
    @discardableResult
    private func withTitle<R>(_ work: (PostingsCursor) -> R) -> R { titleReference._withUnsafeGuaranteedRef(work) }

    @inline(__always)
    @discardableResult
    private func withBody<R>(_ work: (PostingsCursor) -> R) -> R { bodyReference._withUnsafeGuaranteedRef(work) }

    @inline(__always)
    private static func position(_ cursor: PostingsCursor) -> Int {
        let doc = cursor.doc
        return doc == PostingsCursor.noMoreDocs ? Scorer.exhausted : Int(doc)
    }

    @inline(__always)
    private func settle() -> Int {
        doc = min(hasTitle ? withTitle(Self.position) : Scorer.exhausted, hasBody ? withBody(Self.position) : Scorer.exhausted)
        return doc
    }

    @inline(__always)
    override func next() -> Int {
        if doc < 0 {
            if hasTitle { withTitle { $0.next() } }
            if hasBody { withBody { $0.next() } }
        } else {
            if hasTitle, Int(withTitle { $0.doc }) == doc { withTitle { $0.next() } }
            if hasBody, Int(withBody { $0.doc }) == doc { withBody { $0.next() } }
        }
        return settle()
    }

    @inline(__always)
    override func advance(to target: Int) -> Int {
        let goal = UInt32(clamping: target)
        if hasTitle, doc < 0 || Int(withTitle { $0.doc }) < target { withTitle { $0.advance(to: goal) } }
        if hasBody, doc < 0 || Int(withBody { $0.doc }) < target { withBody { $0.advance(to: goal) } }
        return settle()
    }

    @inline(__always)
    override func score() -> Double {
        let inTitle = hasTitle && Int(withTitle { $0.doc }) == doc
        let inBody = hasBody && Int(withBody { $0.doc }) == doc
        switch model {
        case .fields, .bm25f:
            var normalized = 0.0
            if inTitle { normalized += titleWeight * Double(withTitle { $0.freq }) * titleNormalization[Int(titleNorms[doc])] }
            if inBody { normalized += bodyWeight * Double(withBody { $0.freq }) * bodyNormalization[Int(bodyNorms[doc])] }
            return factor * Ranking.saturate(normalized, k1: k1)
        case .flat:
            var frequency = 0.0
            if inTitle { frequency += titleWeight * Double(withTitle { $0.freq }) }
            if inBody { frequency += bodyWeight * Double(withBody { $0.freq }) }
            return factor * Ranking.saturate(frequency * flatNormalization[Int(titleNorms[doc]) + Int(bodyNorms[doc])], k1: k1)
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
