import Foundation
import Synchronization

/// The synchronous work of an index's one writer (the public `IndexWriter` actor runs it on
/// its own queue): adds, replaces and deletes documents, merges segments, and
/// commits. Holds the index's lock from open to deinit, and checks that it still does
/// (`IndexLock.ensureHeld`) before each segment, deletes file, commit and removal it makes;
/// nothing it does is visible to readers before `commit`, and a crash before then leaves the
/// last commit as it was (the next writer removes the files it left).
final class IndexWriterCore {
    let directory: String
    var settings: AnalysisSettings { manifest.settings }
    /// The index's fields.
    var schema: Schema { manifest.schema }
    fileprivate let lock: IndexLock
    private var manifest: Manifest
    /// Deletes not committed yet, by segment name (the whole bitmap of that segment).
    private var pendingDeletes: [String: DeletedDocuments] = [:]
    /// Read order of the documents of segments made since open, by segment name.
    private var sequences: [String: ReadOrder] = [:]
    private var nextSequence = 0
    private var changed = false

    /// Creates an index in `directory` (made if missing). An index there already is an error
    /// unless `replacing`, in which case the new, empty index replaces it at the first commit.
    /// A folder that is not an index must be empty, or hold only what an interrupted `create`
    /// left (Quarry's own file names): Quarry never removes a file it did not make.
    static func create(directory: String, settings: AnalysisSettings, schema: Schema = .default,
                              replacing: Bool = false) throws(IndexError) -> IndexWriterCore {
        try FileSystem.makeDirectory(directory)
        let manifestPath = "\(directory)/\(Manifest.fileName)"
        if !FileSystem.exists(manifestPath), let foreign = try FileSystem.list(directory).first(where: { IndexFileName($0) == nil }) {
            throw .notAnIndexFolder(path: directory, foreignFile: foreign)
        }
        let lock = try IndexLock(directory: directory)
        var old: Manifest?
        if FileSystem.exists(manifestPath) {
            guard replacing else { throw .alreadyExists(path: directory) }
            // A damaged index can be replaced too; its files then go at the first commit.
            old = try? Manifest.read(directory: directory)
        }
        var manifest = Manifest(settings: settings, schema: schema)
        manifest.generation = old?.generation ?? 0
        manifest.nextSegment = old?.nextSegment ?? 1
        let writer = IndexWriterCore(directory: directory, lock: lock, manifest: manifest)
        writer.changed = true
        try IndexFileDeleter.removeUnused(directory: directory, current: old)
        return writer
    }

    /// Opens the index in `directory` for writing.
    convenience init(directory: String) throws(IndexError) {
        guard FileSystem.exists("\(directory)/\(Manifest.fileName)") else { throw .notAnIndex(path: directory) }
        let lock = try IndexLock(directory: directory)
        let manifest = try Manifest.read(directory: directory)
        self.init(directory: directory, lock: lock, manifest: manifest)
        try IndexFileDeleter.removeUnused(directory: directory, current: manifest)
    }

    private init(directory: String, lock: IndexLock, manifest: Manifest) {
        self.directory = directory
        self.lock = lock
        self.manifest = manifest
    }

    /// Live and deleted documents, counting what is not committed yet.
    var documentCounts: (live: Int, deleted: Int) {
        let deleted = manifest.segments.reduce(0) { $0 + (pendingDeletes[$1.name]?.deletedCount ?? $1.deletedCount) }
        return (manifest.documentCount - deleted, deleted)
    }

    // MARK: Adding

