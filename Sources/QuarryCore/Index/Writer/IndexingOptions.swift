import Foundation

/// How documents are added.
public struct IndexingOptions: Sendable {
    /// Threads that analyze and build segments (a further thread reads the input when more than one).
    public var threads: Int
    /// Memory for an add, in megabytes, over all threads: the documents buffered before a
    /// segment is flushed, the set of ids read, and each merge the merge policy starts after it.
    public var memoryMB: Int
    /// How files are read (by extension with `.auto`).
    public var format: InputFormat
    /// Whether text and HTML files without a date of their own take their modification time as
    /// `date` (`DocumentReader.fileDates`).
    public var fileDates = false
    /// Whether a document member the schema has no field for is reported
    /// (`IngestWarning.Kind.unknownMember`, once per name per add). `build` turns it off when
    /// it inferred the schema, since it prints what the inference left out.
    public var reportsUnknownMembers = true
    /// Whether the first input problem that loses something stops the add (throwing
    /// `IndexError.rejectedInput`, nothing committed): a malformed or oversized document, a
    /// value that does not fit its field, a file unreadable or damaged. Otherwise each is
    /// reported and the rest goes on.
    public var strict = false
    /// Only the documents this shard of a set holds (by id, ``ShardRoute``): reading files, the
    /// others are passed over (counted in ``IndexingSummary/routedElsewhere``); one added by
    /// ``IndexWriter/add(_:)-(Document)`` is refused. Nil: every document.
    public var shard: ShardRoute?
    /// Overrides the flush threshold per thread, in bytes (tests use it to make many segments).
    var flushThresholdBytes: Int?
    /// Overrides the most documents a merge the policy chooses may make (tests use it to see
    /// the cap work on few documents).
    var policyMergeDocuments: Int?

    /// The threads an add may use.
    public static let threadRange = 1...256
    /// The memory an add may be given, in megabytes (16 MB to 1 TB).
    public static let memoryRange = 16...1_048_576

    /// Options for an add; values outside `threadRange` and `memoryRange` are brought to the
    /// nearest end.
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, memoryMB: Int = 512, format: InputFormat = .auto) {
        self.threads = threads
        self.memoryMB = memoryMB
        self.format = format
    }
}
