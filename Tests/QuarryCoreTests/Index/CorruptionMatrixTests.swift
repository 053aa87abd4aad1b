import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Every file of a small index damaged in every way we know (flipped bytes in the header, the
/// body and the footer, truncation, a zeroed range, deletion) and a stray file added: `verify`
/// must report each case naming the file, and opening the index, searching it, fetching stored
/// fields, snippets and statistics must give exactly the results of the intact index or throw an
/// `IndexError`; never trap, never silently differ.
@Suite struct CorruptionMatrixTests {
    /// What was tried and what caught it (printed for docs/RELIABILITY.md).
    struct Counts: CustomStringConvertible {
        var tried = 0
        var detectedByVerify = 0
        var detectedBySearch = 0
        /// The cases whose results were identical (damage in bytes search does not read).
        var identical: [String] = []

        var description: String {
            "\(tried) cases: \(detectedByVerify) reported by verify, \(detectedBySearch) failed to open or search with an IndexError, "
                + "\(identical.count) gave identical results: \(identical.joined(separator: "; "))"
        }
    }

    /// A damage done to one file.
    enum Damage: CustomStringConvertible {
        case flip(offset: Int, mask: UInt8)
        case truncate(to: Int)
        case zero(Range<Int>)
        case delete

        var description: String {
            switch self {
            case .flip(let offset, let mask): return "flip \(mask) at \(offset)"
            case .truncate(let size): return "truncate to \(size)"
            case .zero(let range): return "zero \(range)"
            case .delete: return "delete"
            }
        }

        /// Damages the file at `path`; false when that changed nothing (a range zero already).
        func apply(to path: String) throws -> Bool {
            if case .delete = self {
                try FileManager.default.removeItem(atPath: path)
                return true
            }
            let original = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            var bytes = original
            switch self {
            case .flip(let offset, let mask): bytes[offset] ^= mask
            case .truncate(let size): bytes.removeSubrange(size...)
            case .zero(let range): for i in range { bytes[i] = 0 }
            case .delete: break
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return bytes != original
        }
    }

    static let queries = ["common river", "\"council budget\"", "bud*", "date:[2020-03-01 TO 2020-08-31]",
                          "flood AND date:[2020-01-01 TO *]", "title:warning", "common -flood", "\"common river\"~2",
                          "district council budget flood river"]

    /// Three segments (the first with more than 128 documents of one term, so its postings have
    /// skip entries), dates on most documents, stored fields, replaced and deleted documents.
    static func buildIndex(at path: String) throws {
        var generator = SeededGenerator(seed: 2026)
        let words = ["council", "budget", "flood", "river", "warning", "district", "school", "road", "bridge", "market",
                     "library", "housing", "police", "transport", "health"]
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
                + String(repeating: " common", count: Int.random(in: 1...4, using: &generator))
        }
        let writer = try IndexWriterCore.create(directory: path, settings: AnalysisSettings(language: .none))
        var next = 0
        for size in [160, 90, 50] {
            var batch: [Document] = []
            for _ in 0..<size {
                let month = Int.random(in: 1...12, using: &generator)
                let date = next % 7 == 0 ? nil : "2020-\(month < 10 ? "0" : "")\(month)-15"
                batch.append(Document(id: "d\(next)", title: text(Int.random(in: 1...4, using: &generator)),
                                      body: text(Int.random(in: 5...60, using: &generator)), fields: date.map { [DocumentField("date", $0)] } ?? []))
                next += 1
            }
            // Replace a few documents of the previous batches.
            if next > size { batch.append(Document(id: "d\(next - size - 3)", title: "replaced", body: text(20))) }
            _ = try writer.add(batch)
        }
        _ = try writer.delete(ids: ["d5", "d17", "d170", "d260", "d299"])
        try writer.commit()
    }

    /// Everything a user can get from the index, as text: hits with scores, stored fields and
    /// snippets of each query, and the statistics.
    static func observe(_ directory: String) throws -> String {
        let reader = try IndexReader(directory: directory)
        let searcher = try Searcher(reader: reader)
        let statistics = try reader.statistics()
        var out = "\(statistics.liveDocuments) \(statistics.deletedDocuments) \(statistics.segments) \(statistics.terms) "
            + "\(statistics.postings) \(statistics.positions) \(statistics.averageTitleLength) \(statistics.averageBodyLength) "
            + "\(statistics.bytes.sorted { $0.key < $1.key })\n"
        for query in queries {
            let results = try searcher.search(query, options: SearchOptions(k: 20))
            out += "\(query): \(results.total)\(results.totalIsExact ? "" : "+")\n"
            for hit in results.hits {
                let stored = try searcher.storedDocument(hit.document)
                let snippet = try searcher.snippet(of: stored["text"] ?? "", for: results)
                out += "  \(hit.id) \(hit.score) \(stored.fields) \(snippet)\n"
            }
        }
        return out
    }

    /// Whether `error` is what a damaged index must give: an `IndexError`, possibly inside a
    /// `SearchError`.
    static func isIndexError(_ error: any Error) -> Bool {
        if error is IndexError { return true }
        if let error = error as? SearchError, case .index = error { return true }
        return false
    }

    /// The damages tried on a file of `size` bytes: seeded flips in the header, body and footer,
    /// truncations, a zeroed range of the body, deletion.
    static func damages(size: Int, generator: inout SeededGenerator) -> [Damage] {
        let header = FileFormat.headerSize
        let footer = size - FileFormat.footerSize
        func mask() -> UInt8 { UInt8.random(in: 1...255, using: &generator) }
        var damages: [Damage] = []
        for _ in 0..<2 { damages.append(.flip(offset: Int.random(in: 0..<header, using: &generator), mask: mask())) }
        if footer > header {
            for _ in 0..<5 { damages.append(.flip(offset: Int.random(in: header..<footer, using: &generator), mask: mask())) }
            let start = Int.random(in: header..<footer, using: &generator)
            damages.append(.zero(start..<min(start + 16, footer)))
        }
        damages.append(.flip(offset: Int.random(in: footer..<size, using: &generator), mask: mask()))
        damages.append(.truncate(to: size - 1))
        damages.append(.truncate(to: size / 2))
        damages.append(.delete)
        return damages
    }

    /// Copies the folder `source` to `target` (files only: an index folder has no subfolders).
    static func copy(_ source: String, to target: String) throws {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: "\(target)/\(name)")
        }
    }

    @Test func everyDamagedFileIsReportedAndNeverChangesResults() throws {
        let root = TemporaryDirectory("quarry-corruption")
        let pristine = root.file("pristine")
        try Self.buildIndex(at: pristine)
        let expected = try Self.observe(pristine)
        _ = try IndexVerifier.verify(directory: pristine)
        let files = try FileManager.default.contentsOfDirectory(atPath: pristine).filter { $0 != IndexLock.fileName }.sorted()
        #expect(files.contains { $0.hasSuffix(".del") }, "the index has deletes")
        #expect(files.count >= 3 * SegmentInfo.fileKinds.count + 2)

        var generator = SeededGenerator(seed: 404)
        var counts = Counts()
        var caseNumber = 0
        /// Runs one case: `damage` applied to a copy of the index (to the file `name`, or adding the
        /// stray file `name`); a damage that changed nothing is not a case.
        func run(_ name: String, _ label: String, damage: (String) throws -> Bool, stray: Bool = false) throws {
            caseNumber += 1
            let directory = root.file("case\(caseNumber)")
            try Self.copy(pristine, to: directory)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            guard try damage(directory) else { return }
            counts.tried += 1
            let what = "\(name): \(label)"
            do {
                let report = try IndexVerifier.verify(directory: directory)
                let noted = stray && report.unreferencedFiles == [name]
                #expect(noted, "verify missed \(what)")
                if noted { counts.detectedByVerify += 1 }
            } catch {
                #expect("\(error)".contains(name), "verify named another file for \(what): \(error)")
                counts.detectedByVerify += 1
            }
            do {
                let observed = try Self.observe(directory)
                #expect(observed == expected, "silently different results for \(what)")
                if observed == expected { counts.identical.append(what) }
            } catch {
                #expect(Self.isIndexError(error), "\(what) gave \(error), not an IndexError")
                counts.detectedBySearch += 1
            }
        }

        for name in files {
            let size = try #require(FileSystem.size("\(pristine)/\(name)"))
            for damage in Self.damages(size: size, generator: &generator) {
                try run(name, "\(damage)") { try damage.apply(to: "\($0)/\(name)") }
            }
        }
        // Stray files: a leftover segment file of a writer that died, and something else.
        let leftover = files.first { $0.hasSuffix(".terms") }!
        try run("s999999.terms", "stray copy of \(leftover)", damage: {
            try FileManager.default.copyItem(atPath: "\($0)/\(leftover)", toPath: "\($0)/s999999.terms")
            return true
        }, stray: true)
        try run("notes.txt", "stray file", damage: {
            try Data("notes".utf8).write(to: URL(fileURLWithPath: "\($0)/notes.txt"))
            return true
        }, stray: true)

        print("corruption matrix: \(counts)")
        #expect(counts.detectedByVerify == counts.tried)
        #expect(counts.detectedBySearch + counts.identical.count == counts.tried)
    }
}
