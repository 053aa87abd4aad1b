/// Builds one segment's scorer tree for a resolved query, with the whole index's statistics.
struct ScorerCompiler {
    let reader: IndexReader
    let statistics: CollectionStatistics
    let ranking: Ranking
    /// Length normalization of each text field, and of the default fields together (the flat model).
    let normalization: FieldNormalizations

    /// The scorers of one term in `segment`: one over all its fields (BM25F, flat), or one per
    /// field (the `fields` model). Empty where the segment lacks the term.
    func termScorers(_ term: ResolvedTerm, segment: SegmentReader) -> [TermScorer] {
        let index = reader.segments.firstIndex { $0 === segment }!
        let entries = term.entries[index]
        guard !entries.isEmpty else { return [] }
        let schema = reader.schema
        func slot(_ field: Field) -> TermScorer.Slot {
            let postings = entries[field].map { info in
                TermScorer.FieldPostings(field: field, cursor: segment.postings(info), weight: ranking.weight(of: field, in: schema),
                                         normalization: normalization.of(field))
            }
            return TermScorer.Slot(field: field, name: name(of: field),
                                   postings: postings, norms: segment.norms[field] ?? .empty)
        }
        let single = term.fields.count == 1
        if ranking.model == .fields || single {
            // One field at a time: the flat model of one field is BM25 of that field.
            var model = ranking
            if model.model == .flat { model.model = .fields }
            return term.fields.compactMap { field in
                guard entries[field] != nil else { return nil }
                let idf = Ranking.idf(documentFrequency: term.documentFrequency[field] ?? 0,
                                      documentCount: statistics.fieldDocumentCount[field] ?? statistics.documentCount)
                return TermScorer(text: term.text, slots: [slot(field)], ranking: model, idf: idf, boost: term.boost,
                                  flat: normalization.flat)
            }
        }
        // Every field together: idf counts the documents holding the term in any of them.
        let idf = Ranking.idf(documentFrequency: term.unionDocumentFrequency, documentCount: statistics.documentCount)
        return [TermScorer(text: term.text, slots: term.fields.map(slot), ranking: ranking, idf: idf, boost: term.boost,
                           flat: normalization.flat)]
    }

    /// The schema's name of `field` (for explanations).
    private func name(of field: Field) -> String {
        reader.schema.position(of: field.number).map { reader.schema.fields[$0].name } ?? field.description
    }

    /// The scorer tree of `query` in `segment`, or nil when nothing there can match.
    func scorer(_ query: ResolvedQuery, segment: SegmentReader) -> Scorer? {
        switch query {
        case .term(let term):
            let scorers = termScorers(term, segment: segment)
            return scorers.isEmpty ? nil : (scorers.count == 1 ? scorers[0] : DisjunctionScorer(scorers))
        case .phrase(let phrase):
            return phraseScorer(phrase, segment: segment)
        case .filter(let filter):
            return filterScorer(filter, segment: segment)
        case .boolean(let must, let should, let mustNot):
            if must.isEmpty && mustNot.isEmpty, let terms = query.pureDisjunction {
                // The same clauses, in the same order, as the MaxScore path sums.
                let scorers = terms.flatMap { termScorers($0, segment: segment) }
                return scorers.isEmpty ? nil : DisjunctionScorer(scorers)
            }
            var required: [Scorer] = []
            for clause in must {
                guard let scorer = scorer(clause, segment: segment) else { return nil }
                required.append(scorer)
            }
            let optional = should.compactMap { scorer($0, segment: segment) }
            let excluded = mustNot.compactMap { scorer($0, segment: segment) }
            var result: Scorer
            if required.isEmpty {
                guard !optional.isEmpty else { return nil }
                result = optional.count == 1 ? optional[0] : DisjunctionScorer(optional)
            } else {
                result = required.count == 1 ? required[0] : ConjunctionScorer(required)
                if !optional.isEmpty {
                    result = OptionalScorer(required: result, optional: optional.count == 1 ? optional[0] : DisjunctionScorer(optional))
                }
            }
            if !excluded.isEmpty {
                result = ExclusionScorer(required: result, excluded: excluded.count == 1 ? excluded[0] : DisjunctionScorer(excluded))
            }
            return result
        }
    }

    private func filterScorer(_ filter: ResolvedFilter, segment: SegmentReader) -> Scorer? {
        switch filter {
        case .keyword(_, _, let entries):
            let index = reader.segments.firstIndex { $0 === segment }!
            return entries[index].map { PostingsFilterScorer(segment.postings($0)) }
        case .range(let field, let bounds):
            guard let column = segment.columns.numeric(field.number) else { return nil }
            return RangeFilterScorer(column: column, bounds: bounds, documentCount: segment.documentCount)
        }
    }

    private func phraseScorer(_ phrase: ResolvedPhrase, segment: SegmentReader) -> PhraseScorer? {
        let index = reader.segments.firstIndex { $0 === segment }!
        var cursors: [PostingsCursor] = []
        for term in phrase.terms {
            guard let info = term.entries[index] else { return nil }
            cursors.append(segment.postings(info))
        }
        let count = statistics.fieldDocumentCount[phrase.field] ?? statistics.documentCount
        let idf = phrase.blendedFrequency.map { Ranking.idf(documentFrequency: $0, documentCount: statistics.documentCount) }
            ?? phrase.terms.reduce(0.0) { $0 + Ranking.idf(documentFrequency: $1.documentFrequency, documentCount: count) }
        return PhraseScorer(text: phrase.text, fieldName: name(of: phrase.field), cursors: cursors,
                            tokens: phrase.tokens.map { (cursor: $0.term, offset: $0.offset) }, slop: phrase.slop,
                            norms: segment.norms[phrase.field] ?? .empty, weight: ranking.weight(of: phrase.field, in: reader.schema),
                            k1: ranking.k1, idf: idf, boost: phrase.boost,
                            normalization: normalization.of(phrase.field))
    }
}
