import CQuarry
import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Damaged values read from index files, one defect at a time: each test holds the bytes that
/// made a reader trap (an arithmetic overflow) or silently return other data, and expects a
/// typed `IndexError` (or a cursor that ends and records one) instead.
@Suite struct CorruptDataTests {
    /// Writes an index file of `kind` (a valid envelope around `body`) and maps it.
    private func file(_ directory: TemporaryDirectory, _ name: String, _ kind: FileFormat.Kind, _ body: [UInt8]) throws -> MappedFile {
        let writer = try FileWriter(path: directory.file(name), kind: kind, segment: .zero)
        body.withUnsafeBytes { writer.write($0) }
        _ = try writer.finish()
        return try MappedFile(path: directory.file(name))
    }

    private func u32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    private func u64(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    /// The vint of 2^64 - 1: ten bytes.
    private let largestVInt: [UInt8] = [UInt8](repeating: 0xFF, count: 9) + [0x01]

    /// A cursor over `postings` (a `.post` body) for a term of `docFreq` documents.
    private func cursor(_ directory: TemporaryDirectory, postings: [UInt8], positions: [UInt8] = [], docFreq: Int,
                        totalTermFreq: Int, postingsOffset: Int = FileFormat.headerSize, documents: Int = 200) throws -> PostingsCursor {
        let info = TermInfo(docFreq: docFreq, totalTermFreq: totalTermFreq, postingsOffset: postingsOffset,
                            positionsOffset: FileFormat.headerSize, maxFreq: 1, minLength: 1)
        return PostingsCursor(info: info, postings: try file(directory, "s.post", .postings, postings),
                              positions: try file(directory, "s.pos", .positions, positions), documentCount: documents)
    }

    private func expectCorruption(_ cursor: PostingsCursor, in file: String) {
        #expect(cursor.doc == PostingsCursor.noMoreDocs)
        let description = cursor.corruption.map { "\($0)" } ?? ""
        #expect(description.contains(file), "\(description)")
    }

    /// The cursor's first document is 0, its positions are refused, and it ends recording an
    /// error naming `file`.
    private func expectCorruptPositions(_ cursor: PostingsCursor, in file: String) {
        #expect(cursor.next() == 0)
        #expect(cursor.positions().isEmpty)
        expectCorruption(cursor, in: file)
    }

    @Test func byteComparisonOfBytesWithNothingIsUnequal() {
        let bytes: [UInt8] = [1, 2, 3]
        bytes.withUnsafeBytes { raw in
            #expect(!ByteComparison.equal(raw.baseAddress!, nil, count: 3))
            #expect(ByteComparison.equal(raw.baseAddress!, nil, count: 0))
            #expect(ByteComparison.equal(raw.baseAddress!, raw.baseAddress, count: 3))
        }
    }

    @Test func termOffsetNearTheLargestIntEndsTheCursor() throws {
        let directory = TemporaryDirectory()
        let cursor = try cursor(directory, postings: [0], docFreq: 200, totalTermFreq: 200, postingsOffset: Int.max - 10)
        #expect(cursor.next() == PostingsCursor.noMoreDocs)
        expectCorruption(cursor, in: "s.post")
    }

    @Test func documentGapOfTheLargestVIntEndsTheCursor() throws {
        let directory = TemporaryDirectory()
        let cursor = try cursor(directory, postings: largestVInt + [0x01], docFreq: 2, totalTermFreq: 2)
        #expect(cursor.next() == PostingsCursor.noMoreDocs)
        expectCorruption(cursor, in: "s.post")
    }

    @Test func frequencyOfTheLargestVIntEndsTheCursor() throws {
        let directory = TemporaryDirectory()
        // Document 0 with a frequency of 2 + (2^64 - 1), then document 1.
        let cursor = try cursor(directory, postings: [0x00] + largestVInt + [0x01], docFreq: 2, totalTermFreq: 3)
        #expect(cursor.next() == PostingsCursor.noMoreDocs)
        expectCorruption(cursor, in: "s.post")
    }

    @Test func packedFrequencyOfUInt32MaxDoesNotTrap() throws {
        let directory = TemporaryDirectory()
        // A full block: 128 document gaps of 0, then 128 frequencies - 1 of UInt32.max, as varints.
        let gaps: [UInt8] = [0xFF] + [UInt8](repeating: 0, count: 128)
        let frequencies: [UInt8] = [0xFF] + Array(repeatElement([0xFF, 0xFF, 0xFF, 0xFF, 0x0F] as [UInt8], count: 128).joined())
        let cursor = try cursor(directory, postings: gaps + frequencies, docFreq: 128, totalTermFreq: 128)
        var documents = 0
        while cursor.next() != PostingsCursor.noMoreDocs {
            #expect(cursor.positions().isEmpty)
            documents += 1
        }
        #expect(documents == 128)
    }

    @Test func packedDocumentGapsOfUInt32MaxEndTheCursor() throws {
        let directory = TemporaryDirectory()
        // A full block whose 128 document gaps are all UInt32.max (the block's sum is summed
        // without overflow checks: it must still end far outside the segment, not wrap into it).
        let gaps: [UInt8] = [0xFF] + Array(repeatElement([0xFF, 0xFF, 0xFF, 0xFF, 0x0F] as [UInt8], count: 128).joined())
        let frequencies: [UInt8] = [0xFF] + [UInt8](repeating: 0, count: 128)
        let cursor = try cursor(directory, postings: gaps + frequencies, docFreq: 128, totalTermFreq: 128)
        #expect(cursor.next() == PostingsCursor.noMoreDocs)
        expectCorruption(cursor, in: "s.post")
    }

    @Test func positionsEndNearTheLargestIntEndsTheCursor() throws {
        let directory = TemporaryDirectory()
        // Two blocks (129 documents): skip entries, a full block of documents 0...127 of frequency 1,
        // then document 128. The first block's positions end at 2^63 - 1.
        let skips = u32(127) + u32(258) + u64(UInt64(Int64.max)) + u32(1) + u32(1)
            + u32(128) + u32(259) + u64(10) + u32(1) + u32(1)
        let block: [UInt8] = [0xFF] + [UInt8](repeating: 0, count: 128) + [0xFF] + [UInt8](repeating: 0, count: 128)
        let cursor = try cursor(directory, postings: skips + block + [0x01], positions: [UInt8](repeating: 0, count: 64),
                                docFreq: 129, totalTermFreq: 129)
        expectCorruptPositions(cursor, in: "s.pos")
    }

    @Test func blockOfMorePositionsThanTheTermHasEndsTheCursor() throws {
        let directory = TemporaryDirectory()
        // Document 0 of frequency 2000 (2 + 1998), document 1 of frequency 1; the term claims 3 in all.
        // The positions file is all zeros, which decode as valid runs: only the count tells.
        let cursor = try cursor(directory, postings: [0x00, 0xCE, 0x0F, 0x01], positions: [UInt8](repeating: 0, count: 1 << 16),
                                docFreq: 2, totalTermFreq: 3)
        expectCorruptPositions(cursor, in: "s.post")
    }

    @Test func termDictionaryTrailerNearTheLargestIntThrows() throws {
        let directory = TemporaryDirectory()
        let terms = try file(directory, "s.terms", .terms, u64(UInt64(Int.max - 1)) + u64(UInt64(FileFormat.headerSize)))
        #expect(throws: IndexError.self) { try TermDictionaryReader(file: terms, segment: .zero, verifyChecksum: true) }
    }

    @Test func storedBlockOffsetNearTheLargestIntThrows() throws {
        let directory = TemporaryDirectory()
        let index = u32(1) + u32(0) + u64(UInt64(Int.max - 5)) + u32(100) + u32(10)
        let store = try file(directory, "s.store", .stored, index + u64(UInt64(FileFormat.headerSize)))
        #expect(throws: IndexError.self) { try StoredFieldsReader(file: store, segment: .zero, documentCount: 1, verifyChecksum: true) }
    }

    @Test func termsReturnedByTheIteratorOutliveTheNextCall() throws {
        let index = try TestIndex([Document(id: "a", title: "", body: "alpha beta")])
        var iterator = try index.reader.segments[0].terms.terms(in: .body)
        let first = try #require(try iterator.next()).term
        _ = try iterator.next()
        #expect(String(decoding: first, as: UTF8.self) == "alpha")
    }

    @Test func compressionFailureIsAnErrorNotAnEmptyBlock() throws {
        let compressor = try #require(cq_zstd_compressor_open(1))
        defer { cq_zstd_compressor_close(compressor) }
        let input = [UInt8](repeating: 7, count: 1000)
        var output = [UInt8](repeating: 0, count: 4)
        #expect(throws: IndexError.self) {
            try input.withUnsafeBytes { source in
                try output.withUnsafeMutableBytes { try StoredFieldsWriter.compress(source, with: compressor, into: $0, file: "s.store") }
            }
        }
    }