    /// Reads and indexes every document under `paths`. A document whose id is already in the
    /// index, or comes again later in the input, replaces the earlier one.
    /// Under `options.strict`, the first warning that loses input throws
    /// `IndexError.rejectedInput`; `isCancelled` is asked before each document.
    func add(paths: [String], options: IndexingOptions = IndexingOptions(),
             progress: (@Sendable (IndexingProgress) -> Void)? = nil, isCancelled: () -> Bool = { false },
             warn: @escaping (IngestWarning) throws -> Void) throws -> IndexingSummary {
        var reader = DocumentReader(format: options.format)
        reader.fileDates = options.fileDates
        let totalInput = reader.files(paths).reduce(0) { $0 + $1.bytes }
        let start = ContinuousClock.now
        var summary = IndexingSummary()
        var inputBytes = 0
        reader.onProgress = { inputBytes = $0 }
        var lastReport = start
        let ingest = try Ingest(writer: self, options: options)
        var seenIDs = IDHashSet()
        var duplicateIDs = Set<String>()
        var languages = Set<String>()
        var converter = FieldConverter(layout: FieldLayout(schema), reportsUnknownMembers: options.reportsUnknownMembers)
        defer { ingest.stop() }
        let report: (IngestWarning) throws -> Void = { warning in
            if options.strict, warning.losesInput { throw IndexError.rejectedInput(warning) }
            try warn(warning)
        }
        try reader.read(paths, warn: { warning in
            summary.warnings += 1
            switch warning.kind {
            case .malformed: summary.malformed += 1
            case .invalidUTF8(let count): summary.invalidUTF8 += count
            default: break
            }
            try report(warning)
        }) { document in
            if isCancelled() { throw IndexError.cancelled }
            if let shard = options.shard, !shard.holds(document.id) {
                summary.routedElsewhere += 1
                return
            }
            var id = document.id
            let hash = id.withUTF8 { ByteHash.hash(UnsafeRawBufferPointer($0)) }
            let reserved = seenIDs.memoryBytes
            let inserted = seenIDs.insert(hash)
            // The set of ids read grows with the input: the buffers give it its share of the budget.
            if seenIDs.memoryBytes != reserved { ingest.reserve(seenIDs.memoryBytes) }
            if !inserted {
                duplicateIDs.insert(document.id)
                summary.duplicates += 1
                summary.warnings += 1
                try warn(IngestWarning(.duplicateID, at: document.reportedLocation,
                                       message: "duplicate id '\(document.id)': the later document replaces the earlier"))
            }
            if let language = document.language?.lowercased(), languages.insert(language).inserted,
               case .unknown = Language.parse(language) {
                summary.warnings += 1
                try warn(IngestWarning(.notice, path: document.path ?? "input",
                                       message: "unknown language '\(language)': its documents are analyzed without stemming"))
            }
            let converted = try Self.convert(document, with: &converter, summary: &summary, warn: report)
            summary.documents += 1
            summary.textBytes += document.title.utf8.count + document.body.utf8.count
            try ingest.add(document, fields: converted, sequence: nextSequence)
            nextSequence += 1
            if let progress, ContinuousClock.now - lastReport > .milliseconds(200) {
                lastReport = ContinuousClock.now
                progress(IndexingProgress(documents: summary.documents, textBytes: summary.textBytes, inputBytes: inputBytes,
                                          totalInputBytes: totalInput, elapsed: Self.seconds(since: start)))
            }
        }
        // Every id is read: the set is freed before the last flushes and the merge policy,
        // which use the budget again.
        seenIDs = IDHashSet()
        ingest.reserve(0)
        let built = try ingest.finish()
        summary.segmentsWritten = built.count
        summary.replaced = try install(built, duplicateIDs: duplicateIDs, options: options)
        summary.seconds = Self.seconds(since: start)
        return summary
    }

    /// Indexes documents given in memory (the library's way in; the commands read files). A
    /// value that does not fit its field's type goes to `warn` (`IngestWarning.Kind.badValue`,
    /// at the document's origin, else its path, else its id) and is left out, the rest of the
    /// document kept, as `add(paths:)` does; so do members the schema lacks (`unknownMember`).
    func add(_ documents: [Document], options: IndexingOptions = IndexingOptions(threads: 1),
             warn: (IngestWarning) throws -> Void = { _ in }) throws -> IndexingSummary {
        var conversion = IndexingSummary()
        var converter = FieldConverter(layout: FieldLayout(schema), reportsUnknownMembers: options.reportsUnknownMembers)
        var converted: [(document: Document, fields: ConvertedFields)] = []
        converted.reserveCapacity(documents.count)
        for document in documents {
            if let shard = options.shard, !shard.holds(document.id) {
                conversion.routedElsewhere += 1
                continue
            }
            converted.append((document, try Self.convert(document, with: &converter, summary: &conversion, warn: warn)))
        }
        var summary = try add(converted: converted, options: options)
        summary.warnings = conversion.warnings
        summary.routedElsewhere = conversion.routedElsewhere
        return summary
    }

