/// Iterates the documents of one segment that match a query, in increasing order, and scores the
/// current one. Document numbers are the segment's own; -1 before the first, `exhausted` after
/// the last.
///
/// Scorers form a tree for general queries (conjunctions, disjunctions, exclusions, phrases,
/// filters); subclasses are final, and the hot keyword path (`MaxScoreCollector`) works on the
/// concrete `TermScorer` type, never through this base class.
class Scorer {
    static let exhausted = Int.max

    /// The current document.
    final var doc = -1

    /// Moves to the next document; returns it, or `exhausted`.
    func next() -> Int { fatalError("subclass") }

    /// Moves to the first document at or after `target` (> current); returns it, or `exhausted`.
    func advance(to target: Int) -> Int {
        while doc < target { _ = next() }
        return doc
    }

    /// The score of the current document.
    func score() -> Double { fatalError("subclass") }

    /// How the current document's score is made up.
    func explain() -> Explanation { fatalError("subclass") }

    /// An estimate of how many documents it matches (conjunctions lead with the cheapest).
    var cost: Int { fatalError("subclass") }

    /// Damage found in the index while iterating (checked when the search ends).
    var corruption: IndexError? { nil }

    /// No document scores more than this.
    var maxScore: Double { .infinity }

    /// Documents scoring at most `score` are no longer wanted: a scorer may skip them (the
    /// top-k collector calls this when it needs no exact count of matches). Default: ignored.
    func setMinimumCompetitiveScore(_ score: Double) {}

    /// The same for a scorer whose siblings in a disjunction match nothing before `limit`: there
    /// documents scoring at most `alone` are not wanted, from `limit` on those scoring at most
    /// `score`. Default: `score` throughout.
    func setMinimumCompetitiveScore(_ score: Double, alone: Double, before limit: Int) {
        setMinimumCompetitiveScore(score)
    }
}
