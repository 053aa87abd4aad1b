import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Every codec, written then read back, on seeded random inputs.
@Suite struct CodecRoundTripTests {
    /// Random values of mixed magnitudes: mostly small, some wide, the occasional 32-bit one.
    private func values(_ count: Int, _ generator: inout SeededGenerator) -> [UInt32] {
        (0..<count).map { _ in
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: return UInt32.random(in: 0...UInt32.max, using: &generator)
            case 1, 2: return UInt32.random(in: 0..<100_000, using: &generator)
            default: return UInt32.random(in: 0..<64, using: &generator)
            }
        }
    }

    /// Bytes with the 8 readable bytes past the end every file's footer guarantees.
    private func padded(_ stream: borrowing ByteStream) -> [UInt8] { Array(stream.bytes) + [UInt8](repeating: 0xAB, count: 8) }

    @Test func packedIntsRoundTrip() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...128, using: &generator)
            let input = values(count, &generator)
            var stream = ByteStream()
            input.withUnsafeBufferPointer { PackedInts.append($0.baseAddress!, count: count, to: &stream) }
            let length = stream.count
            let bytes = padded(stream)
            var output = [UInt32](repeating: 7, count: count)
            let end = bytes.withUnsafeBytes { raw in
                output.withUnsafeMutableBufferPointer { PackedInts.decode(raw, at: 0, limit: length, count: count, into: $0.baseAddress!) }
            }
            #expect(end == length)
            #expect(output == input)
        }
    }

    /// Every width and every count of a block, against each value's bits read one by one, with
    /// exactly the 8 bytes past the packed data readable (the vector path must stop short of them)
    /// and with plenty.
    @Test func bitPackingUnpacksEveryWidth() {
        var generator = SeededGenerator(seed: 4)
        for width in 0...32 {
            let mask: UInt32 = width == 32 ? .max : (1 << UInt32(width)) - 1
            for count in [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128] {
                let input = (0..<count).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) & mask }
                var stream = ByteStream()
                input.withUnsafeBufferPointer { BitPacking.append($0.baseAddress!, count: count, width: width, to: &stream) }
                let packed = Array(stream.bytes)
                let expected = (0..<count).map { i in
                    (0..<width).reduce(UInt32(0)) { value, bit in
                        let at = i * width + bit
                        return value | (UInt32(packed[at / 8] >> UInt8(at % 8)) & 1) << UInt32(bit)
                    }
                }
                #expect(expected == input, "width \(width), count \(count): the packing itself")
                for extra in [8, 64] {
                    // An allocation of its own, so a read past it is a sanitizer error.
                    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: packed.count + extra, alignment: 1)
                    defer { buffer.deallocate() }
                    buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)
                    buffer.copyBytes(from: packed)
                    var output = [UInt32](repeating: 7, count: count)
                    output.withUnsafeMutableBufferPointer {
                        BitPacking.unpack(UnsafeRawPointer(buffer.baseAddress!), count: count, width: width, available: buffer.count, into: $0.baseAddress!)
                    }
                    #expect(output == input, "width \(width), count \(count), \(extra) bytes past")
                }
            }
        }
    }

    @Test func packedIntsRejectTruncatedData() {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<500 {
            let count = Int.random(in: 9...128, using: &generator)
            let input = values(count, &generator)
            var stream = ByteStream()
            input.withUnsafeBufferPointer { PackedInts.append($0.baseAddress!, count: count, to: &stream) }
            let bytes = padded(stream)
            let cut = Int.random(in: 0..<stream.count, using: &generator)
            var output = [UInt32](repeating: 0, count: count)
            let end = bytes.withUnsafeBytes { raw in
                output.withUnsafeMutableBufferPointer { PackedInts.decode(raw, at: 0, limit: cut, count: count, into: $0.baseAddress!) }
            }
            #expect(end == nil)
        }
    }

    @Test func varintsRoundTrip() throws {
        var generator = SeededGenerator(seed: 3)
        let input = (0..<5000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator) }
        var stream = ByteStream()
        for value in input { stream.appendVInt(value) }
        let bytes = Array(stream.bytes)
        try bytes.withUnsafeBytes { raw throws in
            var cursor = ByteCursor(raw, range: 0..<raw.count, file: "test")
            for value in input {
                let read = try cursor.readVInt()
                #expect(read == value)
            }
            #expect(cursor.isAtEnd)
            #expect(throws: IndexError.self) { try cursor.readVInt() }
        }
    }

    @Test func byteSlicePoolStreamsRoundTrip() {
        var generator = SeededGenerator(seed: 4)
        var pool = ByteSlicePool()
        var streams: [SliceStream] = []
        var expected: [[UInt32]] = []
        for _ in 0..<300 {
            streams.append(pool.makeStream())
            expected.append([])
        }
        // Interleaved writes, as the inverter makes them.
        for _ in 0..<50_000 {
            let i = Int.random(in: 0..<streams.count, using: &generator)
            let value = values(1, &generator)[0]
            pool.appendVInt(value, to: &streams[i])
            expected[i].append(value)
        }
        for i in streams.indices {
            var reader = SliceReader(streams[i])
            var got: [UInt32] = []
            while !reader.isAtEnd { got.append(reader.readVInt(pool)) }
            #expect(got == expected[i])
        }
    }

    @Test func documentTablesAndDeletesRoundTrip() throws {
        let directory = TemporaryDirectory()
        let segment = SegmentID.random()
        var generator = SeededGenerator(seed: 5)
        let count = 1000
        let ids = (0..<count).map { "doc-\($0)-\(Int.random(in: 0..<1_000_000, using: &generator))" }
        let lengths: [UInt32] = (0..<count).map { _ in UInt32.random(in: 0..<5000, using: &generator) }

        var idBytes = ByteStream()
        var ends: [UInt32] = []
        for id in ids {
            idBytes.append(id)
            ends.append(UInt32(idBytes.count))
        }
        _ = try ends.withUnsafeBufferPointer {
            try DocumentTableFormat.writeIDs(idBytes.bytes, ends: $0, to: FileWriter(path: directory.file("t.ids"), kind: .ids, segment: segment))
        }
        _ = try lengths.withUnsafeBufferPointer {
            try NormsFormat.write([(.title, $0), (.body, $0)], to: FileWriter(path: directory.file("t.norms"), kind: .norms, segment: segment))
        }
        var deletes = DeletedDocuments(count: count)
        for doc in stride(from: 3, to: count, by: 11) { deletes.insert(doc) }
        _ = try deletes.write(to: FileWriter(path: directory.file("t.del"), kind: .deletes, segment: segment))

        let idReader = try IDTableReader(file: MappedFile(path: directory.file("t.ids")), segment: segment, documentCount: count, verifyChecksum: true)
        let norms = try NormsReader.read(MappedFile(path: directory.file("t.norms")), segment: segment, documentCount: count, verifyChecksum: true)
        let loaded = try DeletedDocuments.read(MappedFile(path: directory.file("t.del")), segment: segment, documentCount: count)
        // The streaming writer (a merge's) writes the same file.
        _ = try DocumentTableFormat.writeIDs(count: count, forEach: { body in
            for id in ids { id.utf8.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) } }
        }, to: FileWriter(path: directory.file("streamed.ids"), kind: .ids, segment: segment))
        let streamed = try IDTableReader(file: MappedFile(path: directory.file("streamed.ids")), segment: segment, documentCount: count,
                                         verifyChecksum: true)
        for doc in 0..<count {
            #expect(idReader.id(doc) == ids[doc])
            #expect(streamed.id(doc) == ids[doc])
            #expect(norms[.body]?[doc] == lengths[doc])
            #expect(loaded.contains(doc) == deletes.contains(doc))
        }
        #expect(loaded == deletes)
        // A file of another segment is refused.
        #expect(throws: IndexError.self) {
            try IDTableReader(file: MappedFile(path: directory.file("t.ids")), segment: .random(), documentCount: count, verifyChecksum: false)
        }
    }

    @Test func storedFieldsRoundTrip() throws {
        let directory = TemporaryDirectory()
        let segment = SegmentID.random()
        var generator = SeededGenerator(seed: 6)
        let words = ["council", "ofsted", "ça", "école", "北京", "ภาษา", "🙂", "\n", "\"", ""]
        let documents = (0..<700).map { d in
            StoredDocument(fields: (0..<Int.random(in: 0...5, using: &generator)).map { f in
                StoredField(name: "f\(f)", value: (0..<Int.random(in: 0...400, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ") + "\(d)")
            })
        }
        let writer = StoredFieldsWriter(file: try FileWriter(path: directory.file("t.store"), kind: .stored, segment: segment))
        for document in documents { writer.add(document.fields) }
        _ = try writer.finish()
        let reader = try StoredFieldsReader(file: MappedFile(path: directory.file("t.store")), segment: segment,
                                            documentCount: documents.count, verifyChecksum: true)
        for doc in (0..<documents.count).shuffled(using: &generator) {
            #expect(try reader.document(doc) == documents[doc])
        }
    }

    @Test func postingsAndTermDictionaryRoundTrip() throws {
        let directory = TemporaryDirectory()
        let segment = SegmentID.random()
        var generator = SeededGenerator(seed: 7)
        let documentCount = 5000
        // Terms with document frequencies from 1 to all documents, sorted.
        var terms: [(term: String, postings: [(doc: UInt32, positions: [UInt32])])] = []
        for t in 0..<300 {
            let df = t % 10 == 0 ? Int.random(in: 129...1500, using: &generator) : Int.random(in: 1...140, using: &generator)
            let docs = Array(Set((0..<df).map { _ in UInt32.random(in: 0..<UInt32(documentCount), using: &generator) })).sorted()
            let postings = docs.map { doc -> (UInt32, [UInt32]) in
                let freq = Int.random(in: 1...(Int.random(in: 0..<10, using: &generator) == 0 ? 300 : 4), using: &generator)
                let positions = Array(Set((0..<freq).map { _ in UInt32.random(in: 0..<20_000, using: &generator) })).sorted()
                return (doc, positions)
            }
            terms.append(("term\(String(format: "%05d", t))\(t % 3 == 0 ? "é" : "")", postings))
        }
        terms.sort { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
        let length = { (doc: UInt32) in Int(doc % 97) + 1 }

        let termsFile = try FileWriter(path: directory.file("t.terms"), kind: .terms, segment: segment)
        let postingsFile = try FileWriter(path: directory.file("t.post"), kind: .postings, segment: segment)
        let positionsFile = try FileWriter(path: directory.file("t.pos"), kind: .positions, segment: segment)
        let dictionary = TermDictionaryWriter(file: termsFile)
        var writer = PostingsWriter(postings: postingsFile, positions: positionsFile)
        dictionary.startField(.body)
        var infos: [TermInfo] = []
        for (i, (term, postings)) in terms.enumerated() {
            writer.startTerm()
            for (doc, positions) in postings {
                positions.withUnsafeBufferPointer { writer.addDocument(doc, positions: $0, length: length(doc)) }
            }
            var info = writer.finishTerm()
            info.titleOnlyDocuments = i % 4
            infos.append(info)
            var term = term
            term.withUTF8 { dictionary.add(UnsafeRawBufferPointer($0), info: info) }
        }
        dictionary.finishField(FieldStatistics(field: .body, termCount: terms.count, docCount: documentCount,
                                               sumTotalTermFreq: 0, sumDocFreq: terms.reduce(0) { $0 + $1.postings.count }))
        _ = try postingsFile.finish()
        _ = try positionsFile.finish()
        _ = try dictionary.finish()

        let reader = try TermDictionaryReader(file: MappedFile(path: directory.file("t.terms")), segment: segment, verifyChecksum: true)
        let post = try MappedFile(path: directory.file("t.post"))
        let pos = try MappedFile(path: directory.file("t.pos"))
        #expect(reader.statistics(.body).termCount == terms.count)
        for (i, (term, postings)) in terms.enumerated() {
            var bytes = term
            let info = try #require(try bytes.withUTF8 { try reader.lookup(UnsafeRawBufferPointer($0), in: .body) })
            #expect(info == infos[i])
            #expect(info.maxFreq == postings.map(\.positions.count).max())
            if postings.count > 1 { #expect(info.minLength == postings.map { length($0.doc) }.min()) }
            // Full iteration with positions.
            let cursor = PostingsCursor(info: info, postings: post, positions: pos, documentCount: documentCount)
            var got: [(UInt32, [UInt32])] = []
            while cursor.next() != PostingsCursor.noMoreDocs { got.append((cursor.doc, Array(cursor.positions()))) }
            #expect(cursor.corruption == nil)
            #expect(got.map(\.0) == postings.map(\.doc))
            #expect(got.map(\.1) == postings.map(\.positions))
            // Random advances against a linear search.
            let jumper = PostingsCursor(info: info, postings: post, positions: pos, documentCount: documentCount)
            var target: UInt32 = 0
            var index = 0
            var mismatches = 0
            while true {
                target += UInt32.random(in: 0...400, using: &generator)
                while index < postings.count && postings[index].doc < target { index += 1 }
                let expected = index < postings.count ? postings[index].doc : PostingsCursor.noMoreDocs
                if jumper.advance(to: target) != expected { mismatches += 1 }
                if expected == PostingsCursor.noMoreDocs { break }
                if jumper.freq != postings[index].positions.count { mismatches += 1 }
                target = expected + 1
            }
            #expect(mismatches == 0, "advance(to:) on \(term)")
        }
        // Absent terms, and prefix iteration.
        var absent = "term00000x"
        #expect(try absent.withUTF8 { try reader.lookup(UnsafeRawBufferPointer($0), in: .body) } == nil)
        #expect(try "zzz".utf8.withContiguousStorageIfAvailable { try reader.lookup(UnsafeRawBufferPointer($0), in: .body) } == .some(nil))
        #expect(try "a".utf8.withContiguousStorageIfAvailable { try reader.lookup(UnsafeRawBufferPointer($0), in: .body) } == .some(nil))
        var iterator = try Array("term001".utf8).withUnsafeBytes { try reader.terms(in: .body, withPrefix: $0) }
        var found: [String] = []
        while let (term, _) = try iterator.next() { found.append(String(decoding: term, as: UTF8.self)) }
        #expect(found == terms.map(\.term).filter { $0.hasPrefix("term001") })
        // Skipping past a prefix of the term last returned, within a block and across blocks,
        // against the sorted list.
        let sorted = terms.map { Array($0.term.utf8) }
        for _ in 0..<20 {
            var walk = try reader.terms(in: .body)
            var expected = 0
            var mismatches = 0
            while let (term, _) = try walk.next() {
                if expected >= sorted.count || term != sorted[expected] { mismatches += 1 }
                expected += 1
                guard Int.random(in: 0..<3, using: &generator) == 0 else { continue }
                let cut = Int.random(in: 5...term.count, using: &generator)
                try walk.skip(pastPrefix: term[..<cut])
                while expected < sorted.count, sorted[expected].starts(with: term[..<cut]) { expected += 1 }
            }
            #expect(mismatches == 0 && expected >= sorted.count, "skip(pastPrefix:)")
        }
        // Seeking to a bound (a term itself, one byte off it, a prefix of it, it extended, or
        // one before the term last returned) from anywhere, against the sorted list, the
        // entries landed on decoded whole.
        for _ in 0..<20 {
            var walk = try reader.terms(in: .body)
            var index = -1
            var mismatches = 0
            while try walk.moveToNext() {
                index += 1
                if index >= sorted.count || walk.withCurrentTerm({ Array($0) }) != sorted[index] || walk.currentInfo != infos[index] {
                    mismatches += 1
                }
                guard Int.random(in: 0..<3, using: &generator) == 0 else { continue }
                var bound = sorted[Int.random(in: max(0, index - 3)..<min(sorted.count, index + 80), using: &generator)]
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: break
                case 1: bound[bound.count - 1] &+= UInt8.random(in: 0...1, using: &generator) == 0 ? 1 : 255
                case 2: bound = Array(bound.prefix(Int.random(in: 1...bound.count, using: &generator)))
                case 3: bound.append(UInt8.random(in: 0...255, using: &generator))
                default: bound = Array("term".utf8)
                }
                try walk.seek(atLeast: bound)
                // The next term returned is the first after the current one at or after the bound.
                var next = index + 1
                while next < sorted.count, sorted[next].lexicographicallyPrecedes(bound) { next += 1 }
                index = next - 1
            }
            #expect(mismatches == 0 && index == sorted.count - 1, "seek(atLeast:)")
        }
    }

    @Test func manifestRoundTripAndChecksum() throws {
        let directory = TemporaryDirectory()
        var manifest = Manifest(settings: AnalysisSettings(language: Language.parse("fr").language, foldDiacritics: false, stopWords: true))
        manifest.generation = 12
        manifest.nextSegment = 40
        manifest.segments = [SegmentInfo(name: "s000039", id: .random(), documentCount: 1234, deletedCount: 5, deletesGeneration: 3,
                                          fileSizes: [.terms: 100, .postings: 200, .deletes: 64])]
        try manifest.commit(directory: directory.path)
        #expect(try Manifest.read(directory: directory.path) == manifest)
        // One flipped byte anywhere is caught.
        var bytes = [UInt8](FileManager.default.contents(atPath: directory.file("MANIFEST"))!)
        bytes[bytes.count / 2] ^= 0x40
        #expect(FileManager.default.createFile(atPath: directory.file("MANIFEST"), contents: Data(bytes)))
        #expect(throws: IndexError.self) { try Manifest.read(directory: directory.path) }
    }

    @Test func isoDates() {
        #expect(ISODate.seconds("1970-01-01") == 0)
        #expect(ISODate.seconds("2024-03-12") == 1_710_201_600)
        #expect(ISODate.seconds("2024-03-12T10:30:00Z") == Int64(1_710_239_400))
        #expect(ISODate.seconds("2024-03-12T10:30:00+01:00") == Int64(1_710_235_800))
        #expect(ISODate.seconds("2024-02-29") != nil)
        #expect(ISODate.seconds("2023-02-29") == nil)
        #expect(ISODate.seconds("2024") == 1_704_067_200)
        #expect(ISODate.seconds("12 March 2024") == nil)
        #expect(ISODate.seconds("1900-01-01")! < 0)
    }
}
