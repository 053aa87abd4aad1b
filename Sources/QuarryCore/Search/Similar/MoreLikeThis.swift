/// The terms that characterize a document, picked as Lucene's MoreLikeThis picks them (its
/// defaults): of the document's terms (stop words out) that it has at least twice and at least
/// 5 documents of the index have, the 25 of highest `tf × idf`, each boosted by its share of
/// the highest. A query of them finds documents like it.
struct MoreLikeThis {
    /// The most terms the query keeps (Lucene's `maxQueryTerms`).
    static let maximumTerms = 25
    /// A term counts when the document has it at least this often (`minTermFreq`).
    static let minimumTermFrequency = 2
    /// ... and at least this many documents of the index have it (`minDocFreq`).
    static let minimumDocumentFrequency = 5

    /// The characteristic terms among `candidates` (each with its frequency in the document and
    /// its entry in the index), best first, each with its boost (its score over the best's).
    static func select(_ candidates: [(term: ResolvedTerm, frequency: Int)], documentCount: Int) -> [ResolvedTerm] {
        var scored: [(term: ResolvedTerm, score: Double)] = []
        for (term, frequency) in candidates
        where frequency >= minimumTermFrequency && term.unionDocumentFrequency >= minimumDocumentFrequency {
            let idf = Ranking.idf(documentFrequency: term.unionDocumentFrequency, documentCount: documentCount)
            scored.append((term, Double(frequency) * idf))
        }
        scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.term.text < $1.term.text) }
        let kept = scored.prefix(maximumTerms)
        guard let best = kept.first?.score, best > 0 else { return [] }
        return kept.map { $0.term.boosted($0.score / best) }
    }
}
