/// A word of a query that no document holds, and the terms of the index that may take its place
/// in a suggestion.
///
/// As Elasticsearch's term suggester (`prefix_length: 1`, `suggest_mode: missing`), a word is
/// corrected by the closest word of the index with its first letter: within one edit from 4
/// letters, two from 8, the most frequent of the closest. A word the index has is left alone,
/// however rare: correcting rare words too (`popular` mode, to one 20 times as frequent) gave
/// 6 of news-en/known-item's 100 correctly spelled queries a wrong suggestion (names such as
/// *solidere*, *telegraaf*, *partizan*) and corrected fewer misspelled ones. Distances are counted
/// between the typed word and the words as the documents write them: stems exaggerate a typo
/// (*chraged* stems to *chrage*, *charged* to *charg*), so the candidates are the stems within
/// one edit more.
struct SpellingCorrection: Sendable, Equatable {
    /// The word as the query wrote it.
    let typed: String
    /// What the word was analyzed to.
    let term: String
    /// The field the query named for the word (nil: the default fields).
    let field: Field?
    /// The index's terms that may replace it, closest stem first, each with its document
    /// frequency (filled by `QueryResolver.corrections()`).
    var candidates: [(term: String, frequency: Int)] = []

    /// The edits a correction of a word of `letters` characters may make (0: it is not corrected).
    static func distance(forWordOf letters: Int) -> Int {
        letters >= 8 ? 2 : letters >= 4 ? 1 : 0
    }

    /// The candidates whose written forms are compared with the typed word.
    static let candidateCount = 8

    static func == (lhs: SpellingCorrection, rhs: SpellingCorrection) -> Bool {
        lhs.typed == rhs.typed && lhs.term == rhs.term && lhs.field == rhs.field
            && lhs.candidates.map(\.term) == rhs.candidates.map(\.term) && lhs.candidates.map(\.frequency) == rhs.candidates.map(\.frequency)
    }
}
