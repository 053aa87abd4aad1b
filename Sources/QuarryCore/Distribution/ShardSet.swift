import Foundation

/// A set of shards (indexes built alike, each holding part of the documents) described by a
/// small manifest, `SHARDS.json`, in the set's folder: the routing rule, the analysis, each
/// shard's folder and the commit it was at, and the set's scoring statistics (a file beside it,
/// with its checksum). Searched shard by shard with those statistics
/// (``Index/searcher(verifyingChecksums:statistics:)``) and merged (``ShardRun``), the set ranks
/// exactly as one index of all its documents.
///
///     {"format":"quarry-shards/1","routing":"hash","rule":"fnv1a64(utf8(id)) mod 4",
///      "analysis":{"language":"en","stemmer":null,"fold_diacritics":true,"stop_words":false},
///      "statistics":{"file":"global.stats","crc32c":"1a2b3c4d"},
///      "shards":[{"path":"shard-0","generation":1,"fingerprint":"44b2b4c2","documents":13000}, ...]}
///
/// ``assembled(folder:shards:routing:statistics:)`` writes it; ``refreshed(folder:)`` brings it
/// up to date after the shards change; ``verify(folder:)`` checks it against the shards.
public struct ShardSet: Sendable, Equatable {
    /// The manifest's name in the set's folder.
    public static let fileName = "SHARDS.json"
    /// The set's statistics file, beside the manifest.
    public static let statisticsFileName = "global.stats"
    static let formatName = "quarry-shards/1"

    /// How documents are assigned to shards.
    public enum Routing: String, Sendable, CaseIterable {
        /// By id: shard `hash(id) mod count` (``ShardRoute``); `add` and `delete` on the set follow it.
        case hash
        /// By contiguous ranges of the input, chosen when the set was built; nothing routes a new
        /// document, so the set takes no `add`.
        case ranges
    }

    /// One shard: its folder (relative to the set's) and the commit the manifest counts.
    public struct Member: Sendable, Equatable {
        /// Its folder, relative to the set's.
        public var path: String
        /// Its commit generation when the statistics were made.
        public var generation: Int
        /// Its commit's fingerprint then (``ScoringStatistics/Shard/fingerprint``).
        public var fingerprint: UInt32
        /// Its documents then, deleted ones included.
        public var documents: Int
    }

    /// How documents are assigned to shards.
    public var routing: Routing
    /// The analysis every shard has.
    public var analysis: AnalysisSettings
    /// The shards, in order (a hash-routed document goes to the one at its number).
    public var shards: [Member]
    /// The CRC32C of the statistics file (its footer's).
    public var statisticsChecksum: UInt32

    /// The statistics file's checksum as eight hex digits.
    public var statisticsChecksumText: String { statisticsChecksum.hexDigits }

    /// The folder of shard `i` of the set in `folder`.
    public func shardURL(_ i: Int, in folder: URL) -> URL {
        shards[i].path.hasPrefix("/") ? URL(fileURLWithPath: shards[i].path) : folder.appendingPathComponent(shards[i].path)
    }

    /// The set's statistics file in `folder`.
    public static func statisticsURL(in folder: URL) -> URL { folder.appendingPathComponent(statisticsFileName) }

    /// Whether `folder` holds a shard set (a `SHARDS.json`).
    public static func exists(in folder: URL) -> Bool {
        FileSystem.exists(folder.appendingPathComponent(fileName).givenPath)
    }
}

extension ShardSet {
    /// Makes (or remakes) the set in `folder` from the indexes `shards` (paths relative to
    /// `folder`, or absolute), in order: the statistics of their current commits (`statistics`
    /// when given, which must count exactly those commits, else exported from each) merged into
    /// `global.stats`, and `SHARDS.json` written. Throws when the shards differ in analysis or
    /// schema, or a hash-routed set's shards hold a document of another shard's.
    public static func assembled(folder: URL, shards: [String], routing: Routing,
                                 statistics given: ScoringStatistics? = nil) throws(IndexError) -> ShardSet {
        guard !shards.isEmpty else { throw .invalidArgument("a shard set needs at least one shard") }
        var readers: [IndexReader] = []
        for path in shards {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            readers.append(try IndexReader(directory: url.givenPath))
        }
        let global: ScoringStatistics
        if let given {
            let expected = readers.map(ScoringStatistics.Shard.init)
            guard given.shards == expected else {
                throw .invalidArgument("the statistics given count other commits than the shards' current ones, or in another order: export and merge them again")
            }
            global = given
        } else {
            var parts: [ScoringStatistics] = []
            for reader in readers { parts.append(try ScoringStatistics(reader)) }
            global = try ScoringStatistics.merging(parts)
        }
        if routing == .hash {
            for (i, reader) in readers.enumerated() {
                try reader.checkHashRouting(shard: i, of: readers.count, name: shards[i])
            }
        }
        try FileSystem.makeDirectory(folder.givenPath)
        let statisticsURL = Self.statisticsURL(in: folder)
        try global.write(to: statisticsURL)
        let set = ShardSet(routing: routing, analysis: global.analysis,
                           shards: zip(shards, global.shards).map { Member(path: $0, at: $1) },
                           statisticsChecksum: try Self.footerChecksum(of: statisticsURL))
        try set.write(folder: folder)
        return set
    }

    /// The set in `folder` made again from its shards' current commits (after an add or a delete).
    public static func refreshed(folder: URL) throws(IndexError) -> ShardSet {
        let set = try load(folder: folder)
        return try assembled(folder: folder, shards: set.shards.map(\.path), routing: set.routing)
    }

    /// The CRC32C a file's footer records.
    static func footerChecksum(of url: URL) throws(IndexError) -> UInt32 {
        let file = try MappedFile(path: url.givenPath, populate: false)
        guard file.count >= FileFormat.headerSize + FileFormat.footerSize else {
            throw .corrupt(file: url.givenPath, reason: "shorter than a header and footer")
        }
        return file.bytes.loadUnaligned(fromByteOffset: file.count - 4, as: UInt32.self).littleEndian
    }
}

extension ShardSet.Member {
    /// The shard at `path` at the commit `shard` counts.
    init(path: String, at shard: ScoringStatistics.Shard) {
        self.init(path: path, generation: shard.generation, fingerprint: shard.fingerprint, documents: shard.documents)
    }

    /// The commit it records.
    var commit: ScoringStatistics.Shard {
        ScoringStatistics.Shard(generation: generation, fingerprint: fingerprint, documents: documents)
    }
}

extension IndexReader {
    /// Throws when a live document here is one hash routing gives another shard than `shard` of
    /// `count`, naming the index as `name`.
    func checkHashRouting(shard: Int, of count: Int, name: String) throws(IndexError) {
        for segment in segments {
            for local in 0..<segment.info.documentCount where !segment.isDeleted(local) {
                let id = segment.ids.id(local)
                let routed = ShardRoute.shard(of: id, among: count)
                guard routed == shard else {
                    throw .invalidArgument("\(name) holds '\(ControlCharacters.forDisplay(id))', which hash routing gives shard "
                        + "\(routed), not \(shard): build shard i of n with --shard i/n")
                }
            }
        }
    }
}
