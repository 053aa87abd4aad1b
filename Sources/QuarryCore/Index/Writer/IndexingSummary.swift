/// What an `add` did.
public struct IndexingSummary: Sendable {
    /// Documents added.
    public var documents = 0
    /// Bytes of text (titles and bodies) added.
    public var textBytes = 0
    /// Older documents deleted because a new one has their id.
    public var replaced = 0
    /// Documents passed over because another shard holds them (``IndexingOptions/shard``).
    public var routedElsewhere = 0
    /// Documents whose id came again later in the same input (the later one was kept).
    public var duplicates = 0
    /// Warnings reported.
    public var warnings = 0
    /// Malformed JSON lines or elements skipped.
    public var malformed = 0
    /// Invalid UTF-8 sequences replaced.
    public var invalidUTF8 = 0
    /// Segments written (before merges).
    public var segmentsWritten = 0
    /// Seconds the add took.
    public var seconds = 0.0
}
