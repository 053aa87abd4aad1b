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
