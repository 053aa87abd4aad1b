import ArgumentParser
import Foundation
import QuarryCommandLine
import QuarryCore

/// `quarry-index build`: a new index from files and folders.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a new index from files and folders."
    )

    @OptionGroup var arguments: IndexingArguments

    @Option(name: .long, help: "Language of the index: ISO 639-1 code or Snowball name (en, fr, french ...); 'none' for no stemming.")
    var language = "en"

    @Flag(name: .customLong("no-fold-diacritics"), help: "Keep accents (by default é matches e).")
    var keepAccents = false

    @Flag(name: .customLong("stop-words"), help: "Leave the language's stop words out of the index.")
    var stopWords = false

    @Flag(name: .long, help: "Replace an index that exists already.")
    var force = false

    @Option(name: .long, help: "The fields: a schema file (see the README); without one, a schema is inferred from the first documents and printed.")
    var schema: String?

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            let resolution = Language.parse(language)
            if case .unknown(let unknown) = resolution {
                printError("warning: unknown language '\(unknown.code)': no stemming")
            }
            let settings = AnalysisSettings(language: resolution.language, foldDiacritics: !keepAccents, stopWords: stopWords)
            let fields = try schemaOfBuild()
            let existed = FileManager.default.fileExists(atPath: arguments.index)
            do {
                let writer = try Index.createWriter(at: URL(fileURLWithPath: arguments.index), schema: fields, analysis: settings,
                                                    replacing: force, options: arguments.options)
                // An inferred schema's printout says which members it left out.
                try arguments.run(writer, verb: "indexed", reportsUnknownMembers: schema != nil)
            } catch {
                // Nothing was committed: a folder made for the index goes again (the writer,
                // and its lock, are released by now).
                if !existed, !FileManager.default.fileExists(atPath: arguments.index + "/MANIFEST") {
                    try? FileManager.default.removeItem(atPath: arguments.index)
                }
                if case IndexError.alreadyExists = error { throw IndexError.invalidArgument("\(error) (use --force to replace it)") }
                throw error
            }
        }
    }
}

extension BuildCommand {
    /// The schema file's, or one inferred from the input and printed (unless `--quiet`).
    fileprivate func schemaOfBuild() throws -> Schema {
        if let schema {
            let text: String
            do {
                text = try String(contentsOfFile: schema, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read the schema file \(schema): \(error.localizedDescription)")
            }
            do {
                return try Schema(json: text, file: schema)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let (inferred, inference) = try Schema.inferred(fromFiles: arguments.paths.map { URL(fileURLWithPath: $0) },
                                                        options: arguments.options)
        if !arguments.quiet, inference.schema().fields.count > 2 || !inference.excludedMembers.isEmpty {
            printError("quarry-index: fields inferred from \(inference.sampledDocuments) documents (save this as a file and give it to --schema to change them):")
            printError(inferred.json())
            for (name, reason) in inference.excludedMembers { printError("quarry-index: member '\(name)' is stored only: \(reason)") }
        }
        return inferred
    }
}

/// `quarry-index add`: documents into an existing index; a document whose id is there replaces it.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add documents to an index (a document whose id exists replaces the old one).",
        discussion: "--index may be a shard set (a folder with SHARDS.json, hash-routed): each shard takes its documents, and the set's statistics are remade."
    )

    @OptionGroup var arguments: IndexingArguments

    func run() throws {
        try reportingErrors(of: "quarry-index") {
            let folder = URL(fileURLWithPath: arguments.index)
            guard ShardSet.exists(in: folder) else {
                let writer = try Index.open(at: folder).writer(options: arguments.options)
                try arguments.run(writer, verb: "added")
                return
            }
            // A shard set: each shard takes the documents hash routing gives it.
            guard arguments.shard == nil else { throw ValidationError("--index is a shard set: it routes documents itself; leave out --shard") }
            let set = try ShardSet.load(folder: folder)
            guard set.routing == .hash else {
                throw IndexError.invalidArgument("\(arguments.index): a set split by ranges routes no new document: add to one of its shards, then run shard-set")
            }
            for i in set.shards.indices {
                let writer = try Index.open(at: set.shardURL(i, in: folder)).writer(options: arguments.options)
                try arguments.run(writer, verb: "shard \(i): added", shard: ShardRoute(shard: i, of: set.shards.count))
            }
            let refreshed = try ShardSet.refreshed(folder: folder)
            print("shard set: \(refreshed.shards.count) shards, \(refreshed.shards.reduce(0) { $0 + $1.documents }) documents; statistics remade")
        }
    }
}
