import Foundation
import FuzzSupport
@testable import QuarryCore

/// Fuzzes opening and searching a damaged index. Setup builds a small index (two segments, a
/// deletes file, full postings blocks with skips, long position runs, stored fields, dates). An
/// input is one of its files with new contents:
///
///     input := selector:u8 contents
///
/// `selector & 0x3F` picks the file (the index's files in name order, MANIFEST first), and the
/// contents replace it, with its footer rebuilt (`YRRQ` and the CRC32C of the new bytes) so the
/// checksum does not stop the readers before the structures. With `selector & 0x80` the contents
/// are first cut or zero-padded to the file's size and the index is also opened with
/// `verifyChecksums` and checked by `IndexVerifier`; without it, it is opened as `search` opens
/// it. Then queries of every kind run (with `selector & 0x40`, without pruning and counting every
/// hit) and the best hit's stored fields are read and a snippet made.
///
/// Segment ids are random, so seeds and saved crashes name them canonically (see `canonical`);
/// an input's canonical ids are replaced by this run's before it is written. Set
/// `QUARRY_FUZZ_INDEX_SEEDS` to a folder to write a seed for each file there.
///
/// A typed error (`IndexError`, `SearchError`) is the expected answer (`QUARRY_FUZZ_VERBOSE=1`
/// prints them); a trap, a sanitizer report, a hang or an allocation beyond libFuzzer's limit is a
/// finding.
private let pristine = ScratchDirectory.make("fuzz-index-pristine")
private let directory = ScratchDirectory.make("fuzz-index")
nonisolated(unsafe) private var files: [(name: String, bytes: [UInt8])] = []
nonisolated(unsafe) private var segmentIDs: [[UInt8]] = []
private let verbose = ProcessInfo.processInfo.environment["QUARRY_FUZZ_VERBOSE"] == "1"

private let queries = [
    "harbour council", "\"river harbour\" \"harbour flood\"~3", "+river -flood harb*",
    "(council OR ferry) AND NOT storm", "title:report body:harbour^2 date:[2024-01-01 TO 2024-06-30]", "école déjà",
]

