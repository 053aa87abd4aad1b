import Foundation

/// `SHARDS.json`, written and read (the form is in ``ShardSet``'s documentation). Reading
/// names the line and column of what is wrong.
extension ShardSet {
    /// The manifest as JSON text.
    var json: String {
        func hex(_ value: UInt32) -> String { "\"" + value.hexDigits + "\"" }
        let rule = routing == .hash ? "fnv1a64(utf8(id)) mod \(shards.count)" : "contiguous ranges of the input"
        var text = "{\n  \"format\": \(JSONEscape.quoted(Self.formatName)),\n  \"routing\": \"\(routing.rawValue)\",\n"
        text += "  \"rule\": \(JSONEscape.quoted(rule)),\n"
        text += "  \"analysis\": {\"language\": \(JSONEscape.quoted(analysis.language.code)), \"stemmer\": "
            + (analysis.language.stemmer.map(JSONEscape.quoted) ?? "null")
            + ", \"fold_diacritics\": \(analysis.foldDiacritics), \"stop_words\": \(analysis.stopWords)},\n"
        text += "  \"statistics\": {\"file\": \(JSONEscape.quoted(Self.statisticsFileName)), \"crc32c\": \(hex(statisticsChecksum))},\n"
        text += "  \"shards\": [\n"
        for (i, shard) in shards.enumerated() {
            text += "    {\"path\": \(JSONEscape.quoted(shard.path)), \"generation\": \(shard.generation), "
                + "\"fingerprint\": \(hex(shard.fingerprint)), \"documents\": \(shard.documents)}"
                + (i + 1 < shards.count ? ",\n" : "\n")
        }
        return text + "  ]\n}\n"
    }

    /// Writes `SHARDS.json` into `folder`, atomically and durably.
    public func write(folder: URL) throws(IndexError) {
        try FileSystem.writeDurably(json, to: folder.appendingPathComponent(Self.fileName).givenPath)
    }

