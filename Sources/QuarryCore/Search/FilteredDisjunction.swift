/// A query MaxScore answers with a filter: terms of which a hit must match at least one, the
/// only clauses that score, narrowed by required filters and by exclusions that add nothing.
///
/// The resolver gives it in these shapes (see `ResolvedQuery.filteredDisjunction`): words next to
/// filters, `.boolean(must: [filters…, terms], should: [], mustNot: [excluded…])` (`said source:reuters`,
/// `said section:(sport OR politics)`, `+said -tag:obituary`); words with exclusions only,
/// `.boolean(must: [], should: [terms…], mustNot: [excluded…])` (`council -section:sport`); and a
/// pure disjunction, with nothing to narrow.
struct FilteredDisjunction {
    /// The terms, in the order exhaustive scoring sums their scorers.
    let terms: [ResolvedTerm]
    /// Filters every hit matches: keyword values, ranges, and unions, conjunctions and
    /// exclusions of those (all scoring 0).
    let required: [ResolvedQuery]
    /// Clauses no hit matches (any query: only whether it matches counts).
    let excluded: [ResolvedQuery]
    /// Whether exhaustive scoring adds up each term's own scorers before adding the terms (the
    /// terms are the optional clauses of an exclusion): MaxScore's one flat sum is the same only
    /// where no term has more than one scorer (one per field, in the `fields` model).
    let sumsEachTerm: Bool

    /// What narrows one segment's matches.
    enum Narrowing {
        /// Nothing: every match of the terms is a hit.
        case everything
        /// A required filter matches nothing in the segment.
        case nothing
        /// The documents of a scorer (scoring 0) that only narrows.
        case to(Scorer)
    }

    /// The same filters and exclusions around `terms` instead (nil for none), in the shapes above.
    func query(with terms: [ResolvedTerm]) -> ResolvedQuery? {
        guard let words = ResolvedQuery.anyOf(terms) else { return nil }
        if required.isEmpty && excluded.isEmpty { return words }
        if required.isEmpty { return .boolean(must: [], should: terms.map(ResolvedQuery.term), mustNot: excluded) }
        return .boolean(must: required + [words], should: [], mustNot: excluded)
    }

    /// The terms' scorers in `segment` in the order exhaustive scoring sums them, or nil where
    /// MaxScore would not sum them the same way (see `sumsEachTerm`).
    func termScorers(in segment: SegmentReader, compiler: ScorerCompiler) -> [TermScorer]? {
        let perTerm = terms.map { compiler.termScorers($0, segment: segment) }
        if sumsEachTerm && perTerm.contains(where: { $0.count > 1 }) { return nil }
        return perTerm.flatMap { $0 }
    }

    /// The filter of `segment`: the conjunction of the required filters less the excluded
    /// clauses, from the same scorers the exhaustive tree is made of.
    func narrowing(in segment: SegmentReader, compiler: ScorerCompiler) -> Narrowing {
        if !required.isEmpty {
            guard let filter = compiler.scorer(.boolean(must: required, should: [], mustNot: excluded), segment: segment) else {
                return .nothing
            }
            return .to(filter)
        }
        guard !excluded.isEmpty, let any = compiler.scorer(.boolean(must: [], should: excluded, mustNot: []), segment: segment) else {
            return .everything
        }
        return .to(ExclusionScorer(required: AllDocumentsScorer(documentCount: segment.documentCount), excluded: any))
    }
}

extension ResolvedQuery {
    /// The query as terms narrowed by filters and exclusions when it has that shape (a pure
    /// disjunction included), else nil.
    var filteredDisjunction: FilteredDisjunction? {
        if let terms = pureDisjunction { return FilteredDisjunction(terms: terms, required: [], excluded: [], sumsEachTerm: false) }
        guard case .boolean(let must, let should, let mustNot) = self else { return nil }
        if should.isEmpty {
            // One required clause of terms among required filters: the conjunction's sum is the
            // terms' flat sum (filters add 0).
            let words = must.filter { !$0.isFilterOnly }
            guard words.count == 1, let terms = words[0].pureDisjunction else { return nil }
            return FilteredDisjunction(terms: terms, required: must.filter(\.isFilterOnly), excluded: mustNot, sumsEachTerm: false)
        }
        guard must.isEmpty, !mustNot.isEmpty else { return nil }
        // Optional clauses of an exclusion: one clause of terms is summed flat, several only if
        // each is one term (each then summed on its own).
        if should.count == 1, let terms = should[0].pureDisjunction {
            return FilteredDisjunction(terms: terms, required: [], excluded: mustNot, sumsEachTerm: false)
        }
        var terms: [ResolvedTerm] = []
        for clause in should {
            guard case .term(let term) = clause else { return nil }
            terms.append(term)
        }
        return FilteredDisjunction(terms: terms, required: [], excluded: mustNot, sumsEachTerm: true)
    }

    /// Whether the query is made of filters only (which score nothing) and can match something
    /// on its own (it has a clause that is not an exclusion).
    var isFilterOnly: Bool {
        switch self {
        case .filter: return true
        case .term, .phrase: return false
        case .boolean(let must, let should, let mustNot):
            return !(must.isEmpty && should.isEmpty) && (must + should + mustNot).allSatisfy(\.isFilterOnly)
        }
    }
}
