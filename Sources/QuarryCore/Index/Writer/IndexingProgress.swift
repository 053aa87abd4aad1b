/// Progress of an `add`, reported a few times a second.
public struct IndexingProgress: Sendable {
    public var documents: Int
    /// Bytes of text (titles and bodies) read.
    public var textBytes: Int
    /// Bytes of input files read, and in all (compressed files count as stored).
    public var inputBytes: Int
    public var totalInputBytes: Int
    public var elapsed: Double
}
