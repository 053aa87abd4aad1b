/// The index's current commit (`MANIFEST`): the analysis settings, the schema, and the live segments with
/// their deletes. A commit writes `MANIFEST.tmp`, syncs it, gives it a second name
/// `MANIFEST.<generation>` (the name readers hold the commit by, `CommitHold`) and renames it
/// over `MANIFEST`, so a reader always sees one whole commit, the old or the new (see `commit`
/// for the order of syncs).
///
///     manifest := generation:vint nextSegment:vint settings schema segments:vint segment*
///     settings := see `AnalysisSettings.encode`
///     schema   := see `Schema.encode`
///     segment  := name:bytes id:16 documents:vint deleted:vint deletesGeneration:vint
///                 files:vint (kind:4 size:vint){files} languages:vint language:bytes{languages}
struct Manifest: Equatable, Sendable {
    static let fileName = "MANIFEST"

    var generation: Int
    var nextSegment: Int
    var settings: AnalysisSettings
    var schema: Schema
    var segments: [SegmentInfo]

    init(settings: AnalysisSettings, schema: Schema = .default) {
        generation = 0
        nextSegment = 1
        self.settings = settings
        self.schema = schema
        segments = []
    }

    var documentCount: Int { segments.reduce(0) { $0 + $1.documentCount } }
    var liveCount: Int { segments.reduce(0) { $0 + $1.liveCount } }

    /// A checksum (CRC32C) of what identifies this commit: its generation and its segments'
    /// random ids, document counts and deletes. Another commit, of this index or of another,
    /// has another (but for a 1 in 2^32 chance), so statistics made for one commit are known
    /// when offered to another (`ScoringStatistics`).
    var fingerprint: UInt32 {
        var out = ByteStream(capacity: 64 + 40 * segments.count)
        out.appendVInt(generation)
        for segment in segments {
            out.appendUInt64(segment.id.high)
            out.appendUInt64(segment.id.low)
            out.appendVInt(segment.documentCount)
            out.appendVInt(segment.deletedCount)
            out.appendVInt(segment.deletesGeneration)
        }
        return Checksum.crc32c(out.bytes)
    }

    /// Every file the commit uses (the manifest included).
    var fileNames: Set<String> {
        Set(segments.flatMap(\.fileNames) + [Self.fileName])
    }

    /// Reads the current commit of the index in `directory`.
    static func read(directory: String) throws(IndexError) -> Manifest {
        try read(path: "\(directory)/\(fileName)", directory: directory)
    }

    /// Reads the manifest file at `path` (the current one or a generation's) of the index in `directory`.
    static func read(path: String, directory: String) throws(IndexError) -> Manifest {
        guard FileSystem.exists(path) else { throw .notAnIndex(path: directory) }
        let file = try MappedFile(path: path)
        let body = try FileFormat.validate(file, kind: .manifest, segment: .zero, verifyChecksum: true)
        var cursor = ByteCursor(file.bytes, range: body, file: path)
        let generation = try cursor.readInt(atMost: Int.max)
        let nextSegment = try cursor.readInt(atMost: 999_999_999)
        let settings = try AnalysisSettings.decode(from: &cursor)
        let schema = try Schema.decode(from: &cursor)
        var manifest = Manifest(settings: settings, schema: schema)
        manifest.generation = generation
        manifest.nextSegment = nextSegment
        let count = try cursor.readInt(atMost: 1_000_000)
        for _ in 0..<count {
            let name = try cursor.readString()
            guard name.count == 7, name.hasPrefix("s"), name.dropFirst().allSatisfy(\.isNumber) else {
                throw cursor.corrupt("bad segment name '\(name)'")
            }
            let id = SegmentID(bytes: try cursor.readRaw(16))
            let documents = try cursor.readInt(atMost: Int(Int32.max))
            let deleted = try cursor.readInt(atMost: documents)
            let deletesGeneration = try cursor.readInt(atMost: Int.max)
            var sizes: [FileFormat.Kind: Int] = [:]
            let files = try cursor.readInt(atMost: 32)
            for _ in 0..<files {
                let raw = String(decoding: try cursor.readRaw(4), as: UTF8.self)
                guard let kind = FileFormat.Kind(rawValue: raw), kind == .deletes || SegmentInfo.fileKinds.contains(kind) else { throw cursor.corrupt("unknown segment file kind '\(raw)'") }
                sizes[kind] = try cursor.readInt(atMost: Int.max)
            }
            var languages: [String] = []
            for _ in 0..<(try cursor.readInt(atMost: 10_000)) { languages.append(try cursor.readString()) }
            manifest.segments.append(SegmentInfo(name: name, id: id, documentCount: documents, deletedCount: deleted,
                                                 deletesGeneration: deletesGeneration, fileSizes: sizes, languages: languages))
        }
        guard cursor.isAtEnd else { throw cursor.corrupt("trailing bytes") }
        return manifest
    }

    /// Writes this manifest as the index's commit, atomically and durably: `MANIFEST.tmp` is
    /// written and synced; the folder is synced, so the files the manifest names (synced by their
    /// writers) are durably in it before a manifest names them; the temporary is renamed over
    /// `MANIFEST`; the folder is synced again, so the rename is durable.
    ///
    /// Throws when the commit was not made (the previous one stands). Once the rename is done the
    /// commit is live, so a failure of the last sync is returned as a warning, not thrown.
    @discardableResult
    func commit(directory: String) throws(IndexError) -> CommitWarning? {
        let temporary = "\(directory)/\(Self.fileName).tmp"
        let file = try FileWriter(path: temporary, kind: .manifest, segment: .zero, mode: .truncate)
        file.withBuffer { out in
            out.appendVInt(generation)
            out.appendVInt(nextSegment)
            settings.encode(into: &out)
            schema.encode(into: &out)
            out.appendVInt(segments.count)
            for segment in segments {
                out.appendString(segment.name)
                out.appendUInt64(segment.id.high)
                out.appendUInt64(segment.id.low)
                out.appendVInt(segment.documentCount)
                out.appendVInt(segment.deletedCount)
                out.appendVInt(segment.deletesGeneration)
                let kinds = FileFormat.Kind.allCases.filter { segment.fileSizes[$0] != nil }
                out.appendVInt(kinds.count)
                for kind in kinds {
                    out.append(kind.rawValue)
                    out.appendVInt(segment.fileSizes[kind]!)
                }
                out.appendVInt(segment.languages.count)
                for language in segment.languages { out.appendString(language) }
            }
        }
        try file.finish()
        let generationPath = "\(directory)/\(IndexFileName.manifest(generation: generation))"
        try FileSystem.remove(generationPath)
        try FileSystem.hardLink(temporary, as: generationPath)
        try FileSystem.syncDirectory(directory)
        try FileSystem.replace("\(directory)/\(Self.fileName)", with: temporary)
        do {
            try FileSystem.syncDirectory(directory)
        } catch {
            return CommitWarning(error, .durabilityUnknown)
        }
        return nil
    }
}