    /// Indexes documents whose members are converted already (`FieldConverter`), as one batch:
    /// a later document with the id of an earlier one replaces it, as do the batch's documents
    /// those already in the index.
    func add(converted documents: [(document: Document, fields: ConvertedFields)],
             options: IndexingOptions = IndexingOptions(threads: 1)) throws -> IndexingSummary {
        let start = ContinuousClock.now
        let ingest = try Ingest(writer: self, options: options)
        defer { ingest.stop() }
        var summary = IndexingSummary()
        var seen = Set<String>()
        var duplicates = Set<String>()
        for (document, fields) in documents {
            if !seen.insert(document.id).inserted {
                duplicates.insert(document.id)
                summary.duplicates += 1
            }
            try ingest.add(document, fields: fields, sequence: nextSequence)
            nextSequence += 1
            summary.documents += 1
            summary.textBytes += document.title.utf8.count + document.body.utf8.count
        }
        let built = try ingest.finish()
        summary.segmentsWritten = built.count
        summary.replaced = try install(built, duplicateIDs: duplicates, options: options)
        summary.seconds = Self.seconds(since: start)
        return summary
    }

    /// Takes an add's new segments (each with the read order of its documents) into the
    /// manifest, deletes what they replace (returning how many), and applies the merge policy
    /// within the add's memory budget (`options`).
    private func install(_ built: [(SegmentInfo, ReadOrder)], duplicateIDs: Set<String>,
                         options: IndexingOptions) throws(IndexError) -> Int {
        for (segment, order) in built {
            manifest.segments.append(segment)
            sequences[segment.name] = order
        }
        if !built.isEmpty { changed = true }
        let replaced = try resolveReplacements(newSegments: Set(built.map(\.0.name)), duplicateIDs: duplicateIDs)
        try applyMergePolicy(maximumDocuments: options.policyMergeDocuments ?? Self.policyMergeDocuments(memoryMB: options.memoryMB))
        return replaced
    }

    /// `document`'s members converted to their fields' types, reporting to `warn` what did not fit
    /// and the members the schema lacks.
    private static func convert(_ document: Document, with converter: inout FieldConverter, summary: inout IndexingSummary,
                                warn: (IngestWarning) throws -> Void) throws -> ConvertedFields {
        let (fields, warnings) = converter.convert(document)
        for warning in warnings {
            summary.warnings += 1
            try warn(warning)
        }
        return fields
    }

    /// Deletes older documents with the ids of new ones: every match in the segments that were
    /// there before, and all but the last read among the new segments. Returns how many.
    private func resolveReplacements(newSegments: Set<String>, duplicateIDs: Set<String>) throws(IndexError) -> Int {
        let old = manifest.segments.filter { !newSegments.contains($0.name) && $0.liveCount > 0 }
        let new = manifest.segments.filter { newSegments.contains($0.name) }
        var replaced = 0
        if !old.isEmpty {
            let oldReaders = try old.map { info throws(IndexError) in try SegmentReader(info: info, directory: directory) }
            for segment in new {
                let reader = try SegmentReader(info: segment, directory: directory)
                for doc in 0..<segment.documentCount {
                    let id = reader.ids.id(doc)
                    for oldReader in oldReaders {
                        for match in try oldReader.documents(withID: id) where try markDeleted(oldReader.info, match) {
                            replaced += 1
                        }
                    }
                }
            }
        }
        if !duplicateIDs.isEmpty {
            let readers = try new.map { info throws(IndexError) in try SegmentReader(info: info, directory: directory) }
            for id in duplicateIDs {
                var matches: [(segment: SegmentInfo, doc: Int, sequence: Int)] = []
                for reader in readers {
                    for doc in try reader.documents(withID: id) {
                        matches.append((reader.info, doc, sequences[reader.info.name]?.sequence(of: doc) ?? -1))
                    }
                }
                let latest = matches.map(\.sequence).max()
                for match in matches where match.sequence != latest {
                    if try markDeleted(match.segment, match.doc) { replaced += 1 }
                }
            }
        }
        return replaced
    }

    // MARK: Deleting

    /// Deletes every live document with one of `ids`; returns how many were deleted.
    @discardableResult
    func delete(ids: [String]) throws(IndexError) -> Int {
        var deleted = 0
        let readers = try manifest.segments.map { info throws(IndexError) in try SegmentReader(info: info, directory: directory) }
        for id in ids {
            for reader in readers {
                for doc in try reader.documents(withID: id) where try markDeleted(reader.info, doc) { deleted += 1 }
            }
        }
        return deleted
    }

