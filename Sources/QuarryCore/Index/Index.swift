import Foundation

/// An index folder: where to create or open one, and the way to its writer and its searchers.
///
/// ```swift
/// let index = try Index.create(at: folder, schema: schema)
/// let writer = try index.writer()
/// try await writer.add(article)
/// try await writer.commit()
/// let results = try index.searcher().search(Query(parsing: "ofsted supervision"))
/// ```
///
/// A value: it names the folder and what the index was made with (as of when it was opened or
/// created); any number of searchers and one writer at a time use it, in this process or
/// others.
public struct Index: Sendable {
    /// The index's folder.
    public let url: URL
    /// The index's fields, as of when it was opened.
    public let schema: Schema
    /// The analysis its text was indexed with; queries are analyzed the same way.
    public let analysis: AnalysisSettings

    /// Creates an empty index at `url` (the folder is made if missing) and commits it, so that
    /// searchers can open it at once. A folder holding an index already is an error
    /// (``IndexError/alreadyExists(path:)``), and so is a folder holding other files
    /// (``IndexError/notAnIndexFolder(path:foreignFile:)``): Quarry never removes a file it did
    /// not make.
    public static func create(at url: URL, schema: Schema = .default,
                              analysis: AnalysisSettings = AnalysisSettings()) throws(IndexError) -> Index {
        let core = try IndexWriterCore.create(directory: url.givenPath, settings: analysis, schema: schema)
        try core.commit()
        return Index(url: url, schema: schema, analysis: analysis)
    }

    /// Creates an index at `url` and returns its writer, for an index built in one go: nothing
    /// is visible until the writer's first commit, and with `replacing`, an index there already
    /// stays as it was until then (its files go at that commit). The folder rules are
    /// ``create(at:schema:analysis:)``'s.
    public static func createWriter(at url: URL, schema: Schema = .default, analysis: AnalysisSettings = AnalysisSettings(),
                                    replacing: Bool = false, options: IndexingOptions = IndexingOptions()) throws(IndexError) -> IndexWriter {
        IndexWriter(core: try IndexWriterCore.create(directory: url.givenPath, settings: analysis, schema: schema, replacing: replacing),
                    options: options)
    }

    /// Opens the index at `url`: ``IndexError/notAnIndex(path:)`` when there is none, and
    /// ``IndexError/corrupt(file:reason:)`` or ``IndexError/unsupportedVersion(file:found:supported:)``
    /// when its manifest cannot be read.
    public static func open(at url: URL) throws(IndexError) -> Index {
        guard FileSystem.exists("\(url.givenPath)/\(Manifest.fileName)") else { throw .notAnIndex(path: url.givenPath) }
        let manifest = try Manifest.read(directory: url.givenPath)
        return Index(url: url, schema: manifest.schema, analysis: manifest.settings)
    }

    /// The index's writer, holding the folder's lock until the writer is released (a second one
    /// fails with ``IndexError/locked(path:pid:holder:)``). `options` set its memory for buffered
    /// documents. Files an interrupted writer left are removed first.
    public func writer(options: IndexingOptions = IndexingOptions()) throws(IndexError) -> IndexWriter {
        IndexWriter(core: try IndexWriterCore(directory: url.givenPath), options: options)
    }

    /// A searcher over the index's last commit. With `verifyingChecksums`, every file's
    /// checksum is checked first (slower: it reads everything). With `statistics` (a shard
    /// set's, ``ScoringStatistics``), it scores as one index of the whole set would; they must
    /// count this commit (``IndexError/invalidArgument(_:)`` otherwise).
    public func searcher(verifyingChecksums: Bool = false, statistics: ScoringStatistics? = nil) throws(IndexError) -> Searcher {
        try Searcher(reader: IndexReader(directory: url.givenPath, verifyChecksums: verifyingChecksums), statistics: statistics)
    }

    /// Checks every checksum of the last commit, then the structure of each segment (term order,
    /// postings against the dictionary, counts, positions against lengths, ids, deletes); throws
    /// the first problem found, naming its file.
    public func verify() throws(IndexError) -> VerificationReport {
        try IndexVerifier.verify(directory: url.givenPath)
    }

    /// Counts and sizes of the last commit: documents, segments, terms, bytes by kind.
    public func statistics() throws(IndexError) -> IndexStatistics {
        try IndexStatistics(IndexReader(directory: url.givenPath))
    }
}
