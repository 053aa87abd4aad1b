/// The tokens of one field: each token's term (an id in the analyzer's `Vocabulary`), its
/// position (0, 1, 2, ... per field; stop words leave gaps) and its UTF-8 byte range in the
/// analyzed text. Reused from one field to the next without reallocating; noncopyable, so the
/// analyzer appends to it without copy-on-write checks.
public struct TokenBuffer: ~Copyable {
    /// One token.
    public struct Entry: Sendable, Equatable, BitwiseCopyable {
        public var term: Int32
        public var position: Int32
        public var start: Int32
        public var end: Int32
    }

    private var entries = GrowableBuffer<Entry>(capacity: 1024)
    /// The position after the last one given: the field's length in positions.
    public internal(set) var length: Int32 = 0

    public init() {}

    public var count: Int { entries.count }

    public subscript(index: Int) -> Entry { entries[index] }

    /// The tokens as a buffer, valid until the next change.
    public var all: UnsafeBufferPointer<Entry> { entries.elements }

    public mutating func removeAll() {
        entries.removeAll()
        length = 0
    }

    @inline(__always)
    mutating func append(term: Int32, position: Int32, start: Int, end: Int) {
        entries.append(Entry(term: term, position: position, start: Int32(truncatingIfNeeded: start),
                             end: Int32(truncatingIfNeeded: end)))
    }
}

/// One token, for callers that want values rather than buffers (queries, the `analyze` command).
public struct Token: Sendable, Hashable, Codable {
    /// The normalized term, as stored in the index.
    public var term: String
    /// Its position in the field.
    public var position: Int
    /// Its UTF-8 byte range in the original text.
    public var start: Int
    public var end: Int

    public init(term: String, position: Int, start: Int, end: Int) {
        self.term = term
        self.position = position
        self.start = start
        self.end = end
    }
}
