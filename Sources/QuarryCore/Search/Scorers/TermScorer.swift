/// One term of the query in one document, scored by BM25 with the field model (see `Ranking`):
/// its postings in every field it is searched in, iterated together.
///
/// The first two fields (title and body, for a query naming no field) are held in plain stored
/// properties, so the common case pays no loop; a schema's further text fields go in `extras`.
/// The hot methods take a `TermFieldSpan`: MaxScore's loop, made for `TwoFields` when no term of
/// the query has more, compiles without the checks for further fields; the `Scorer` overrides
/// check them (`AnyFields`).
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

    /// One field the term is searched in: its postings in this segment (nil where the field
    /// lacks the term) and the field's lengths (the flat model adds every field's).
    struct Slot {
        let field: Field
        /// The field's name in the schema (for explanations).
        let name: String
        let postings: FieldPostings?
        let norms: NormsReader
    }

    /// A slot's hot-path copy: the cursor without reference counting (`slots` keeps it alive; an
    /// absent field's cursor is another slot's, never touched) and plain numbers.
    private struct Unrolled {
        let reference: Unmanaged<PostingsCursor>
        let present: Bool
        let weight: Double
        let constant: Double
        let slope: Double
        let normalization: LengthNormalization.View
        let norms: NormsReader

        init(_ slot: Slot?, some: PostingsCursor, fallback: LengthNormalization) {
            let postings = slot?.postings
            reference = Unmanaged.passUnretained(postings?.cursor ?? some)
            present = postings != nil
            weight = postings?.weight ?? 0
            constant = postings?.constant ?? 1
            slope = postings?.slope ?? 0
            normalization = (postings?.normalization ?? fallback).view
            norms = slot?.norms ?? .empty
        }

        @inline(__always)
        @discardableResult
        func with<R>(_ work: (PostingsCursor) -> R) -> R { reference._withUnsafeGuaranteedRef(work) }
    }

    let text: String
    private let slots: [Slot]
    private let model: Ranking.FieldModel
    private let k1: Double
    /// idf × boost (× the field weight in the `fields` model).
    private let factor: Double
    private let idf: Double
    private let boost: Double
    /// Length normalization of the flat model (every field's length added).
    private let flat: LengthNormalization
    private let flatNormalization: LengthNormalization.View
    /// No document scores more than this (from the term's largest frequency and shortest field).
    let upperBound: Double
    private let first: Unrolled
    private let second: Unrolled
    /// The slots after the first two (empty for title and body).
    private let extras: [Unrolled]
    private let hasExtras: Bool
    /// Whether the term is searched in more than two fields (then only `AnyFields` loops serve it).
    var hasFurtherFields: Bool { hasExtras }
    /// The last window's bound (`blockBound`) and its first two fields' parts of it (normalized
    /// frequencies before saturation), for `documentBound`.
    private var windowBound = Double.infinity
    private var firstPart = 0.0
    private var secondPart = 0.0
    /// Which of the first two fields' cursors may lag behind `doc` in this window (`lead`): its
    /// documents up to the window's end are skipped unless one is scored.
    private var lagging = Lagging.none

    /// A field whose cursor the term's iteration does not wait for.
    private enum Lagging {
        case none, first, second
    }

    /// A scorer over `slots` (at least one with postings), in the order their contributions add.
    init(text: String, slots: [Slot], ranking: Ranking, idf: Double, boost: Double, flat: LengthNormalization) {
        self.text = text
        self.slots = slots
        let present = slots.compactMap(\.postings)
        let some = present[0]
        first = Unrolled(slots.first, some: some.cursor, fallback: some.normalization)
        second = Unrolled(slots.count > 1 ? slots[1] : nil, some: some.cursor, fallback: some.normalization)
        extras = slots.dropFirst(2).map { Unrolled($0, some: some.cursor, fallback: some.normalization) }
        hasExtras = !extras.isEmpty
        model = ranking.model
        k1 = ranking.k1
        self.idf = idf
        self.boost = boost
        factor = idf * boost * (ranking.model == .fields && present.count == 1 ? some.weight : 1)
        self.flat = flat
        flatNormalization = flat.view
        // The bound: largest frequencies at the shortest lengths, through the same formula.
        var bound = 0.0
        switch ranking.model {
        case .fields, .bm25f:
            var frequency = 0.0
            for postings in present {
                let info = postings.cursor.info
                frequency += postings.weight * Double(info.maxFreq) / (postings.constant + postings.slope * Double(info.minLength))
            }
            bound = factor * Ranking.saturate(frequency, k1: ranking.k1)
        case .flat:
            let frequency = present.reduce(0.0) { $0 + $1.weight * Double($1.cursor.info.maxFreq) }
            let shortest = present.map { Double($0.cursor.info.minLength) }.min() ?? 0
            bound = factor * Ranking.saturate(frequency / (flat.constant + flat.slope * shortest), k1: ranking.k1)
        }
        // Slack for rounding: pruning must never drop a document exhaustive scoring keeps.
        upperBound = bound * (1 + 1e-9) + 1e-12
    }

    /// The last document of the blocks its postings are in now: block-max data holds up to there.
    @inline(__always)
    func currentBlockEnd<Span: TermFieldSpan>(_ span: Span.Type) -> Int {
        let end = min(first.present ? first.with(Self.blockEnd) : Scorer.exhausted,
                      second.present ? second.with(Self.blockEnd) : Scorer.exhausted)
        return Span.mayHaveMore && hasExtras ? min(end, extrasBlockEnd()) : end
    }

    @inline(never)
    private func extrasBlockEnd() -> Int {
        var end = Scorer.exhausted
        for extra in extras where extra.present { end = min(end, extra.with(Self.blockEnd)) }
        return end
    }

    @inline(__always)
    private static func blockEnd(_ cursor: PostingsCursor) -> Int {
        cursor.doc == PostingsCursor.noMoreDocs ? Scorer.exhausted : Int(cursor.currentBlockImpact().lastDoc)
    }

    /// The bound of this term's score in documents up to `end` (no further than `currentBlockEnd`):
    /// the blocks' impacts (each field's most normalized frequency over its competitive pairs;
    /// the flat model takes the highest frequency and shortest length), through the same formula
    /// as `upperBound`, of the fields that have a document in that range. Call while positioned.
    @inline(__always)
    func blockBound<Span: TermFieldSpan>(upTo end: Int, _ span: Span.Type) -> Double {
        var frequency = 0.0
        var shortest = Double.infinity
        firstPart = addBlockBound(first, upTo: end, frequency: &frequency, shortest: &shortest)
        secondPart = addBlockBound(second, upTo: end, frequency: &frequency, shortest: &shortest)
        if Span.mayHaveMore && hasExtras { addExtrasBlockBounds(upTo: end, frequency: &frequency, shortest: &shortest) }
        if model == .flat { frequency /= flat.constant + flat.slope * (shortest.isFinite ? shortest : 0) }
        windowBound = bound(frequency)
        return windowBound
    }

    /// The bound of the term's score at the document it is on, in the window of the last
    /// `blockBound`: as that bound, but of the fields that hold the document only (a document
    /// with the term in its body alone is not bounded by the title's block). The flat model, and
    /// terms of more than two fields, take the window's bound.
    @inline(__always)
    func documentBound<Span: TermFieldSpan>(_ span: Span.Type) -> Double {
        if model == .flat || Span.mayHaveMore && hasExtras { return windowBound }
        var frequency = 0.0
        if lagging == .first || first.present && Int(first.with { $0.doc }) == doc { frequency += firstPart }
        if lagging == .second || second.present && Int(second.with { $0.doc }) == doc { frequency += secondPart }
        return bound(frequency)
    }

    /// In the window of the last `blockBound`, lets one of the first two fields alone lead the
    /// term's documents when a document holding the term only in the other cannot score more
    /// than `rest` (BM25's saturation is subadditive, so the other field's part alone bounds
    /// such a document): the other's cursor is then moved only to score a document. For the
    /// term MaxScore alone visits documents of. Returns whether a field leads alone; call
    /// `endWindow(after:)` at the window's end.
    func lead<Span: TermFieldSpan>(below rest: Double, _ span: Span.Type) -> Bool {
        guard model != .flat, !(Span.mayHaveMore && hasExtras), first.present, second.present else { return false }
        if bound(secondPart) <= rest {
            lagging = .second
        } else if bound(firstPart) <= rest {
            lagging = .first
        } else {
            return false
        }
        _ = settle(span)
        return true
    }

    /// Ends `lead`: the lagging cursor skips to after the window's last document, `end`.
    func endWindow<Span: TermFieldSpan>(after end: Int, _ span: Span.Type) {
        guard lagging != .none else { return }
        let goal = UInt32(clamping: end + 1)
        let behind = laggingSlot
        if Int(behind.with { $0.doc }) <= end { behind.with { $0.advance(to: goal) } }
        lagging = .none
        _ = settle(span)
    }

    /// The field `lagging` names (call only while one lags).
    private var laggingSlot: Unrolled { lagging == .first ? first : second }

    /// Moves a lagging cursor to the document, so it can be scored.
    @inline(never)
    private func catchUp() {
        let behind = laggingSlot
        if Int(behind.with { $0.doc }) < doc { behind.with { $0.advance(to: UInt32(clamping: doc)) } }
    }

    /// The bound of a score of normalized frequency at most `frequency`, with slack for rounding
    /// (pruning must never drop a document exhaustive scoring keeps).
    @inline(__always)
    private func bound(_ frequency: Double) -> Double {
        factor * Ranking.saturate(frequency, k1: k1) * (1 + 1e-9) + 1e-12
    }

    /// Adds `slot`'s part of the window's bound to `frequency` (and `shortest`); returns the part.
    @inline(__always)
    private func addBlockBound(_ slot: Unrolled, upTo end: Int, frequency: inout Double, shortest: inout Double) -> Double {
        let doc = slot.with { $0.doc }
        guard slot.present, doc != PostingsCursor.noMoreDocs, Int(doc) <= end else { return 0 }
        let impacts = slot.with { $0.currentBlockImpact().impacts }
        switch model {
        case .fields, .bm25f:
            let part = impacts.bound(weight: slot.weight, constant: slot.constant, slope: slot.slope)
            frequency += part
            return part
        case .flat:
            frequency += slot.weight * impacts.maxFrequency
            shortest = min(shortest, impacts.minLength)
            return slot.weight * impacts.maxFrequency
        }
    }

    @inline(never)
    private func addExtrasBlockBounds(upTo end: Int, frequency: inout Double, shortest: inout Double) {
        for extra in extras { _ = addBlockBound(extra, upTo: end, frequency: &frequency, shortest: &shortest) }
    }

    override var cost: Int { slots.reduce(0) { $0 + ($1.postings?.cursor.info.docFreq ?? 0) } }

    override var corruption: IndexError? { slots.lazy.compactMap { $0.postings?.cursor.corruption }.first }

    override var maxScore: Double { upperBound }

    @inline(__always)
    private static func position(_ cursor: PostingsCursor) -> Int {
        let doc = cursor.doc
        return doc == PostingsCursor.noMoreDocs ? Scorer.exhausted : Int(doc)
    }

    @inline(__always)
    private func settle<Span: TermFieldSpan>(_ span: Span.Type) -> Int {
        var lowest = min(first.present && lagging != .first ? first.with(Self.position) : Scorer.exhausted,
                         second.present && lagging != .second ? second.with(Self.position) : Scorer.exhausted)
        if Span.mayHaveMore && hasExtras { lowest = min(lowest, extrasPosition()) }
        doc = lowest
        return lowest
    }

    @inline(never)
    private func extrasPosition() -> Int {
        var lowest = Scorer.exhausted
        for extra in extras where extra.present { lowest = min(lowest, extra.with(Self.position)) }
        return lowest
    }

    override func next() -> Int { next(AnyFields.self) }

    @inline(__always)
    func next<Span: TermFieldSpan>(_ span: Span.Type) -> Int {
        if doc < 0 {
            if first.present { first.with { $0.next() } }
            if second.present { second.with { $0.next() } }
            if Span.mayHaveMore && hasExtras { extrasNext() }
        } else {
            if first.present, Int(first.with { $0.doc }) == doc { first.with { $0.next() } }
            if second.present, Int(second.with { $0.doc }) == doc { second.with { $0.next() } }
            if Span.mayHaveMore && hasExtras { extrasNext() }
        }
        return settle(span)
    }

    /// Moves the further fields' cursors that are on the current document (all, before the first).
    @inline(never)
    private func extrasNext() {
        for extra in extras where extra.present && (doc < 0 || Int(extra.with { $0.doc }) == doc) { extra.with { $0.next() } }
    }

    override func advance(to target: Int) -> Int { advance(to: target, AnyFields.self) }

    @inline(__always)
    func advance<Span: TermFieldSpan>(to target: Int, _ span: Span.Type) -> Int {
        let goal = UInt32(clamping: target)
        if first.present, doc < 0 || Int(first.with { $0.doc }) < target { first.with { $0.advance(to: goal) } }
        if second.present, doc < 0 || Int(second.with { $0.doc }) < target { second.with { $0.advance(to: goal) } }
        if Span.mayHaveMore && hasExtras { extrasAdvance(to: target) }
        return settle(span)
    }

    @inline(never)
    private func extrasAdvance(to target: Int) {
        let goal = UInt32(clamping: target)
        for extra in extras where extra.present && (doc < 0 || Int(extra.with { $0.doc }) < target) {
            extra.with { $0.advance(to: goal) }
        }
    }

    override func score() -> Double { score(AnyFields.self) }

    @inline(__always)
    func score<Span: TermFieldSpan>(_ span: Span.Type) -> Double {
        if lagging != .none { catchUp() }
        let inFirst = first.present && Int(first.with { $0.doc }) == doc
        let inSecond = second.present && Int(second.with { $0.doc }) == doc
        switch model {
        case .fields, .bm25f:
            var normalized = 0.0
            if inFirst { normalized += first.weight * Double(first.with { $0.freq }) * first.normalization[Int(first.norms[doc])] }
            if inSecond { normalized += second.weight * Double(second.with { $0.freq }) * second.normalization[Int(second.norms[doc])] }
            if Span.mayHaveMore && hasExtras { addExtrasNormalizedFrequency(to: &normalized) }
            return factor * Ranking.saturate(normalized, k1: k1)
        case .flat:
            var frequency = 0.0
            var length = Int(first.norms[doc]) + Int(second.norms[doc])
            if inFirst { frequency += first.weight * Double(first.with { $0.freq }) }
            if inSecond { frequency += second.weight * Double(second.with { $0.freq }) }
            if Span.mayHaveMore && hasExtras { extrasFlatFrequency(frequency: &frequency, length: &length) }
            return factor * Ranking.saturate(frequency * flatNormalization[length], k1: k1)
        }
    }

    /// Adds the further fields' weighted, normalized frequencies in the current document, in order.
    @inline(never)
    private func addExtrasNormalizedFrequency(to normalized: inout Double) {
        for extra in extras where extra.present && Int(extra.with { $0.doc }) == doc {
            normalized += extra.weight * Double(extra.with { $0.freq }) * extra.normalization[Int(extra.norms[doc])]
        }
    }

    /// The further fields' weighted frequencies and lengths in the current document, added (flat).
    @inline(never)
    private func extrasFlatFrequency(frequency: inout Double, length: inout Int) {
        for extra in extras {
            length += Int(extra.norms[doc])
            if extra.present, Int(extra.with { $0.doc }) == doc { frequency += extra.weight * Double(extra.with { $0.freq }) }
        }
    }

    override func explain() -> Explanation {
        let value = score()
        var details = [Explanation(value: idf, description: "idf"), Explanation(value: boost, description: "boost")]
        for slot in slots {
            guard let postings = slot.postings, Int(postings.cursor.doc) == doc else { continue }
            details.append(Explanation(value: Double(postings.cursor.freq),
                                       description: "\(slot.name) frequency (field length \(slot.norms[doc]), weight \(postings.weight))"))
        }
        let fields = slots.filter { $0.postings != nil }.map(\.name).joined(separator: "+")
        return Explanation(value: value, description: "term '\(text)' in \(fields) (\(model.rawValue) BM25, k1 \(k1))", details: details)
    }
}

/// Whether a term scorer's hot path may meet fields beyond its first two, fixed where a loop is
/// compiled, so a loop over title-and-body terms has no checks for further fields.
protocol TermFieldSpan {
    static var mayHaveMore: Bool { get }
}

/// At most two fields per term (title and body): the further fields' checks compile away.
enum TwoFields: TermFieldSpan {
    static var mayHaveMore: Bool { false }
}

/// Any number of fields per term.
enum AnyFields: TermFieldSpan {
    static var mayHaveMore: Bool { true }
}
