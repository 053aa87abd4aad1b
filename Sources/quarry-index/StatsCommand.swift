import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-index stats`: what the index holds and how big it is.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show documents, segments, terms, postings, field lengths, bytes per file kind and analysis settings."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            let stats = try Index.open(at: URL(fileURLWithPath: index)).statistics()
            let total = stats.bytes.values.reduce(0, +)
            if json {
                let object = JSONValue.object([
                    ("documents", .object([("live", .int(stats.liveDocuments)), ("deleted", .int(stats.deletedDocuments))])),
                    ("segments", .int(stats.segments)),
                    ("terms", .int(stats.terms)),
                    ("postings", .int(stats.postings)),
                    ("positions", .int(stats.positions)),
                    ("average_field_length", .object([("title", .double(stats.averageTitleLength)),
                                                      ("body", .double(stats.averageBodyLength))])),
                    ("bytes", .object(IndexStatistics.byteKinds.map { ($0, .int(stats.bytes[$0] ?? 0)) } + [("total", .int(total))])),
                    ("analysis", .object([("language", .string(stats.settings.language.code)),
                                          ("stemmer", stats.settings.language.stemmer.map(JSONValue.string) ?? .null),
                                          ("fold_diacritics", .bool(stats.settings.foldDiacritics)),
                                          ("stop_words", .bool(stats.settings.stopWords))])),
                    ("schema", .array(stats.schema.fields.map(Self.json))),
                    ("generation", .int(stats.generation)),
                ])
                print(object.serialized())
                return
            }
            print("documents:  \(stats.liveDocuments) live, \(stats.deletedDocuments) deleted")
            print("segments:   \(stats.segments) (commit \(stats.generation))")
            print("terms:      \(stats.terms) (title and body)")
            print("postings:   \(stats.postings)")
            print("positions:  \(stats.positions)")
            print(String(format: "avg length: title %.2f, body %.2f tokens", stats.averageTitleLength, stats.averageBodyLength))
            print("analysis:   language \(stats.settings.language.code), stemmer \(stats.settings.language.stemmer ?? "none"), "
                + "accents \(stats.settings.foldDiacritics ? "folded" : "kept"), stop words \(stats.settings.stopWords ? "removed" : "kept")")
            print("fields:")
            for field in stats.schema.fields {
                var options: [String] = []
                if field.multiValued { options.append("multi-valued") }
                if !field.stored { options.append("not stored") }
                if field.type == .text { options.append("weight \(field.weight)") }
                if let language = field.language { options.append("language \(language)") }
                print("  " + field.name + " " + field.type.rawValue + (options.isEmpty ? "" : " (" + options.joined(separator: ", ") + ")"))
            }
            print("bytes:")
            for kind in IndexStatistics.byteKinds {
                let size = stats.bytes[kind] ?? 0
                print(String(format: "  %-10@ %12d  %5.1f%%", kind, size, total > 0 ? 100 * Double(size) / Double(total) : 0))
            }
            print(String(format: "  %-10@ %12d", "total", total))
        }
    }
}

extension StatsCommand {
    /// A field's definition as JSON, as schema files write it.
    static func json(_ field: FieldDefinition) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(field.name)), ("type", .string(field.type.rawValue))]
        if field.type == .text { members.append(("weight", .double(field.weight))) }
        if let language = field.language { members.append(("language", .string(language))) }
        members.append(("multi", .bool(field.multiValued)))
        members.append(("stored", .bool(field.stored)))
        return .object(members)
    }
}

/// `quarry-index verify`: checksums and cross-checks.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every checksum and cross-check the index structures; exit 1 naming the file and the problem."
    )

    @Option(name: .long, help: "The index folder.")
    var index: String?

    @Option(help: ArgumentHelp("A shard set's manifest (or its folder): verify every shard, that each is at the commit it records, the set's statistics, and (hash routing) that every document is in its shard.",
                               valueName: "SHARDS.json"))
    var shards: String?

    func validate() throws {
        guard (index == nil) != (shards == nil) else { throw ValidationError("give --index or --shards") }
    }

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            if let shards {
                let url = URL(fileURLWithPath: shards)
                let folder = url.lastPathComponent == ShardSet.fileName ? url.deletingLastPathComponent() : url
                let set = try ShardSet.load(folder: folder)
                let report = try set.verify(folder: folder)
                for (i, shard) in report.shards.enumerated() {
                    print("ok: shard \(i) (\(set.shards[i].path)): \(shard.segments) segments, \(shard.files) files, \(shard.documents) live documents, "
                        + "\(shard.terms) terms, \(shard.postings) postings, \(shard.positions) positions checked; at commit \(set.shards[i].generation)")
                }
                print("ok: \(set.shards.count) shards, \(report.liveDocuments) live documents, statistics \(ShardSet.statisticsFileName) match"
                    + (set.routing == .hash ? ", every document in the shard its id routes to" : ""))
                return
            }
            let index = self.index ?? ""
            let report = try Index.open(at: URL(fileURLWithPath: index)).verify()
            print("ok: \(report.segments) segments, \(report.files) files, \(report.documents) live documents, "
                + "\(report.terms) terms, \(report.postings) postings, \(report.positions) positions checked")
            for name in report.unreferencedFiles { print("note: \(index)/\(name) is not part of the commit") }
        }
    }
}