    /// Marks `doc` of `segment` deleted in the pending deletes; false when it already was.
    private func markDeleted(_ segment: SegmentInfo, _ doc: Int) throws(IndexError) -> Bool {
        var deletes: DeletedDocuments
        if let pending = pendingDeletes[segment.name] {
            deletes = pending
        } else {
            deletes = try currentDeletes(segment)
        }
        let inserted = deletes.insert(doc)
        pendingDeletes[segment.name] = deletes
        if inserted { changed = true }
        return inserted
    }

    private func currentDeletes(_ segment: SegmentInfo) throws(IndexError) -> DeletedDocuments {
        guard segment.deletesGeneration > 0 else { return DeletedDocuments(count: segment.documentCount) }
        return try DeletedDocuments.read(MappedFile(path: segment.path(.deletes, in: directory)), segment: segment.id,
                                         documentCount: segment.documentCount)
    }

    // MARK: Merging

    /// Merges segments (dropping deleted documents) until at most `maximumSegments` remain;
    /// `tracker` counts the work and may stop it.
    func merge(maximumSegments: Int, tracker: MergeTracker = MergeTracker()) throws(IndexError) {
        try writePendingDeletes()
        let target = max(1, maximumSegments)
        let needsMerge = manifest.segments.count > target || manifest.segments.contains { $0.deletedCount > 0 }
        guard needsMerge, !manifest.segments.isEmpty else { return }
        // Merge the smallest segments together, keeping the largest `target - 1` as they are.
        let bySize = manifest.segments.sorted { $0.liveCount > $1.liveCount }
        let keep = manifest.segments.count > target ? Array(bySize.prefix(target - 1).filter { $0.deletedCount == 0 }) : []
        let keepNames = Set(keep.map(\.name))
        let sources = manifest.segments.filter { !keepNames.contains($0.name) }
        try replace(sources, tracker: tracker)
    }

    /// The merge policy after adding: whenever more than `segmentsPerTier` segments have sizes
    /// within a factor of 10 of each other, merge them (the smallest, as many as one merge may
    /// hold), so the number of segments stays logarithmic in the number of documents until
    /// segments reach the largest merge the budget allows.
    static let segmentsPerTier = 8

    /// The most documents a merge the policy chooses may make: what `memoryMB` (the add's
    /// budget, free again once its segments are written) holds at a merge's cost per document,
    /// as Lucene's tiered policy caps its merged segments (at 5 GB). An explicit `merge` is not
    /// capped.
    static func policyMergeDocuments(memoryMB: Int) -> Int {
        min(SegmentInfo.maximumDocuments,
            memoryMB.clamped(to: IndexingOptions.memoryRange) * 1_048_576 / SegmentMerger.memoryPerDocument)
    }

    private func applyMergePolicy(maximumDocuments: Int) throws(IndexError) {
        while true {
            // Tiers are chosen by live documents, so the deletes the add made count first.
            try writePendingDeletes()
            let sorted = manifest.segments.sorted { $0.liveCount < $1.liveCount }
            var chosen: [SegmentInfo]?
            var i = 0
            while i < sorted.count {
                let floor = max(sorted[i].liveCount, 1)
                let tier = sorted[i...].prefix { $0.liveCount <= floor * 10 }
                if tier.count > Self.segmentsPerTier {
                    var total = 0
                    let fitting = tier.prefix { segment in
                        total += segment.liveCount
                        return total <= maximumDocuments
                    }
                    if fitting.count >= 2 {
                        chosen = Array(fitting)
                        break
                    }
                }
                i += tier.count
            }
            guard let chosen else { return }
            try replace(chosen, tracker: MergeTracker())
        }
    }

