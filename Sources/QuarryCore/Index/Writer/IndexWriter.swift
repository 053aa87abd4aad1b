import Foundation

/// The one writer of an index, for async code: adds, replaces and deletes documents, merges
/// segments and commits.
///
/// Get it from ``Index/writer(options:)``; it holds the index folder's lock until ``close()``
/// (or until it is released), so a second writer (in this process or another) fails with
/// ``IndexError/locked(path:pid:holder:)``. Should the folder be deleted or made again while it
/// runs, it stops with ``IndexError/lockLost(path:)`` rather than write into another
/// writer's index. It is an actor with an executor of its own: its blocking
/// file work never holds a thread of Swift's cooperative pool.
///
/// Nothing it does is visible to searchers before ``commit()``, and a crash before then leaves
/// the last commit as it was. Documents given in code are buffered and written as a segment
/// when their text reaches a quarter of ``IndexingOptions/memoryMB`` (the segment builder then
/// takes up to the whole of it: the writer's memory stays within about twice `memoryMB`), at
/// ``commit()``, and before a delete or a merge. A document whose id is in the index already replaces it: `add` is an upsert.
public actor IndexWriter {
    private let core: IndexWriterCore
    private let executor = WriterExecutor()
    private let options: IndexingOptions
    private var converter: FieldConverter
    private var buffered: [(document: Document, fields: ConvertedFields)] = []
    private var bufferedBytes = 0

    /// The index's folder.
    public nonisolated let url: URL

    /// Runs the writer's work on its own thread (see the type's documentation).
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(core: IndexWriterCore, options: IndexingOptions) {
        self.core = core
        self.options = options
        url = URL(fileURLWithPath: core.directory, isDirectory: true)
        converter = FieldConverter(layout: FieldLayout(core.schema), reportsUnknownMembers: true)
    }

    deinit {
        executor.stop()
    }

    /// The index's fields.
    public var schema: Schema { core.schema }

    /// Live and deleted documents, counting what is not committed yet (buffered documents
    /// count once written: after ``flush()``).
    public var documentCounts: (live: Int, deleted: Int) { core.documentCounts }

    // MARK: Adding

    /// Adds `document`, checked against the schema: a member the schema has no field for, a
    /// value that does not fit its field, or an id another shard holds (``IndexingOptions/shard``)
    /// throws ``IndexError/invalidDocument(id:reason:)`` and adds nothing of it.
    public func add(_ document: Document) throws(IndexError) {
        try ensureOpen()
        if let shard = options.shard, !shard.holds(document.id) {
            throw .invalidDocument(id: document.id, reason: "shard \(shard) does not hold it (shard \(ShardRoute.shard(of: document.id, among: shard.count)) does)")
        }
        let (fields, warnings) = converter.convert(document)
        if !fields.unknownMembers.isEmpty {
            let names = fields.unknownMembers.map { ControlCharacters.forDisplay(document.fields[$0].name) }
            throw .invalidDocument(id: document.id, reason: "the schema has no field \(names.map { "'\($0)'" }.joined(separator: ", "))")
        }
        if let problem = warnings.first(where: { $0.kind == .badValue }) {
            throw .invalidDocument(id: document.id, reason: problem.message)
        }
        buffered.append((document, fields))
        bufferedBytes += document.title.utf8.count + document.body.utf8.count
            + document.fields.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.text.utf8.count } }
        if bufferedBytes >= options.memoryMB << 18 { try flush() }
    }

    /// Adds a value of the app's own type, encoded as a document by ``Document/init(encoding:)``
    /// (coding keys name the fields) and checked against the schema as ``add(_:)-(Document)``
    /// checks.
    public func add(_ value: some Encodable) throws(IndexError) {
        try add(Document(encoding: value))
    }

    /// Adds each of `documents` in order (see ``add(_:)-(Document)``); the first one the schema
    /// refuses stops it, the ones before it staying added.
    public func add(contentsOf documents: some Sequence<Document>) throws(IndexError) {
        for document in documents { try add(document) }
    }

    /// Adds each of `values` in order, encoded as documents (see ``add(_:)-(Encodable)``).
    public func add<Values: Sequence>(contentsOf values: Values) throws(IndexError) where Values.Element: Encodable {
        for value in values { try add(Document(encoding: value)) }
    }

    /// Reads and indexes every document in `files` (files or folders: JSON Lines, JSON arrays,
    /// BEIR corpora, HTML, plain text, gzip or zstd compressed; see ``InputFormat``), on
    /// `options.threads` threads. Problems with one input go to `warning` (a file and line each)
    /// and the rest goes on, unless ``IndexingOptions/strict``. `progress` is called a few times
    /// a second. Cancelling the calling task stops the reading (``IndexError/cancelled``); what
    /// was read stays uncommitted, for ``commit()`` or to be dropped with the writer.
    public func add(files: [URL], options: IndexingOptions = IndexingOptions(),
                    progress: (@Sendable (IndexingProgress) -> Void)? = nil,
                    warning: @escaping @Sendable (IngestWarning) -> Void = { _ in }) throws(IndexError) -> IndexingSummary {
        try ensureOpen()
        try flush()
        do {
            return try core.add(paths: files.map(\.givenPath), options: options, progress: progress,
                                isCancelled: { Task.isCancelled }, warn: warning)
        } catch {
            throw Self.indexError(error)
        }
    }

    /// Writes the buffered documents as a segment (not committed yet). ``commit()`` does it
    /// first; call it to have ``documentCounts`` count them.
    public func flush() throws(IndexError) {
        try ensureOpen()
        guard !buffered.isEmpty else { return }
        let batch = buffered
        buffered = []
        bufferedBytes = 0
        var flushing = options
        flushing.threads = 1
        do {
            _ = try core.add(converted: batch, options: flushing)
        } catch {
            throw Self.indexError(error)
        }
    }

    /// `error`, from the writer's untyped ingest path, as an `IndexError` (it nearly always is one).
    private static func indexError(_ error: any Error) -> IndexError {
        error as? IndexError ?? .invalidArgument("\(error)")
    }

    // MARK: Deleting

    /// Deletes the live document with id `id`; false when there is none.
    @discardableResult
    public func delete(id: String) throws(IndexError) -> Bool {
        try delete(ids: [id]) > 0
    }

    /// Deletes every live document with one of `ids`; returns how many were deleted.
    @discardableResult
    public func delete(ids: [String]) throws(IndexError) -> Int {
        try flush()
        return try core.delete(ids: ids)
    }

    // MARK: Merging and committing

    /// Merges segments, dropping deleted documents, until at most `maximumSegments` remain (not
    /// committed yet), reporting its progress to `progress` a few times a second. Cancelling the
    /// calling task stops the merge within a fraction of a second with ``IndexError/cancelled``,
    /// leaving the segments as they were (the merge's partial files go at the next commit).
    public func merge(maximumSegments: Int = 1, progress: (@Sendable (MergeProgress) -> Void)? = nil) throws(IndexError) {
        try flush()
        try core.merge(maximumSegments: maximumSegments, tracker: MergeTracker(report: progress, isCancelled: { Task.isCancelled }))
    }

    /// Makes every change since the last commit visible and durable, atomically (new files are
    /// synced, then the manifest is replaced). Throws only when the commit was not made; what
    /// failed once it was live is in ``CommitResult/warnings``.
    @discardableResult
    public func commit() throws(IndexError) -> CommitResult {
        try flush()
        var warnings: [CommitWarning] = []
        let committed = try core.commit(warn: { warnings.append($0) })
        return CommitResult(committed: committed, warnings: warnings)
    }

    // MARK: Closing

    /// Lets go of the index's lock now, so another writer can open it at once (without it the
    /// lock goes when the writer is released, which may be a moment after its last use).
    /// Documents added and deleted since the last ``commit()`` are dropped; every later call
    /// but ``close()`` throws ``IndexError/writerClosed(path:)``.
    public func close() {
        buffered = []
        bufferedBytes = 0
        core.close()
    }

    private func ensureOpen() throws(IndexError) {
        if core.isClosed { throw .writerClosed(path: core.directory) }
    }
}