    /// Reads the `SHARDS.json` of the set in `folder`.
    public static func load(folder: URL) throws(IndexError) -> ShardSet {
        let path = folder.appendingPathComponent(fileName).givenPath
        guard FileSystem.exists(path) else { throw .invalidArgument("\(folder.givenPath): not a shard set (no \(fileName))") }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .io(path: path, operation: "read", message: error.localizedDescription)
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(IndexError) -> ShardSet {
        func failure(_ location: LocatedJSON.Location, _ message: String) -> IndexError {
            .corrupt(file: path, reason: "line \(location.line), column \(location.column): \(message)")
        }
        let json: LocatedJSON
        do {
            json = try LocatedJSON.parse(text)
        } catch {
            throw failure(error.location, error.message)
        }
        func members(_ value: LocatedJSON, _ what: String) throws(IndexError) -> [String: LocatedJSON] {
            guard case .object(let list) = value.value else { throw failure(value.location, "\(what) must be an object, not \(value.kind)") }
            var found: [String: LocatedJSON] = [:]
            for member in list { found[member.key] = member.value }
            return found
        }
        func string(_ object: [String: LocatedJSON], _ key: String, at location: LocatedJSON.Location) throws(IndexError) -> String {
            guard let value = object[key] else { throw failure(location, "'\(key)' is missing") }
            guard case .string(let text) = value.value else { throw failure(value.location, "'\(key)' must be a string, not \(value.kind)") }
            return text
        }
        func count(_ object: [String: LocatedJSON], _ key: String, at location: LocatedJSON.Location) throws(IndexError) -> Int {
            guard let value = object[key] else { throw failure(location, "'\(key)' is missing") }
            guard case .number(let text) = value.value, let number = Int(text), number >= 0 else {
                throw failure(value.location, "'\(key)' must be a whole number from 0")
            }
            return number
        }
        func flag(_ object: [String: LocatedJSON], _ key: String, at location: LocatedJSON.Location) throws(IndexError) -> Bool {
            guard let value = object[key], case .bool(let flag) = value.value else { throw failure(object[key]?.location ?? location, "'\(key)' must be true or false") }
            return flag
        }
        func checksum(_ object: [String: LocatedJSON], _ key: String, at location: LocatedJSON.Location) throws(IndexError) -> UInt32 {
            let text = try string(object, key, at: location)
            guard text.count == 8, let value = UInt32(text, radix: 16) else { throw failure(object[key]!.location, "'\(key)' must be 8 hex digits") }
            return value
        }
        let top = try members(json, "the manifest")
        let format = try string(top, "format", at: json.location)
        guard format == formatName else { throw failure(top["format"]!.location, "format '\(format)' is not \(formatName)") }
        let routingName = try string(top, "routing", at: json.location)
        guard let routing = Routing(rawValue: routingName) else {
            throw failure(top["routing"]!.location, "routing must be one of \(Routing.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let analysisJSON = top["analysis"] else { throw failure(json.location, "'analysis' is missing") }
        let analysis = try members(analysisJSON, "analysis")
        let stemmer: String?
        switch analysis["stemmer"]?.value {
        case .string(let name)?: stemmer = name
        case .null?, nil: stemmer = nil
        default: throw failure(analysis["stemmer"]!.location, "'stemmer' must be a string or null")
        }
        let settings = AnalysisSettings(language: Language(code: try string(analysis, "language", at: analysisJSON.location), stemmer: stemmer),
                                        foldDiacritics: try flag(analysis, "fold_diacritics", at: analysisJSON.location),
                                        stopWords: try flag(analysis, "stop_words", at: analysisJSON.location))
        guard let statisticsJSON = top["statistics"] else { throw failure(json.location, "'statistics' is missing") }
        let statistics = try members(statisticsJSON, "statistics")
        let statisticsFile = try string(statistics, "file", at: statisticsJSON.location)
        guard statisticsFile == statisticsFileName else { throw failure(statistics["file"]!.location, "the statistics file must be \(statisticsFileName)") }
        let crc = try checksum(statistics, "crc32c", at: statisticsJSON.location)
        guard let shardsJSON = top["shards"], case .array(let list) = shardsJSON.value, !list.isEmpty else {
            throw failure(top["shards"]?.location ?? json.location, "'shards' must be a list of at least one shard")
        }
        var shards: [Member] = []
        for entry in list {
            let shard = try members(entry, "a shard")
            shards.append(Member(path: try string(shard, "path", at: entry.location), generation: try count(shard, "generation", at: entry.location),
                                 fingerprint: try checksum(shard, "fingerprint", at: entry.location),
                                 documents: try count(shard, "documents", at: entry.location)))
        }
        return ShardSet(routing: routing, analysis: settings, shards: shards, statisticsChecksum: crc)
    }
}

/// What ``ShardSet/verify(folder:)`` checked.
public struct ShardSetReport: Sendable {
    /// Each shard's own verification, in order.
    public var shards: [VerificationReport]
    /// Live documents over the set.
    public var liveDocuments: Int
    /// Documents whose shard hash routing confirmed (0 for ranges).
    public var routedDocuments: Int
}

extension ShardSet {
    /// Checks the set in `folder`: every shard as `quarry-index verify` does; each shard still at
    /// the commit the manifest records (generation, fingerprint, documents); the statistics file
    /// whole, with the manifest's checksum, counting exactly those commits, with the shards'
    /// analysis and schema; under hash routing, every live document in the shard its id routes
    /// to. Throws the first problem, naming the shard or file.
    public func verify(folder: URL) throws(IndexError) -> ShardSetReport {
        var reports: [VerificationReport] = []
        var live = 0
        var routed = 0
        let statisticsURL = Self.statisticsURL(in: folder)
        let statistics = try ScoringStatistics.load(from: statisticsURL)
        let crc = try Self.footerChecksum(of: statisticsURL)
        guard crc == statisticsChecksum else {
            throw .corrupt(file: statisticsURL.givenPath, reason: "its checksum is \(crc.hexDigits), the manifest records "
                + "\(statisticsChecksum.hexDigits): run quarry-index shard-set --set \(folder.givenPath) to remake it")
        }
        guard statistics.shards.count == shards.count else {
            throw .corrupt(file: statisticsURL.givenPath, reason: "counts \(statistics.shards.count) shards, the set has \(shards.count)")
        }
        for (i, member) in shards.enumerated() {
            let url = shardURL(i, in: folder)
            let (reader, report) = try IndexVerifier.verifiedReader(directory: url.givenPath)
            reports.append(report)
            let current = ScoringStatistics.Shard(reader)
            let recorded = member.commit
            guard current == recorded else {
                throw .invalidArgument("\(url.givenPath): at commit \(current.generation) (\(current.documents) documents), the set records "
                    + "commit \(member.generation) (\(member.documents)): the shard changed after the set was made; "
                    + "run quarry-index shard-set --set \(folder.givenPath) to bring it up to date")
            }
            guard statistics.shards[i] == recorded else {
                throw .corrupt(file: statisticsURL.givenPath, reason: "its shard \(i) is another commit than \(member.path)'s")
            }
            if let problem = statistics.problem(for: reader) { throw .invalidArgument("\(url.givenPath): \(problem)") }
            live += reader.liveDocumentCount
            if routing == .hash {
                try reader.checkHashRouting(shard: i, of: shards.count, name: url.givenPath)
                routed += reader.liveDocumentCount
            }
        }
        return ShardSetReport(shards: reports, liveDocuments: live, routedDocuments: routed)
    }
}