    /// Six documents of about 9 KB of seeded letters, two to a block, in `s.store`.
    private func store(_ directory: TemporaryDirectory) throws -> [UInt8] {
        var generator = SeededGenerator(seed: 7)
        let writer = StoredFieldsWriter(file: try FileWriter(path: directory.file("s.store"), kind: .stored, segment: .zero))
        for d in 0..<6 {
            let text = String((0..<9000).map { _ in "abcdefghijklmnopqrstuvwxyz ".randomElement(using: &generator)! })
            writer.add([StoredField(name: "id", value: "d\(d)"), StoredField(name: "text", value: text)])
        }
        _ = try writer.finish()
        return [UInt8](try #require(FileManager.default.contents(atPath: directory.file("s.store"))))
    }

    private func storedReader(_ directory: TemporaryDirectory, _ bytes: [UInt8]) throws -> StoredFieldsReader {
        directory.write("s.store", bytes: bytes)
        return try StoredFieldsReader(file: MappedFile(path: directory.file("s.store")), segment: .zero, documentCount: 6,
                                      verifyChecksum: false)
    }

    @Test func storedTextWithAFlippedByteFailsItsBlockChecksum() throws {
        let directory = TemporaryDirectory()
        var bytes = try store(directory)
        #expect(try storedReader(directory, bytes).document(0)["id"] == "d0")
        // The middle of the first block (it starts right after the header).
        bytes[FileFormat.headerSize + 4000] ^= 0x01
        let reader = try storedReader(directory, bytes)
        #expect(throws: IndexError.self) { try reader.document(0) }
    }

    @Test func storedBlockGivenAnotherFirstDocumentThrows() throws {
        let directory = TemporaryDirectory()
        var bytes = try store(directory)
        // The index entry of block 1 (documents 2 and 3) says it starts at document 3.
        let body = bytes.count - FileFormat.footerSize
        let indexOffset = Int(bytes[(body - 8)..<body].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian })
        let entry = indexOffset + 4 + 20
        #expect(bytes[entry] == 2)
        bytes[entry] = 3
        let reader = try storedReader(directory, bytes)
        #expect(throws: IndexError.self) { try reader.document(3) }
    }

