/// What ``Index/verify()`` checked: counts of what it read, and the files it found unused.
public struct VerificationReport: Sendable {
    /// Segments checked.
    public var segments = 0
    /// Files whose checksums were checked (the manifest included).
    public var files = 0
    /// Documents, deleted ones included.
    public var documents = 0
    /// Dictionary entries (terms per field).
    public var terms = 0
    /// Postings (document entries of terms).
    public var postings = 0
    /// Positions of terms in documents.
    public var positions = 0
    /// Files in the folder that the commit does not name (left by an interrupted writer, or
    /// not Quarry's, except the writer's `LOCK`): not errors, but worth reporting; the next
    /// writer removes Quarry's.
    public var unreferencedFiles: [String] = []
}