@_cdecl("LLVMFuzzerInitialize")
public func initializeIndexFuzzer(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    do {
        try buildIndex()
        let manifest = try Manifest.read(directory: pristine)
        segmentIDs = manifest.segments.map { info in
            withUnsafeBytes(of: info.id.high.littleEndian, Array.init) + withUnsafeBytes(of: info.id.low.littleEndian, Array.init)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: pristine).filter { $0 != "LOCK" }.sorted()
        files = try names.map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: "\(pristine)/\($0)")))) }
        for file in files { try Data(file.bytes).write(to: URL(fileURLWithPath: "\(directory)/\(file.name)")) }
        if let seeds = ProcessInfo.processInfo.environment["QUARRY_FUZZ_INDEX_SEEDS"] {
            for (number, file) in files.enumerated() {
                var seed = [UInt8(number)] + replacing(segmentIDs, with: canonicalIDs, in: file.bytes)
                rebuildFooter(&seed)
                try Data(seed).write(to: URL(fileURLWithPath: "\(seeds)/\(file.name)"))
            }
        }
    } catch {
        fatalError("cannot build the index to fuzz: \(error)")
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let verify = data[0] & 0x80 != 0
    let file = files[Int(data[0] & 0x3F) % files.count]
    var bytes = replacing(canonicalIDs, with: segmentIDs, in: Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    if verify {
        bytes = Array(bytes.prefix(file.bytes.count)) + [UInt8](repeating: 0, count: max(0, file.bytes.count - bytes.count))
    }
    rebuildFooter(&bytes)
    let path = "\(directory)/\(file.name)"
    bytes.withUnsafeBytes { ScratchDirectory.write($0, to: path) }
    defer { file.bytes.withUnsafeBytes { ScratchDirectory.write($0, to: path) } }
    if verify { expected { () throws(IndexError) in _ = try IndexVerifier.verify(directory: directory) } }
    let exhaustive = data[0] & 0x40 != 0
    search(verifyChecksums: verify, options: SearchOptions(k: 3, pruning: !exhaustive, exactTotal: exhaustive))
    return 0
}

/// Opens the index in `directory`, runs every query, reads every hit's id and the best hit's
/// stored fields, and makes a snippet; errors end it quietly.
private func search(verifyChecksums: Bool, options: SearchOptions) {
    guard let reader = expected({ () throws(IndexError) in try IndexReader(directory: directory, verifyChecksums: verifyChecksums) }),
          let searcher = expected({ () throws(IndexError) in try Searcher(reader: reader) }) else { return }
    for query in queries {
        guard let results = expected({ () throws(SearchError) in try searcher.search(query, options: options) }) else { continue }
        for hit in results.hits { _ = reader.id(ofDocument: hit.document) }
        guard let best = results.hits.first,
              let stored = expected({ () throws(SearchError) in try searcher.storedDocument(best.document) }) else { continue }
        _ = expected({ () throws(SearchError) in try searcher.snippet(of: stored["text"] ?? "", for: results) })
    }
}

/// The result of `body`, or nil when it throws its typed error (printed with `QUARRY_FUZZ_VERBOSE=1`).
private func expected<T, E: Error>(_ body: () throws(E) -> T) -> T? {
    do {
        return try body()
    } catch {
        if verbose { print("expected error: \(error)") }
        return nil
    }
}

/// The index every input damages: two segments (the second replacing and deleting some of the
/// first's documents), 200 documents sharing a word (so its postings fill a block of 128 and have
/// skips), a document repeating words 150 times (two runs of positions), dates, URLs, stored
/// extra fields and accented text.
private func buildIndex() throws {
    let writer = try IndexWriterCore.create(directory: pristine, settings: AnalysisSettings())
    let words = ["river", "harbour", "council", "ferry", "flood", "storm", "report", "école", "déjà", "vu"]
    func document(_ number: Int) -> Document {
        let body = (0..<(3 + number % 7)).map { words[($0 * 7 + number) % words.count] }.joined(separator: " ")
        return Document(id: "doc-\(number)", title: "report \(words[number % words.count]) \(number)", body: "harbour \(body)",
                        fields: (number % 3 == 0 ? [DocumentField("date", "2024-0\(1 + number % 9)-1\(number % 10)")] : [])
                            + (number % 5 == 0 ? [DocumentField("url", "https://example.org/\(number)")] : [])
                            + (number % 4 == 0 ? [DocumentField("section", "news \(number % 4)")] : []))
    }
    _ = try writer.add((0..<140).map(document))
    _ = try writer.commit()
    var second = (100..<200).map(document)
    second.append(Document(id: "long", title: "flood", body: Array(repeating: "harbour river flood", count: 150).joined(separator: " ")))
    _ = try writer.add(second)
    _ = try writer.delete(ids: ["doc-3", "doc-120", "doc-199"])
    _ = try writer.commit()
}

/// Stand-ins for this run's segment ids in seeds and saved inputs: 16 bytes no index writes
/// otherwise, `QUARRY-FUZZ-ID-` and the segment's number.
private let canonicalIDs: [[UInt8]] = (0..<10).map { Array("QUARRY-FUZZ-ID-\($0)".utf8) }

/// `bytes` with every occurrence of `patterns[i]` (16 bytes) replaced by `replacements[i]`.
private func replacing(_ patterns: [[UInt8]], with replacements: [[UInt8]], in bytes: [UInt8]) -> [UInt8] {
    var result = bytes
    guard result.count >= 16 else { return result }
    for (pattern, replacement) in zip(patterns, replacements) {
        var start = 0
        while start + 16 <= result.count {
            if result[start..<(start + 16)].elementsEqual(pattern) {
                result.replaceSubrange(start..<(start + 16), with: replacement)
                start += 16
            } else {
                start += 1
            }
        }
    }
    return result
}

/// Rewrites the last 8 bytes as a valid footer: `YRRQ` and the CRC32C of everything before the CRC.
private func rebuildFooter(_ bytes: inout [UInt8]) {
    guard bytes.count >= FileFormat.footerSize else { return }
    let footer = bytes.count - FileFormat.footerSize
    bytes.replaceSubrange(footer..<(footer + 4), with: FileFormat.footerMagic)
    let crc = bytes.withUnsafeBytes { Checksum.crc32c(UnsafeRawBufferPointer(rebasing: $0[0..<(footer + 4)])) }
    withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange((footer + 4)..<bytes.count, with: $0) }
}
