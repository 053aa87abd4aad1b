/// Top-k over a disjunction of terms with MaxScore dynamic pruning (Turtle and Flood), giving
/// exactly what scoring every matching document gives.
///
/// Terms are ordered by their score bounds. Once k documents are kept, the terms whose bounds
/// together cannot beat the k-th score are "non-essential": a document matching only those can
/// never enter, so only documents of the essential terms are visited, and the non-essential terms
/// are checked (by skipping to the document) only while the partial score could still beat the
/// threshold. A document's final score is always the sum of every term's contribution in the
/// query's order, the same sum exhaustive scoring makes, so pruned and exhaustive results are
/// identical, ties included.
struct MaxScoreCollector {
    /// Runs over one segment's term scorers, feeding `collector`; returns how many documents were
    /// scored (a lower bound of the matches once pruning starts) and whether pruning skipped any.
    static func collect(_ clauses: [TermScorer], base: Int, deletes: DeletedDocuments?,
                        into collector: inout TopKCollector) -> (scored: Int, pruned: Bool) {
        let count = clauses.count
        guard count > 0 else { return (0, false) }
        // By bound, ascending; `order[i]` is the clause's place in the query.
        let sorted = clauses.indices.sorted { clauses[$0].upperBound < clauses[$1].upperBound }
        let scorers = sorted.map { clauses[$0] }
        let bounds = scorers.map(\.upperBound)
        var prefix = [Double](repeating: 0, count: count + 1)
        for i in 0..<count { prefix[i + 1] = prefix[i] + bounds[i] }
        var contributions = [Double](repeating: 0, count: count)
        var matched = [Bool](repeating: false, count: count)
        for scorer in scorers { _ = scorer.next() }

        var essentialStart = 0
        func updateEssential(_ threshold: Double) {
            while essentialStart < count && prefix[essentialStart + 1] <= threshold { essentialStart += 1 }
        }
        updateEssential(collector.threshold)
        var scored = 0
        var pruned = essentialStart > 0

        while essentialStart < count {
            var doc = Scorer.exhausted
            for i in essentialStart..<count where scorers[i].doc < doc { doc = scorers[i].doc }
            if doc == Scorer.exhausted { break }
            if let deletes, deletes.contains(doc) {
                for i in essentialStart..<count where scorers[i].doc == doc { _ = scorers[i].next() }
                continue
            }
            // Essential terms at this document.
            var partial = 0.0
            for i in 0..<count { matched[sorted[i]] = false }
            for i in essentialStart..<count where scorers[i].doc == doc {
                let contribution = scorers[i].score()
                contributions[sorted[i]] = contribution
                matched[sorted[i]] = true
                partial += contribution
            }
            // Non-essential terms, largest bound first, while the document can still enter.
            let threshold = collector.threshold
            var possible = true
            var i = essentialStart - 1
            while i >= 0 {
                if partial + prefix[i + 1] <= threshold {
                    possible = false
                    break
                }
                let scorer = scorers[i]
                if scorer.doc < doc { _ = scorer.advance(to: doc) }
                if scorer.doc == doc {
                    let contribution = scorer.score()
                    contributions[sorted[i]] = contribution
                    matched[sorted[i]] = true
                    partial += contribution
                }
                i -= 1
            }
            if possible {
                scored += 1
                // The canonical sum: every matching term in query order.
                var score = 0.0
                for q in 0..<count where matched[q] { score += contributions[q] }
                if score > threshold {
                    collector.collect(base + doc, score: score)
                    let before = essentialStart
                    updateEssential(collector.threshold)
                    if essentialStart != before { pruned = true }
                }
            } else {
                pruned = true
            }
            for i in essentialStart..<count where scorers[i].doc == doc { _ = scorers[i].next() }
        }
        if essentialStart == count { pruned = pruned || scorers.contains { $0.doc != Scorer.exhausted } }
        return (scored, pruned)
    }
}
