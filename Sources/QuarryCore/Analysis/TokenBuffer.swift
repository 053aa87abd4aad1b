/// The tokens of one field: each token's term (an id in the analyzer's `Vocabulary`), its
/// position (0, 1, 2, ... per field; stop words leave gaps) and its UTF-8 byte range in the
/// analyzed text. Reused from one field to the next without reallocating; noncopyable, so the
/// analyzer appends to it without copy-on-write checks.
public struct TokenBuffer: ~Copyable {
    /// One token.
    public struct Entry: Sendable, Equatable, BitwiseCopyable {
        /// The term's id in the analyzer's vocabulary (`Analyzer.term(_:)` gives its text).
        public var term: Int32
        /// The position: 0 for the first token of the text, one more for each word after it.
        public var position: Int32
        /// The UTF-8 byte offsets of the word in the text, `start..<end`.
        public var start: Int32
        /// The end of the byte range (exclusive).
        public var end: Int32
    }

    private var entries = GrowableBuffer<Entry>(capacity: 1024)
    /// The position after the last one given: the field's length in positions.
    public internal(set) var length: Int32 = 0

    /// An empty buffer.
    public init() {}

    /// Tokens held.
    public var count: Int { entries.count }

    /// Token `index`.
    public subscript(index: Int) -> Entry { entries[index] }

    /// The tokens as a buffer, valid until the next change.
    public var all: UnsafeBufferPointer<Entry> { entries.elements }

    /// Empties the buffer (keeping its memory) and restarts positions at 0.
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
    /// The end of the byte range (exclusive).
    public var end: Int

    /// A token.
    public init(term: String, position: Int, start: Int, end: Int) {
        self.term = term
        self.position = position
        self.start = start
        self.end = end
    }
}