    /// Merges the segments `chosen` names into one new segment that takes their place; refused
    /// when it would hold more than `SegmentInfo.maximumDocuments`. Pending deletes are written
    /// first and the segments read as the manifest has them then: a merge drops every document
    /// deleted until now, whatever `chosen` was read before.
    private func replace(_ chosen: [SegmentInfo], tracker: MergeTracker) throws(IndexError) {
        try writePendingDeletes()
        let chosenNames = Set(chosen.map(\.name))
        let sources = manifest.segments.filter { chosenNames.contains($0.name) }
        let documents = sources.reduce(0) { $0 + $1.liveCount }
        guard documents <= SegmentInfo.maximumDocuments else {
            throw .invalidArgument("merging would make a segment of \(documents) documents; a segment holds at most "
                + "\(SegmentInfo.maximumDocuments) (document numbers are 32-bit within a segment): keep more segments")
        }
        var tracker = tracker
        let name = try allocateSegmentName()
        let readers = try sources.map { info throws(IndexError) in try SegmentReader(info: info, directory: directory) }
        let merged = try SegmentMerger(readers: readers, layout: FieldLayout(schema), directory: directory, name: name).merge(tracking: &tracker)
        let names = Set(sources.map(\.name))
        let position = manifest.segments.firstIndex { names.contains($0.name) } ?? manifest.segments.count
        manifest.segments.removeAll { names.contains($0.name) }
        if merged.documentCount > 0 {
            manifest.segments.insert(merged, at: min(position, manifest.segments.count))
        } else {
            for file in merged.fileNames { try FileSystem.remove("\(directory)/\(file)") }
        }
        for source in names { pendingDeletes[source] = nil }
        changed = true
    }

    // MARK: Closing

    /// Whether `close()` was called.
    var isClosed: Bool { lock.isReleased }

    /// Lets go of the lock, dropping what was not committed; the lock's check then refuses every
    /// change (`IndexError.writerClosed`).
    func close() {
        pendingDeletes = [:]
        sequences = [:]
        changed = false
        lock.release()
    }

    // MARK: Committing

    /// Makes every change since the last commit visible and durable, atomically: new segment
    /// files and deletes are synced first, then the manifest is replaced. Files no longer used
    /// are removed afterwards, unless an open reader still holds the commit that uses them.
    /// Returns false when there was nothing to commit. Throws only when the commit was not
    /// made; a failure once it is live goes to `warn`.
    @discardableResult
    func commit(warn: (CommitWarning) -> Void = { _ in }) throws(IndexError) -> Bool {
        if isClosed { throw .writerClosed(path: directory) }
        guard changed || !pendingDeletes.isEmpty else { return false }
        try writePendingDeletes()
        try lock.ensureHeld()
        manifest.generation += 1
        if let warning = try manifest.commit(directory: directory) { warn(warning) }
        changed = false
        sequences = [:]
        do {
            try lock.ensureHeld()
            try IndexFileDeleter.removeUnused(directory: directory, current: manifest)
        } catch {
            warn(CommitWarning(error, .filesLeft))
        }
        return true
    }

    /// Writes each segment's pending deletes as a new generation of its deletes file.
    private func writePendingDeletes() throws(IndexError) {
        if !pendingDeletes.isEmpty { try lock.ensureHeld() }
        for (name, deletes) in pendingDeletes {
            guard let index = manifest.segments.firstIndex(where: { $0.name == name }) else { continue }
            var segment = manifest.segments[index]
            segment.deletesGeneration += 1
            let file = try FileWriter(path: segment.path(.deletes, in: directory), kind: .deletes, segment: segment.id)
            segment.fileSizes[.deletes] = try deletes.write(to: file)
            segment.deletedCount = deletes.deletedCount
            manifest.segments[index] = segment
            changed = true
        }
        pendingDeletes = [:]
    }

    /// A new segment's name, once the lock is checked: its files are written next.
    fileprivate func allocateSegmentName() throws(IndexError) -> String {
        try lock.ensureHeld()
        defer { manifest.nextSegment += 1 }
        return SegmentInfo.name(number: manifest.nextSegment)
    }

    fileprivate static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// The parallel part of adding: documents go in batches to worker threads, each building its own
/// segments and flushing one whenever its share of the memory budget is full. With one thread
/// everything runs on the caller's thread.
private final class Ingest: @unchecked Sendable {
    private static let batchSize = 64

    private let directory: String
    private let settings: AnalysisSettings
    private let layout: FieldLayout
    private let threads: Int
    private let budgetPerThread: Int
    /// Bytes of the budget held outside the workers' buffers (the add's set of ids read).
    private let reserved = Atomic<Int>(0)
    /// New segments' names (checking the writer's lock), and the check alone, before a flush.
    private let names: Locked<() throws -> String>
    private let ensureLockHeld: () throws -> Void
    private let queue: BlockingQueue<[(Document, ConvertedFields, Int)]>
    private let results = Locked<[(SegmentInfo, ReadOrder)]>([])
    private let failure = Locked<Error?>(nil)
    private var group: DispatchGroup?
    private var batch: [(Document, ConvertedFields, Int)] = []
    /// The single-thread case: the caller's own worker.
    private var inline: Worker?

