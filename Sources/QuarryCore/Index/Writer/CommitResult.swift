/// What ``IndexWriter/commit()`` did.
public struct CommitResult: Sendable, Equatable {
    /// False when there was nothing to commit (no change since the last commit).
    public var committed: Bool
    /// Failures after the commit became live: it is made and visible, but what each names is
    /// unsure (see ``CommitWarning``).
    public var warnings: [CommitWarning]
}
