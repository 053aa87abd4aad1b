import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Random documents indexed through the writer (flushes, several threads, updates, duplicates,
/// deletes, merges, reopening) against a naive in-memory model of what the index must hold.
@Suite struct IndexDifferentialTests {
    /// field -> term -> document id -> positions
    typealias Postings = [Field: [String: [String: [UInt32]]]]

    private static let vocabulary: [String] = {
        var generator = SeededGenerator(seed: 99)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return (0..<300).map { _ in String((0..<Int.random(in: 1...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! }) }
    }()

    private func randomText(_ words: Int, _ generator: inout SeededGenerator) -> String {
        // Zipf-like: low indexes far more often, so some terms span many blocks.
        (0..<words).map { _ in
            let r = Double.random(in: 0..<1, using: &generator)
            return Self.vocabulary[min(Self.vocabulary.count - 1, Int(pow(r, 3) * Double(Self.vocabulary.count)))]
        }.joined(separator: Bool.random(using: &generator) ? " " : " , ")
    }

    /// What the index must hold for `documents`: every word at its position, per field.
    private func model(_ documents: [String: Document]) -> Postings {
        var postings: Postings = [.title: [:], .body: [:]]
        for (id, document) in documents {
            for (field, text) in [(Field.title, document.title), (.body, document.body)] {
                let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                for (position, word) in words.enumerated() {
                    postings[field]![word, default: [:]][id, default: []].append(UInt32(position))
                }
            }
        }
        return postings
    }

    /// What the index holds: every live posting of title and body, by document id.
    private func contents(_ directory: String) throws -> Postings {
        let reader = try IndexReader(directory: directory)
        var postings: Postings = [.title: [:], .body: [:]]
        for segment in reader.segments {
            for field in [Field.title, .body] {
                var terms = try segment.terms.terms(in: field)
                while let (bytes, info) = try terms.next() {
                    let term = String(decoding: bytes, as: UTF8.self)
                    let cursor = segment.postings(info)
                    while cursor.next() != PostingsCursor.noMoreDocs {
                        let doc = Int(cursor.doc)
                        if segment.isDeleted(doc) { continue }
                        let id = segment.ids.id(doc)
                        #expect(postings[field]![term]?[id] == nil, "\(id) twice in the index")
                        postings[field]![term, default: [:]][id] = Array(cursor.positions())
                    }
                    #expect(cursor.corruption == nil)
                }
            }
        }
        return postings
    }

    @Test(arguments: [1, 2])
    func indexMatchesModelThroughUpdatesDeletesAndMerges(threads: Int) throws {
        var generator = SeededGenerator(seed: UInt64(1000 + threads))
        let directory = TemporaryDirectory()
        let settings = AnalysisSettings(language: .none, foldDiacritics: false)
        var live: [String: Document] = [:]
        var writer: IndexWriterCore? = try IndexWriterCore.create(directory: directory.path, settings: settings)
        var options = IndexingOptions(threads: threads)
        options.flushThresholdBytes = 3 << 20
        for round in 0..<6 {
            // Add: new ids, existing ids (updates) and ids repeated within the batch.
            var batch: [Document] = []
            for _ in 0..<Int.random(in: 80...250, using: &generator) {
                let id = Bool.random(using: &generator) || live.isEmpty ? "d\(Int.random(in: 0..<600, using: &generator))"
                    : live.keys.randomElement(using: &generator)!
                let document = Document(id: id, title: randomText(Int.random(in: 0...6, using: &generator), &generator),
                                        body: randomText(Int.random(in: 0...400, using: &generator), &generator))
                batch.append(document)
            }
            _ = try writer!.add(batch, options: options)
            for document in batch { live[document.id] = document }
            try writer!.commit()
            // Delete some, including ids that do not exist.
            let doomed = (0..<Int.random(in: 0...30, using: &generator)).map { _ in "d\(Int.random(in: 0..<700, using: &generator))" }
            _ = try writer!.delete(ids: doomed)
            for id in doomed { live[id] = nil }
            try writer!.commit()
            if round % 2 == 1 {
                try writer!.merge(maximumSegments: round == 5 ? 1 : 2)
                try writer!.commit()
            }
            // Reopen now and then: what was committed must come back.
            if round % 3 == 2 {
                writer = nil
                writer = try IndexWriterCore(directory: directory.path)
            }
            let expected = model(live)
            let actual = try contents(directory.path)
            for field in [Field.title, .body] {
                #expect(Set(actual[field]!.keys) == Set(expected[field]!.keys), "round \(round), \(field): terms")
                for (term, postings) in expected[field]! where actual[field]![term] != postings {
                    Issue.record("round \(round), \(field) term '\(term)': postings differ")
                    break
                }
            }
            let reader = try IndexReader(directory: directory.path)
            #expect(reader.liveDocumentCount == live.count)
            _ = try IndexVerifier.verify(directory: directory.path)
        }
        #expect(try IndexReader(directory: directory.path).segmentCount == 1)
    }

    /// An add that flushes more segments than a tier holds, with ids repeated within it and ids
    /// already in the index: the merge policy runs right after the replacements are marked, and
    /// the merged segment must not bring the replaced documents back.
    @Test func policyMergeAfterReplacementsDropsTheReplaced() throws {
        var generator = SeededGenerator(seed: 2024)
        let directory = TemporaryDirectory()
        let (writer, options) = try writerFlushingOften(directory)
        var live: [String: Document] = [:]
        for round in 0..<2 {
            // 64 documents a segment: 12 segments, one tier, so the policy merges them.
            let batch = (0..<768).map { n in
                Document(id: "d\(Int.random(in: 0..<500, using: &generator))",
                         title: "round\(round) n\(n)", body: randomText(Int.random(in: 1...30, using: &generator), &generator))
            }
            let summary = try writer.add(batch, options: options)
            for document in batch { live[document.id] = document }
            try writer.commit()
            #expect(summary.segmentsWritten > IndexWriterCore.segmentsPerTier, "the merge policy must run")
            let reader = try IndexReader(directory: directory.path)
            #expect(reader.segmentCount < summary.segmentsWritten, "round \(round): the merge policy ran")
            #expect(reader.liveDocumentCount == live.count, "round \(round): replaced documents came back")
            let expected = model(live)
            let actual = try contents(directory.path)
            for field in [Field.title, .body] {
                #expect(actual[field]! == expected[field]!, "round \(round), \(field): postings differ")
            }
            _ = try IndexVerifier.verify(directory: directory.path)
        }
    }

    /// A writer over a new index in `directory`, and one thread's options that flush a segment
    /// at every check (each 64 documents), so an add makes many segments; `policyMergeDocuments`
    /// caps the policy's merges.
    private func writerFlushingOften(_ directory: TemporaryDirectory,
                                     policyMergeDocuments: Int? = nil) throws -> (IndexWriterCore, IndexingOptions) {
        let writer = try IndexWriterCore.create(directory: directory.path, settings: AnalysisSettings(language: .none, foldDiacritics: false))
        var options = IndexingOptions(threads: 1)
        options.flushThresholdBytes = 1
        options.policyMergeDocuments = policyMergeDocuments
        return (writer, options)
    }

    /// The merge policy makes no segment larger than its cap: it merges the smallest of a full
    /// tier, as many as fit, and leaves the rest; what the index holds is unchanged.
    @Test func policyMergesStayUnderTheirCap() throws {
        var generator = SeededGenerator(seed: 77)
        let directory = TemporaryDirectory()
        let (writer, options) = try writerFlushingOften(directory, policyMergeDocuments: 300)
        var live: [String: Document] = [:]
        for round in 0..<3 {
            let batch = (0..<768).map { n in
                Document(id: "r\(round)-\(n)", title: "t\(n % 13)", body: randomText(Int.random(in: 1...20, using: &generator), &generator))
            }
            let summary = try writer.add(batch, options: options)
            for document in batch { live[document.id] = document }
            try writer.commit()
            let reader = try IndexReader(directory: directory.path)
            #expect(reader.segmentCount < summary.segmentsWritten * (round + 1), "round \(round): the policy merged")
            for segment in reader.segments where segment.info.documentCount > 64 {
                #expect(segment.info.documentCount <= 300, "round \(round): a merged segment of \(segment.info.documentCount)")
            }
            #expect(reader.liveDocumentCount == live.count)
            let expected = model(live)
            let actual = try contents(directory.path)
            for field in [Field.title, .body] {
                #expect(actual[field]! == expected[field]!, "round \(round), \(field): postings differ")
            }
        }
        #expect(IndexWriterCore.policyMergeDocuments(memoryMB: 512) == 512 * 1_048_576 / SegmentMerger.memoryPerDocument)
    }
}

import Foundation
