/// Progress of an `add`, reported a few times a second.
public struct IndexingProgress: Sendable {
    /// Documents read so far.
    public var documents: Int
    /// Bytes of text (titles and bodies) read.
    public var textBytes: Int
    /// Bytes of input files read, and in all (compressed files count as stored).
    public var inputBytes: Int
    /// Bytes of all the input files.
    public var totalInputBytes: Int
    /// Seconds since the add began.
    public var elapsed: Double
}
