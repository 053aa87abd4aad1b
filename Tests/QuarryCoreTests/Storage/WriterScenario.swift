import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// One writer operation of `IndexWriterCore`'s public API, run by the fault-injection and power-loss
/// tests on a copy of a prepared index, with the documents of the commit before it and of the
/// commit it makes (worked out here from the documents, not read from an index).
struct WriterScenario: CustomStringConvertible, Sendable {
    let description: String
    /// The index the operation starts from (built with the system's storage); nil: no index.
    let prepare: (@Sendable (String) throws -> Void)?
    /// The operation on the index folder, commit included; commit warnings go to the closure.
    let operation: @Sendable (String, (CommitWarning) -> Void) throws -> Void
    /// The commit before the operation (nil: none) and the operation's.
    let before: Commit?
    let after: Commit

    /// A commit as a reader sees it: its generation and its live documents by id.
    struct Commit: Equatable {
        var generation: Int
        var documents: [String: Document]
    }

    /// The name of the index folder inside a run's folder.
    static let indexName = "index"
    static let settings = AnalysisSettings(language: .none)

    static let all: [WriterScenario] = [create, addWithReplacements, delete, merge]

    /// `create`, `add`, `commit` in an empty folder.
    static let create = WriterScenario(
        description: "create+add+commit", prepare: nil,
        operation: { index, warn in
            let writer = try IndexWriterCore.create(directory: index, settings: settings)
            _ = try writer.add(Array(documents[0..<12]))
            try writer.commit(warn: warn)
        },
        before: nil, after: Commit(generation: 1, documents: live(documents[0..<12])))

    /// `add` of new documents, of documents replacing committed ones, and of an id twice.
    static let addWithReplacements = WriterScenario(
        description: "add with replacements+commit",
        prepare: { index in try build(index, batches: [documents[0..<12]]) },
        operation: { index, warn in
            let writer = try IndexWriterCore(directory: index)
            _ = try writer.add(replacements)
            try writer.commit(warn: warn)
        },
        before: Commit(generation: 1, documents: live(documents[0..<12])),
        after: Commit(generation: 2, documents: live(documents[0..<12] + replacements)))

    /// `delete` of committed ids (and of one not in the index) in two segments.
    static let delete = WriterScenario(
        description: "delete+commit",
        prepare: { index in try build(index, batches: [documents[0..<8], documents[8..<16]]) },
        operation: { index, warn in
            let writer = try IndexWriterCore(directory: index)
            try writer.delete(ids: deletedIDs)
            try writer.commit(warn: warn)
        },
        before: Commit(generation: 1, documents: live(documents[0..<16])),
        after: Commit(generation: 2, documents: live(documents[0..<16]).filter { !deletedIDs.contains($0.key) }))

    /// `merge` of three segments, one with deletes, into one.
    static let merge = WriterScenario(
        description: "merge+commit",
        prepare: { index in try build(index, batches: [documents[0..<6], documents[6..<12], documents[12..<18]], deleting: deletedIDs) },
        operation: { index, warn in
            let writer = try IndexWriterCore(directory: index)
            try writer.merge(maximumSegments: 1)
            try writer.commit(warn: warn)
        },
        before: Commit(generation: 1, documents: live(documents[0..<18]).filter { !deletedIDs.contains($0.key) }),
        after: Commit(generation: 2, documents: live(documents[0..<18]).filter { !deletedIDs.contains($0.key) }))

    // MARK: Documents

    private static let documents: [Document] = {
        var generator = SeededGenerator(seed: 7)
        return (0..<18).map { Document(id: "d\($0)", title: text(3, &generator), body: text(40, &generator)) }
    }()

    /// Two new documents, two replacing committed ones, and a new id given twice (the later wins).
    private static let replacements: [Document] = {
        var generator = SeededGenerator(seed: 8)
        return ["n1", "d3", "n2", "d7", "n2"].map { Document(id: $0, title: text(3, &generator), body: text(40, &generator)) }
    }()

    private static let deletedIDs = ["d2", "d9", "d10", "absent"]

    private static func text(_ words: Int, _ generator: inout SeededGenerator) -> String {
        let vocabulary = ["quarry", "council", "flood", "river", "budget", "school", "report", "inspection", "town", "care"]
        return (0..<Int.random(in: 1...words, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            .joined(separator: " ")
    }

    /// What the index must hold after adding `documents` in order: the last of each id.
    private static func live(_ documents: some Sequence<Document>) -> [String: Document] {
        var live: [String: Document] = [:]
        for document in documents { live[document.id] = document }
        return live
    }

    private static func build(_ index: String, batches: [ArraySlice<Document>], deleting: [String] = []) throws {
        let writer = try IndexWriterCore.create(directory: index, settings: settings)
        for batch in batches { _ = try writer.add(Array(batch)) }
        if !deleting.isEmpty { try writer.delete(ids: deleting) }
        try writer.commit()
    }

    // MARK: Running

    /// A folder holding the scenario's starting index: copy its `index` into a run's folder.
    func template(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("template")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try prepare?(path + "/" + Self.indexName)
        return path
    }

    /// A fresh run folder `name` in `directory`, holding a copy of the template's index.
    func run(_ name: String, from template: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file(name)
        try FileManager.default.copyItem(atPath: template, toPath: path)
        return path
    }

    // MARK: Checking

    /// The commit of the index at `index` as a reader sees it (each id once).
    static func contents(_ index: String) throws -> Commit {
        let reader = try IndexReader(directory: index)
        var live: [String: Document] = [:]
        for segment in reader.segments {
            let stored = try segment.storedFields()
            for doc in 0..<segment.documentCount where !segment.isDeleted(doc) {
                let fields = try stored.document(doc)
                let id = segment.ids.id(doc)
                #expect(live[id] == nil, "\(index): \(id) twice")
                #expect(fields["id"] == id, "\(index): document \(doc) stored as \(fields["id"] ?? "no id"), its id is \(id)")
                live[id] = Document(id: id, title: fields["title"] ?? "", body: fields["text"] ?? "")
            }
        }
        return Commit(generation: reader.manifest.generation, documents: live)
    }

    /// The commit at `index`: nil when there is none (no `MANIFEST`), else what a reader sees,
    /// after checking that `IndexVerifier` passes.
    static func committed(_ index: String) throws -> Commit? {
        guard FileManager.default.fileExists(atPath: index + "/" + Manifest.fileName) else { return nil }
        _ = try IndexVerifier.verify(directory: index)
        return try contents(index)
    }

    /// Checks that a next writer opens the index at `index` (creating it when there was no
    /// commit), adds and commits, and leaves nothing but the commit's files and the lock.
    static func expectRecovers(_ index: String, from expected: Commit?, _ context: String) throws {
        let writer = expected == nil ? try IndexWriterCore.create(directory: index, settings: settings) : try IndexWriterCore(directory: index)
        let added = Document(id: "recovery", title: "after the failure", body: "the next writer adds and commits")
        _ = try writer.add([added])
        var warnings: [CommitWarning] = []
        try writer.commit { warnings.append($0) }
        #expect(warnings.isEmpty, "\(context): \(warnings)")
        var next = expected ?? Commit(generation: 0, documents: [:])
        next.generation += 1
        next.documents[added.id] = added
        #expect(try contents(index) == next, "\(context): the next writer's commit")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: index))
        let manifest = try Manifest.read(directory: index)
        #expect(files == manifest.fileNames.union([IndexLock.fileName, IndexFileName.manifest(generation: manifest.generation)]),
                "\(context): stray files")
    }
}