    @Test func deletesWithBitsPastTheLastDocumentThrow() throws {
        let directory = TemporaryDirectory()
        let deletes = try file(directory, "s.1.del", .deletes, u32(10) + u32(2) + u64(1 << 5 | 1 << 20))
        #expect(throws: IndexError.self) { try DeletedDocuments.read(deletes, segment: .zero, documentCount: 10) }
    }

    /// Rewrites the checksum of the file at `path` after its bytes were changed.
    private func rewriteChecksum(_ path: String) throws {
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let crc = bytes.withUnsafeBytes { Checksum.crc32c(UnsafeRawBufferPointer(rebasing: $0[..<($0.count - 4)])) }
        bytes.replaceSubrange((bytes.count - 4)..., with: u32(crc))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func verifyReportsABlockWhoseLargestFrequencyIsNotItsPostings() throws {
        // "common" in 300 documents (3 blocks), 1 to 3 times each.
        let documents = (0..<300).map { Document(id: "d\($0)", body: Array(repeating: "common", count: $0 % 3 + 1).joined(separator: " ")) }
        let index = try TestIndex(documents)
        let segment = index.reader.segments[0]
        let info = try #require(try Array("common".utf8).withUnsafeBytes { try segment.terms.lookup($0, in: .body) })
        #expect(info.docFreq == 300 && info.maxFreq == 3)
        // The first block's skip entry says no document of it has the term more than once.
        let path = segment.postings.path
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        bytes.replaceSubrange((info.postingsOffset + 16)..<(info.postingsOffset + 20), with: u32(1))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try rewriteChecksum(path)
        #expect { try IndexVerifier.verify(directory: index.directory.path) } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("block 0")
        }
    }

    /// A small index of three segment files' worth of documents with dates.
    private func smallIndex() throws -> TestIndex {
        try TestIndex([Document(id: "a", title: "Council budget", body: "The council set its budget.", fields: [DocumentField("date", "2024-01-02")]),
                       Document(id: "b", title: "Flood warning", body: "The river may flood the town.", fields: [DocumentField("date", "2024-02-03")]),
                       Document(id: "c", title: "Bridge", body: "A bridge over the river, a bridge too far.")])
    }

    @Test(arguments: [FileFormat.Kind.terms, .postings, .positions, .norms, .ids, .columns])
    func openingChecksumsWhatSearchReads(kind: FileFormat.Kind) throws {
        let index = try smallIndex()
        let path = index.reader.segments[0].info.path(kind, in: index.directory.path)
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        bytes[FileFormat.headerSize + (bytes.count - FileFormat.headerSize - FileFormat.footerSize) / 2] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect { try IndexReader(directory: index.directory.path) } throws: { "\($0)".contains(path) && "\($0)".contains("checksum") }
    }

    @Test func openingChecksTheSizeTheManifestGivesEachFile() throws {
        let index = try smallIndex()
        // The stored text (not checksummed at open) grown by a copy of its footer.
        let path = index.reader.segments[0].info.path(.stored, in: index.directory.path)
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        try Data(bytes + bytes.suffix(FileFormat.footerSize)).write(to: URL(fileURLWithPath: path))
        #expect { try IndexReader(directory: index.directory.path) } throws: { "\($0)".contains(path) && "\($0)".contains("manifest") }
    }
}
