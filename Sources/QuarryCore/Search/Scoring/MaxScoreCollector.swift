/// Top-k over a disjunction of terms with block-max MaxScore dynamic pruning, giving exactly
/// what scoring every matching document gives.
///
/// Documents are taken in windows that end where the first of the terms' current postings
/// blocks ends, so every term's block-max data (its largest frequency and shortest field in the
/// block, and whether it has a document in the window at all) bounds its score throughout the
/// window. In each window, terms are ordered by those bounds; the terms whose bounds together
/// cannot beat the k-th score so far are "non-essential": a document matching only them cannot
/// enter, so only the essential terms' documents are visited, and the others are checked (by
/// skipping to the document) only while the document can still beat the threshold. A visited
/// document is bounded by the fields that hold it (`TermScorer.documentBound`), so one with a
/// word in its body alone is not scored for the title's block bound. A window
/// whose bounds all together cannot beat it is skipped whole. A document's final score is always
/// the sum of every term's contribution in the query's order, the same sum exhaustive scoring
/// makes, so pruned and exhaustive results are identical, ties included.
///
/// A filter (a scorer that only narrows: required filters less exclusions) is asked about a
/// document only once its bound can still beat the threshold; a window starts at the filter's
/// next document, so windows without one are skipped whole, and a document the filter refuses
/// sends the essential terms straight to the filter's next one.
struct MaxScoreCollector {
    /// Runs over one segment's term scorers, keeping only documents `filter` (if any) matches,
    /// feeding `collector`; returns how many documents were scored (a lower bound of the matches
    /// once pruning starts) and whether pruning skipped any.
    static func collect(_ clauses: [TermScorer], filter: Scorer? = nil, base: Int, deletes: DeletedDocuments?,
                        into collector: inout TopKCollector) -> (scored: Int, pruned: Bool) {
        // One loop made for each: without a filter, or with terms of at most two fields, its
        // checks compile away.
        let further = clauses.contains { $0.hasFurtherFields }
        if let filter {
            let narrowing = UnownedFilter(filter)
            return further ? collect(clauses, narrowing: narrowing, span: AnyFields.self, base: base, deletes: deletes, into: &collector)
                : collect(clauses, narrowing: narrowing, span: TwoFields.self, base: base, deletes: deletes, into: &collector)
        }
        return further ? collect(clauses, narrowing: Unfiltered(), span: AnyFields.self, base: base, deletes: deletes, into: &collector)
            : collect(clauses, narrowing: Unfiltered(), span: TwoFields.self, base: base, deletes: deletes, into: &collector)
    }

    private static func collect<Filter: Narrowing, Span: TermFieldSpan>(
        _ clauses: [TermScorer], narrowing: Filter, span: Span.Type, base: Int, deletes: DeletedDocuments?,
        into collector: inout TopKCollector
    ) -> (scored: Int, pruned: Bool) {
        let count = clauses.count
        guard count > 0 else { return (0, false) }
        // Unowned views: `clauses` keeps the scorers alive, the loop below pays no reference counting.
        let scorers = UnownedScorers<Span>(clauses)
        // Scratch: per term (query order) its window bound, contribution and match; the terms in
        // window order (by bound) and the prefix sums of their bounds.
        let doubles = UnsafeMutablePointer<Double>.allocate(capacity: 3 * count + 1)
        let integers = UnsafeMutablePointer<Int>.allocate(capacity: count)
        let matched = UnsafeMutablePointer<Bool>.allocate(capacity: count)
        defer {
            doubles.deallocate()
            integers.deallocate()
            matched.deallocate()
        }
        let windowBounds = doubles
        let contributions = doubles + count
        let prefix = doubles + 2 * count
        let order = integers
        for q in 0..<count {
            matched[q] = false
            order[q] = q
        }
        for q in 0..<count { _ = scorers.next(q) }
        var scored = 0
        var pruned = false
        var windowStart = 0

        while true {
            // No hit before the filter's next document: the window starts there.
            windowStart = narrowing.firstDocument(from: windowStart)
            if windowStart == Scorer.exhausted { break }
            // Every term at or after the window's start; the window ends with the first block end.
            var end = Scorer.exhausted
            for q in 0..<count {
                if scorers.doc(q) < windowStart { _ = scorers.advance(q, to: windowStart) }
                if scorers.doc(q) != Scorer.exhausted { end = min(end, scorers.blockEnd(q)) }
            }
            if end == Scorer.exhausted { break }
            // The terms by their bound in this window, and which are essential.
            for q in 0..<count { windowBounds[q] = scorers.doc(q) <= end ? scorers.blockBound(q, upTo: end) : 0 }
            for a in 1..<max(count, 1) {
                let moving = order[a]
                var b = a
                while b > 0 && windowBounds[order[b - 1]] > windowBounds[moving] {
                    order[b] = order[b - 1]
                    b -= 1
                }
                order[b] = moving
            }
            prefix[0] = 0
            for i in 0..<count { prefix[i + 1] = prefix[i] + windowBounds[order[i]] }
            var threshold = collector.threshold
            var essentialStart = 0
            while essentialStart < count && prefix[essentialStart + 1] <= threshold { essentialStart += 1 }
            if essentialStart == count {
                pruned = pruned || (0..<count).contains { scorers.doc($0) <= end }
                windowStart = end + 1
                continue
            }
            if essentialStart > 0 { pruned = true }
            // One essential term: where a document with it in one field alone cannot win, the
            // other field leads its documents alone.
            let alone = essentialStart == count - 1 && scorers.lead(order[count - 1], below: threshold - prefix[essentialStart])
            if alone { pruned = true }
            // The window's documents, from the essential terms.
            while true {
                var doc = Scorer.exhausted
                for i in essentialStart..<count where scorers.doc(order[i]) < doc { doc = scorers.doc(order[i]) }
                if doc > end { break }
                var bound = prefix[essentialStart]
                for i in essentialStart..<count where scorers.doc(order[i]) == doc { bound += scorers.documentBound(order[i]) }
                if bound <= threshold || deletes?.contains(doc) == true {
                    if bound <= threshold { pruned = true }
                    for i in essentialStart..<count where scorers.doc(order[i]) == doc { _ = scorers.next(order[i]) }
                    continue
                }
                let next = narrowing.firstDocument(from: doc)
                if next != doc {
                    // Nothing before the filter's next document is a hit.
                    if next > end { break }
                    for i in essentialStart..<count where scorers.doc(order[i]) < next { _ = scorers.advance(order[i], to: next) }
                    continue
                }
                // Essential terms at this document, then the others, largest bound first, while
                // the document can still enter.
                var partial = 0.0
                for i in essentialStart..<count where scorers.doc(order[i]) == doc {
                    let q = order[i]
                    contributions[q] = scorers.score(q)
                    matched[q] = true
                    partial += contributions[q]
                }
                var possible = true
                var i = essentialStart - 1
                while i >= 0 {
                    if partial + prefix[i + 1] <= threshold {
                        possible = false
                        break
                    }
                    let q = order[i]
                    if scorers.doc(q) < doc { _ = scorers.advance(q, to: doc) }
                    if scorers.doc(q) == doc {
                        contributions[q] = scorers.score(q)
                        matched[q] = true
                        partial += contributions[q]
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
                        threshold = collector.threshold
                        while essentialStart < count - 1 && prefix[essentialStart + 1] <= threshold {
                            essentialStart += 1
                            pruned = true
                        }
                    }
                } else {
                    pruned = true
                }
                for q in 0..<count { matched[q] = false }
                for i in essentialStart..<count where scorers.doc(order[i]) == doc { _ = scorers.next(order[i]) }
            }
            if alone { scorers.endWindow(order[count - 1], after: end) }
            windowStart = end + 1
        }
        return (scored, pruned)
    }
}

