/// `SynonymRules` analyzed for one session's analyzer: from a word's (or phrase's) analyzed
/// terms to what it is searched as. Rules with the same words merge, as Solr merges them.
struct SynonymMap {
    /// One thing a word is searched as.
    struct Expansion: Equatable {
        /// As the rule wrote it (for notes).
        let text: String
        /// Its analyzed terms: one, or a phrase's.
        let terms: [String]
    }

    /// By the analyzed terms of a rule's word, joined by spaces.
    private var expansions: [String: [Expansion]] = [:]

    var isEmpty: Bool { expansions.isEmpty }

    /// `rules` analyzed with `analyzer` (as query words are: without dropping stop words); a word
    /// that analysis leaves nothing of is left out.
    init(_ rules: SynonymRules, analyzer: Analyzer) {
        for rule in rules.rules {
            let synonyms = rule.synonyms.compactMap { text -> Expansion? in
                let terms = analyzer.tokens(of: text).map(\.term)
                return terms.isEmpty ? nil : Expansion(text: text, terms: terms)
            }
            for word in rule.words {
                let terms = analyzer.tokens(of: word).map(\.term)
                guard !terms.isEmpty else { continue }
                let key = terms.joined(separator: " ")
                var merged = expansions[key] ?? []
                for synonym in synonyms where !merged.contains(where: { $0.terms == synonym.terms }) { merged.append(synonym) }
                expansions[key] = merged
            }
        }
    }

    init() {}

    /// What the word or phrase of analyzed `terms` is searched as; nil when no rule names it.
    func expansions(of terms: [String]) -> [Expansion]? {
        expansions[terms.joined(separator: " ")]
    }
}
