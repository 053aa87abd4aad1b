/// Which words of a query may match words a few edits away.
///
/// Words written `word~1` or `word~2` are fuzzy in either mode.
public enum TypoTolerance: String, Sendable, CaseIterable {
    /// Only the words written `word~N`.
    case off
    /// Meilisearch's rules for a word the index does not have: a ranked word outside quotes,
    /// prefixes and filters that no document holds matches the words within no edit under 5
    /// letters, one from 5 and two from 9, with the same first letter. A word the index has is
    /// taken as typed, so a correctly spelled query ranks as it does with `off` and costs one
    /// dictionary lookup more (news-en/known-item: the same MRR@10; BENCHMARKS.md).
    case auto

    /// The edits `auto` allows in a word of `letters` letters (as typed: the count of its
    /// characters, not of its stem's).
    public static func distance(forWordOf letters: Int) -> Int {
        letters >= 9 ? 2 : letters >= 5 ? 1 : 0
    }
}
