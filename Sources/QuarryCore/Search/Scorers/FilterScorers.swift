/// The documents of a keyword field's value: its postings, scoring 0.
final class PostingsFilterScorer: Scorer {
    private let cursor: PostingsCursor

    init(_ cursor: PostingsCursor) {
        self.cursor = cursor
    }

    override func next() -> Int { settle(cursor.next()) }
    override func advance(to target: Int) -> Int { settle(cursor.advance(to: UInt32(clamping: target))) }

    private func settle(_ found: UInt32) -> Int {
        doc = found == PostingsCursor.noMoreDocs ? Scorer.exhausted : Int(found)
        return doc
    }

    override func score() -> Double { 0 }
    override func explain() -> Explanation { Explanation(value: 0, description: "filter: matches") }
    override var cost: Int { cursor.info.docFreq }
    override var corruption: IndexError? { cursor.corruption }
    override var maxScore: Double { 0 }
}

/// The documents with a value of a numeric column in a range (any of their values, for a
/// multi-valued field), scoring 0. Whole blocks whose values all lie outside the range are
/// skipped on their minimum and maximum.
final class RangeFilterScorer: Scorer {
    private let column: NumericColumn
    private let bounds: ClosedRange<Int64>
    private let count: Int

    init(column: NumericColumn, bounds: ClosedRange<Int64>, documentCount: Int) {
        self.column = column
        self.bounds = bounds
        count = documentCount
    }

    override func next() -> Int { settle(doc + 1) }
    override func advance(to target: Int) -> Int { settle(max(target, doc + 1)) }

    /// Moves to the first matching document at or after `candidate`.
    private func settle(_ candidate: Int) -> Int {
        var current = candidate
        let blockSize = column.blockSize
        while current < count {
            let block = current / blockSize
            guard let range = column.blockRange(block), range.overlaps(bounds) else {
                current = (block + 1) * blockSize
                continue
            }
            let end = min((block + 1) * blockSize, count)
            let contained = bounds.lowerBound <= range.lowerBound && range.upperBound <= bounds.upperBound
            while current < end {
                if matches(current, contained: contained) {
                    doc = current
                    return doc
                }
                current += 1
            }
        }
        doc = Scorer.exhausted
        return doc
    }

    @inline(__always)
    private func matches(_ candidate: Int, contained: Bool) -> Bool {
        guard let smallest = column.first(candidate) else { return false }
        if contained || bounds.contains(smallest) { return true }
        guard smallest < bounds.lowerBound else { return false }
        var found = false
        column.forEach(candidate) { value in found = found || bounds.contains(value) }
        return found
    }

    override func score() -> Double { 0 }
    override func explain() -> Explanation { Explanation(value: 0, description: "filter: matches") }
    override var cost: Int { count }
    override var maxScore: Double { 0 }
}

/// Every document of a segment, scoring 0: what excluded clauses narrow when nothing else is
/// required (deleted documents are the caller's to skip).
final class AllDocumentsScorer: Scorer {
    private let count: Int

    init(documentCount: Int) {
        count = documentCount
    }

    override func next() -> Int { doc == Scorer.exhausted ? doc : settle(doc + 1) }
    override func advance(to target: Int) -> Int { doc == Scorer.exhausted ? doc : settle(max(target, doc + 1)) }

    private func settle(_ candidate: Int) -> Int {
        doc = candidate < count ? candidate : Scorer.exhausted
        return doc
    }

    override func score() -> Double { 0 }
    override func explain() -> Explanation { Explanation(value: 0, description: "every document") }
    override var cost: Int { count }
    override var maxScore: Double { 0 }
}