    init(writer: IndexWriterCore, options: IndexingOptions) throws {
        directory = writer.directory
        settings = writer.settings
        layout = FieldLayout(writer.schema)
        threads = options.threads.clamped(to: IndexingOptions.threadRange)
        budgetPerThread = options.flushThresholdBytes ?? options.memoryMB.clamped(to: IndexingOptions.memoryRange) * 1_048_576 / threads
        names = Locked { [unowned writer] in try writer.allocateSegmentName() }
        ensureLockHeld = { [unowned writer] in try writer.lock.ensureHeld() }
        queue = BlockingQueue(capacity: threads * 4)
        if threads == 1 {
            inline = Worker(ingest: self)
        } else {
            group = startThreads(threads) { [self] _ in
                let worker = Worker(ingest: self)
                do {
                    while let batch = queue.pop() {
                        for (document, fields, sequence) in batch { try worker.add(document, fields: fields, sequence: sequence) }
                    }
                    try worker.flush()
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    queue.close()
                }
            }
        }
    }

    func add(_ document: Document, fields: ConvertedFields, sequence: Int) throws {
        if let inline {
            try inline.add(document, fields: fields, sequence: sequence)
            return
        }
        batch.append((document, fields, sequence))
        if batch.count >= Self.batchSize {
            let full = batch
            batch = []
            if !queue.push(full) { try rethrowFailure() }
        }
    }

    /// Waits for the workers and returns the segments built, with their documents' read order.
    func finish() throws -> [(SegmentInfo, ReadOrder)] {
        if let inline {
            try inline.flush()
        } else {
            if !batch.isEmpty { queue.push(batch) }
            batch = []
            queue.close()
            group?.wait()
            group = nil
            try rethrowFailure()
        }
        return results.withLock { $0 }.sorted { $0.0.name < $1.0.name }
    }

    /// Takes `bytes` of the memory budget from the workers' buffers (replacing what was reserved
    /// before): their segments are flushed sooner, down to a quarter of their share.
    func reserve(_ bytes: Int) {
        reserved.store(bytes, ordering: .relaxed)
    }

    /// One worker's share of the budget for its buffers, after what is reserved.
    fileprivate var bufferBudget: Int {
        max(budgetPerThread / 4, budgetPerThread - reserved.load(ordering: .relaxed) / threads)
    }

    /// Stops the workers after an error on the reading side.
    func stop() {
        queue.close()
        group?.wait()
        group = nil
    }

    private func rethrowFailure() throws {
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// One thread's segment building: its analyzers and vocabulary live across its segments.
    final class Worker {
        private unowned let ingest: Ingest
        private var vocabulary = Vocabulary()
        private var analyzers: [String: Analyzer] = [:]
        private var builder: SegmentBuilder?

        init(ingest: Ingest) {
            self.ingest = ingest
        }

        func add(_ document: Document, fields: ConvertedFields, sequence: Int) throws {
            if builder == nil {
                let name = try ingest.names.withLock { try $0() }
                builder = try SegmentBuilder(name: name, directory: ingest.directory, settings: ingest.settings, layout: ingest.layout,
                                             vocabulary: vocabulary, analyzers: analyzers)
            }
            try builder!.add(document, fields: fields, sequence: sequence)
            if builder!.documentCount & 63 == 0, memoryBytes > ingest.bufferBudget || builder!.documentCount >= SegmentInfo.maximumDocuments {
                try flush()
            }
        }

        private var memoryBytes: Int {
            (builder?.memoryBytes ?? 0) + vocabulary.memoryBytes + analyzers.values.reduce(0) { $0 + $1.cacheMemoryBytes }
        }

        func flush() throws {
            guard let builder else { return }
            analyzers = builder.analyzersByLanguage
            if builder.documentCount > 0 {
                try ingest.ensureLockHeld()
                let info = try builder.flush()
                let order = builder.sequenceNumbers
                ingest.results.withLock { $0.append((info, order)) }
            }
            self.builder = nil
            // Keep the vocabulary and caches warm for the next segment unless they take a
            // large share of the budget themselves.
            if vocabulary.memoryBytes + analyzers.values.reduce(0, { $0 + $1.cacheMemoryBytes }) > ingest.budgetPerThread / 4 {
                vocabulary = Vocabulary()
                analyzers = [:]
            }
        }
    }
}