/// Term scorers held without reference counting, for the inner loop (their owner keeps them
/// alive): each call runs on a guaranteed, unretained reference.
private struct UnownedScorers<Span: TermFieldSpan> {
    private let references: [Unmanaged<TermScorer>]

    init(_ scorers: [TermScorer]) {
        references = scorers.map { Unmanaged.passUnretained($0) }
    }

    @inline(__always) func doc(_ i: Int) -> Int { references[i]._withUnsafeGuaranteedRef { $0.doc } }
    @inline(__always) func next(_ i: Int) -> Int { references[i]._withUnsafeGuaranteedRef { $0.next(Span.self) } }
    @inline(__always) func advance(_ i: Int, to target: Int) -> Int { references[i]._withUnsafeGuaranteedRef { $0.advance(to: target, Span.self) } }
    @inline(__always) func score(_ i: Int) -> Double { references[i]._withUnsafeGuaranteedRef { $0.score(Span.self) } }
    @inline(__always) func lead(_ i: Int, below rest: Double) -> Bool {
        references[i]._withUnsafeGuaranteedRef { $0.lead(below: rest, Span.self) }
    }
    @inline(__always) func endWindow(_ i: Int, after end: Int) {
        references[i]._withUnsafeGuaranteedRef { $0.endWindow(after: end, Span.self) }
    }
    @inline(__always) func documentBound(_ i: Int) -> Double { references[i]._withUnsafeGuaranteedRef { $0.documentBound(Span.self) } }
    @inline(__always) func blockEnd(_ i: Int) -> Int { references[i]._withUnsafeGuaranteedRef { $0.currentBlockEnd(Span.self) } }
    @inline(__always) func blockBound(_ i: Int, upTo end: Int) -> Double {
        references[i]._withUnsafeGuaranteedRef { $0.blockBound(upTo: end, Span.self) }
    }
}

/// What MaxScore asks of a filter: its first document at or after a target.
private protocol Narrowing {
    func firstDocument(from target: Int) -> Int
}

/// No filter: every document is kept.
private struct Unfiltered: Narrowing {
    @inline(__always) func firstDocument(from target: Int) -> Int { target }
}

/// A filter scorer held without reference counting (its owner keeps it alive), moved forward
/// only when it is behind the target.
private struct UnownedFilter: Narrowing {
    private let reference: Unmanaged<Scorer>

    init(_ filter: Scorer) {
        reference = Unmanaged.passUnretained(filter)
    }

    @inline(__always) func firstDocument(from target: Int) -> Int {
        reference._withUnsafeGuaranteedRef { $0.doc < target ? $0.advance(to: target) : $0.doc }
    }
}
