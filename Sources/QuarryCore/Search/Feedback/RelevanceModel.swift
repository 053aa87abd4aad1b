/// RM3's term weights: a relevance model estimated from feedback documents (RM1: each term's
/// share of each document's length, weighted by the document's score, summed), cut to its best
/// terms and mixed with the original query's terms (each its share of the query's boosts).
struct RelevanceModel {
    /// A feedback document: its score in the first search and its terms' frequencies (stop words out).
    struct Document {
        let score: Double
        let frequencies: [String: Int]
    }

    /// A term in more than this share of the index's documents carries no feedback (Anserini's
    /// cut, which keeps the model from filling with common words).
    static let maximumDocumentShare = 0.1

    /// The feedback terms and their weights (summing to 1), highest first, ties by text: each
    /// term's `Σ score · frequency / length` over `documents`, taking terms of two characters or
    /// more in that order while `accept` returns a value for them, until `limit` are taken.
    static func feedbackTerms<Term, E: Error>(_ documents: [Document], limit: Int,
                                              accept: (String) throws(E) -> Term?) throws(E) -> [(term: Term, weight: Double)] {
        var weights: [String: Double] = [:]
        for document in documents {
            let length = document.frequencies.values.reduce(0, +)
            guard length > 0, document.score > 0 else { continue }
            for (term, frequency) in document.frequencies {
                weights[term, default: 0] += document.score * Double(frequency) / Double(length)
            }
        }
        let ranked = weights.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        var kept: [(term: Term, weight: Double)] = []
        for (text, weight) in ranked where text.count >= 2 {
            guard kept.count < limit else { break }
            if let term = try accept(text) { kept.append((term, weight)) }
        }
        let total = kept.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        return kept.map { ($0.term, $0.weight / total) }
    }

    /// The new query's weight per term, in first-seen order: `originalWeight` times each
    /// original term's share of the original boosts, plus the rest times its feedback weight (a
    /// term in both gets both).
    static func interpolate<Key: Hashable>(original: [(key: Key, boost: Double)], feedback: [(key: Key, weight: Double)],
                                           originalWeight: Double) -> [(key: Key, weight: Double)] {
        let boosts = original.reduce(0) { $0 + $1.boost }
        var order: [Key] = []
        var weights: [Key: Double] = [:]
        func add(_ key: Key, _ weight: Double) {
            if weights[key] == nil { order.append(key) }
            weights[key, default: 0] += weight
        }
        if boosts > 0 {
            for (key, boost) in original { add(key, originalWeight * boost / boosts) }
        }
        for (key, weight) in feedback { add(key, (1 - originalWeight) * weight) }
        return order.map { ($0, weights[$0, default: 0]) }
    }
}
