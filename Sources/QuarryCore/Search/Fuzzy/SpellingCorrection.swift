/// A word of a query that no document holds, and the term of the index a suggestion puts in
/// its place.
///
/// As Elasticsearch's term suggester (`suggest_mode: missing`, `prefix_length: 1`), only a
/// word the index lacks is corrected, by the closest term with its first letter: within one
/// edit from 4 letters, two from 8, the most frequent of the closest.
struct SpellingCorrection: Sendable, Equatable {
    /// The word as the query wrote it.
    let typed: String
    /// What the word was analyzed to (a term no document holds).
    let term: String
    /// The field the query named for the word (nil: the default fields).
    let field: Field?
    /// The index's term that replaces it (nil until one is found).
    var replacement: String?

    /// The edits a correction of a word of `letters` characters may make (0: it is not corrected).
    static func distance(forWordOf letters: Int) -> Int {
        letters >= 8 ? 2 : letters >= 4 ? 1 : 0
    }
}
