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
///
/// Block-max data sharpens it: the essential terms' current blocks bound every document up to
/// the first of their block ends; when that bound (plus the non-essential terms' bounds) cannot
/// beat the threshold, the whole window is skipped without decoding a document.
struct MaxScoreCollector {
    /// Runs over one segment's term scorers, feeding `collector`; returns how many documents were
    /// scored (a lower bound of the matches once pruning starts) and whether pruning skipped any.
    static func collect(_ clauses: [TermScorer], base: Int, deletes: DeletedDocuments?,
                        into collector: inout TopKCollector) -> (scored: Int, pruned: Bool) {
        let count = clauses.count
        guard count > 0 else { return (0, false) }
        // By bound, ascending; `order[i]` is the clause's place in the query.
        let order = clauses.indices.sorted { clauses[$0].upperBound < clauses[$1].upperBound }
        // Unowned views: `clauses` keeps the scorers alive, the loop below pays no reference counting.
        let scorers = UnownedScorers(order.map { clauses[$0] })
        let bounds = scorers.bounds
        // Scratch, by sorted place: prefix sums of the bounds, the current window's block bounds;
        // by query place: contributions and whether the term matched.
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 3 * count + 1)
        let matched = UnsafeMutablePointer<Bool>.allocate(capacity: count)
        defer {
            scratch.deallocate()
            matched.deallocate()
        }
        let prefix = scratch
        let windowBounds = scratch + count + 1
        let contributions = scratch + 2 * count + 1
        prefix[0] = 0
        for i in 0..<count {
            prefix[i + 1] = prefix[i] + bounds[i]
            windowBounds[i] = bounds[i]
            matched[i] = false
        }
        for i in 0..<count { _ = scorers.next(i) }

        var essentialStart = 0
        func updateEssential(_ threshold: Double) {
            while essentialStart < count && prefix[essentialStart + 1] <= threshold { essentialStart += 1 }
        }
        updateEssential(collector.threshold)
        var scored = 0
        var pruned = essentialStart > 0

        var windowEnd = -1
        while essentialStart < count {
            var doc = Scorer.exhausted
            for i in essentialStart..<count where scorers.doc(i) < doc { doc = scorers.doc(i) }
            if doc == Scorer.exhausted { break }
            if doc > windowEnd, collector.isFull {
                // A new window: skip it whole when its block bounds cannot beat the threshold.
                var end = Scorer.exhausted
                var bound = prefix[essentialStart]
                for i in essentialStart..<count where scorers.doc(i) != Scorer.exhausted {
                    let block = scorers.blockBound(i)
                    end = min(end, block.lastDoc)
                    windowBounds[i] = block.bound
                    bound += block.bound
                }
                windowEnd = end
                if bound <= collector.threshold, end != Scorer.exhausted {
                    pruned = true
                    for i in essentialStart..<count where scorers.doc(i) <= end { _ = scorers.advance(i, to: end + 1) }
                    continue
                }
            }
            let threshold = collector.threshold
            // The document's bound from the essential terms it has (their window bounds) and every
            // non-essential term: below the threshold, nothing is scored.
            if collector.isFull {
                var bound = prefix[essentialStart]
                for i in essentialStart..<count where scorers.doc(i) == doc { bound += doc <= windowEnd ? windowBounds[i] : bounds[i] }
                if bound <= threshold {
                    pruned = true
                    for i in essentialStart..<count where scorers.doc(i) == doc { _ = scorers.next(i) }
                    continue
                }
            }
            if let deletes, deletes.contains(doc) {
                for i in essentialStart..<count where scorers.doc(i) == doc { _ = scorers.next(i) }
                continue
            }
            // Essential terms at this document.
            var partial = 0.0
            for i in essentialStart..<count where scorers.doc(i) == doc {
                let contribution = scorers.score(i)
                contributions[order[i]] = contribution
                matched[order[i]] = true
                partial += contribution
            }
            // Non-essential terms, largest bound first, while the document can still enter.
            var possible = true
            var i = essentialStart - 1
            while i >= 0 {
                if partial + prefix[i + 1] <= threshold {
                    possible = false
                    break
                }
                if scorers.doc(i) < doc { _ = scorers.advance(i, to: doc) }
                if scorers.doc(i) == doc {
                    let contribution = scorers.score(i)
                    contributions[order[i]] = contribution
                    matched[order[i]] = true
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
            for q in 0..<count { matched[q] = false }
            for i in essentialStart..<count where scorers.doc(i) == doc { _ = scorers.next(i) }
        }
        if essentialStart == count { pruned = pruned || (0..<count).contains { scorers.doc($0) != Scorer.exhausted } }
        return (scored, pruned)
    }
}

/// Term scorers held without reference counting, for the inner loop (their owner keeps them
/// alive): each call runs on a guaranteed, unretained reference.
private struct UnownedScorers {
    private let references: [Unmanaged<TermScorer>]

    init(_ scorers: [TermScorer]) {
        references = scorers.map { Unmanaged.passUnretained($0) }
    }

    @inline(__always) func doc(_ i: Int) -> Int { references[i]._withUnsafeGuaranteedRef { $0.doc } }
    @inline(__always) func next(_ i: Int) -> Int { references[i]._withUnsafeGuaranteedRef { $0.next() } }
    @inline(__always) func advance(_ i: Int, to target: Int) -> Int { references[i]._withUnsafeGuaranteedRef { $0.advance(to: target) } }
    @inline(__always) func score(_ i: Int) -> Double { references[i]._withUnsafeGuaranteedRef { $0.score() } }
    @inline(__always) func blockBound(_ i: Int) -> (lastDoc: Int, bound: Double) {
        references[i]._withUnsafeGuaranteedRef { $0.currentBlockBound() }
    }

    var bounds: [Double] { references.map { $0.takeUnretainedValue().upperBound } }
}
