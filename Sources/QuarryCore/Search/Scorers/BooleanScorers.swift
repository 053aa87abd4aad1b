/// Documents matching every one of its scorers (leapfrogging from the cheapest); the score is the
/// sum of theirs, in clause order.
final class ConjunctionScorer: Scorer {
    private let scorers: [Scorer]
    /// Clause order for summing (the iteration order is by cost).
    private let inClauseOrder: [Scorer]

    init(_ scorers: [Scorer]) {
        inClauseOrder = scorers
        self.scorers = scorers.sorted { $0.cost < $1.cost }
    }

    override var cost: Int { scorers.first?.cost ?? 0 }
    override var corruption: IndexError? { scorers.lazy.compactMap(\.corruption).first }

    override func next() -> Int { doc == Scorer.exhausted ? doc : settle(scorers[0].next()) }
    override func advance(to target: Int) -> Int { settle(scorers[0].advance(to: target)) }

    private func settle(_ candidate: Int) -> Int {
        var target = candidate
        outer: while target != Scorer.exhausted {
            for scorer in scorers.dropFirst() {
                let found = scorer.doc < target ? scorer.advance(to: target) : scorer.doc
                if found > target {
                    target = scorers[0].advance(to: found)
                    continue outer
                }
            }
            break
        }
        doc = target
        return doc
    }

    override func score() -> Double { inClauseOrder.reduce(0) { $0 + $1.score() } }

    override func explain() -> Explanation {
        let parts = inClauseOrder.map { $0.explain() }
        return Explanation(value: parts.reduce(0) { $0 + $1.value }, description: "sum of (all match)", details: parts)
    }
}

/// Documents matching any of its scorers; the score is the sum of those that match, in clause order.
///
/// Given a minimum competitive score, each part must beat it less what all the others could add;
/// up to the next document another part matches, nothing is added, so there the part must beat
/// the whole threshold (a phrase in the body, alone until the next title match, skips far more).
final class DisjunctionScorer: Scorer {
    private let scorers: [Scorer]
    private var competitive = -Double.infinity

    init(_ scorers: [Scorer]) {
        self.scorers = scorers
    }

    override var cost: Int { scorers.reduce(0) { $0 + $1.cost } }
    override var corruption: IndexError? { scorers.lazy.compactMap(\.corruption).first }

    override func next() -> Int {
        if doc == Scorer.exhausted { return doc }
        var smallest = Scorer.exhausted
        for (i, scorer) in scorers.enumerated() {
            if scorer.doc <= doc { prepare(i, from: doc + 1) }
            let current = scorer.doc <= doc ? scorer.next() : scorer.doc
            smallest = min(smallest, current)
        }
        doc = smallest
        return doc
    }

    override func advance(to target: Int) -> Int {
        var smallest = Scorer.exhausted
        for (i, scorer) in scorers.enumerated() {
            if scorer.doc < target { prepare(i, from: target) }
            let current = scorer.doc < target ? scorer.advance(to: target) : scorer.doc
            smallest = min(smallest, current)
        }
        doc = smallest
        return doc
    }

    /// Before part `i` moves to `target` or beyond: its thresholds, alone up to the first
    /// document at or after `target` that another part may match.
    @inline(__always)
    private func prepare(_ i: Int, from target: Int) {
        guard competitive > -Double.infinity else { return }
        var limit = Scorer.exhausted
        for (j, other) in scorers.enumerated() where j != i { limit = min(limit, max(other.doc, target)) }
        let total = maxScore
        scorers[i].setMinimumCompetitiveScore(competitive - (total - scorers[i].maxScore), alone: competitive, before: limit)
    }

    override func score() -> Double {
        var total = 0.0
        for scorer in scorers where scorer.doc == doc { total += scorer.score() }
        return total
    }

    override var maxScore: Double { scorers.reduce(0) { $0 + $1.maxScore } }

    override func setMinimumCompetitiveScore(_ score: Double) {
        guard maxScore.isFinite else { return }
        competitive = score
    }

    override func explain() -> Explanation {
        let parts = scorers.filter { $0.doc == doc }.map { $0.explain() }
        return Explanation(value: parts.reduce(0) { $0 + $1.value }, description: "sum of (any match)", details: parts)
    }
}

/// The documents of a required scorer that an excluded one does not match.
final class ExclusionScorer: Scorer {
    private let required: Scorer
    private let excluded: Scorer

    init(required: Scorer, excluded: Scorer) {
        self.required = required
        self.excluded = excluded
    }

    override var cost: Int { required.cost }
    override var corruption: IndexError? { required.corruption ?? excluded.corruption }

    private func settle(_ candidate: Int) -> Int {
        var current = candidate
        while current != Scorer.exhausted {
            let blocked = excluded.doc < current ? excluded.advance(to: current) : excluded.doc
            if blocked != current { break }
            current = required.next()
        }
        doc = current
        return doc
    }

    override func next() -> Int { doc == Scorer.exhausted ? doc : settle(required.next()) }
    override func advance(to target: Int) -> Int { settle(required.advance(to: target)) }
    override func score() -> Double { required.score() }
    override func explain() -> Explanation { required.explain() }
}

/// The documents of a required scorer, scored with an optional one added where it matches too.
final class OptionalScorer: Scorer {
    private let required: Scorer
    private let optional: Scorer

    init(required: Scorer, optional: Scorer) {
        self.required = required
        self.optional = optional
    }

    override var cost: Int { required.cost }
    override var corruption: IndexError? { required.corruption ?? optional.corruption }

    override func next() -> Int {
        doc = required.next()
        return doc
    }

    override func advance(to target: Int) -> Int {
        doc = required.advance(to: target)
        return doc
    }

    override func score() -> Double {
        let base = required.score()
        if optional.doc < doc { _ = optional.advance(to: doc) }
        return optional.doc == doc ? base + optional.score() : base
    }

    override func explain() -> Explanation {
        var parts = [required.explain()]
        if optional.doc < doc { _ = optional.advance(to: doc) }
        if optional.doc == doc { parts.append(optional.explain()) }
        return Explanation(value: parts.reduce(0) { $0 + $1.value }, description: "sum of (required, optional)", details: parts)
    }
}

/// A scorer whose scores are multiplied by a boost.
final class BoostScorer: Scorer {
    private let inner: Scorer
    private let boost: Double

    init(_ inner: Scorer, boost: Double) {
        self.inner = inner
        self.boost = boost
    }

    override var cost: Int { inner.cost }
    override var corruption: IndexError? { inner.corruption }

    override func next() -> Int {
        doc = inner.next()
        return doc
    }

    override func advance(to target: Int) -> Int {
        doc = inner.advance(to: target)
        return doc
    }

    override func score() -> Double { boost * inner.score() }

    override var maxScore: Double { boost * inner.maxScore }

    override func setMinimumCompetitiveScore(_ score: Double) {
        if boost > 0 { inner.setMinimumCompetitiveScore(score / boost) }
    }

    override func setMinimumCompetitiveScore(_ score: Double, alone: Double, before limit: Int) {
        if boost > 0 { inner.setMinimumCompetitiveScore(score / boost, alone: alone / boost, before: limit) }
    }

    override func explain() -> Explanation {
        let part = inner.explain()
        return Explanation(value: boost * part.value, description: "boost \(boost) ×", details: [part])
    }
}
