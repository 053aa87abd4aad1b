import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCore

/// The column codec (`.cols`): written with `ColumnsWriter`, read with `ColumnsReader`, checked
/// against plain arrays of each document's values on seeded random data; merged with deletes;
/// damaged without a trap; and its size on day dates and few keywords.
@Suite struct ColumnsFormatTests {
    /// What a column should hold: each document's values as added (in any order, repeats kept).
    enum Model {
        case numeric([[Int64]])
        case keyword([[[UInt8]]])

        var documentCount: Int {
            switch self {
            case .numeric(let documents): return documents.count
            case .keyword(let documents): return documents.count
            }
        }

        /// Each document's values as a column returns them: numerics sorted, keywords sorted by
        /// bytes without repeats.
        var expected: Expected {
            switch self {
            case .numeric(let documents): return .numeric(documents.map { $0.sorted() })
            case .keyword(let documents):
                return .keyword(documents.map { Array(Set($0)).sorted { $0.lexicographicallyPrecedes($1) } })
            }
        }
    }

    enum Expected {
        case numeric([[Int64]])
        case keyword([[[UInt8]]])
    }

    // MARK: Writing and reading

    /// Adds `models` (by field number) to a writer, each document's values in a shuffled order.
    private func writer(_ models: [UInt8: Model], _ generator: inout SeededGenerator) -> ColumnsWriter {
        var writer = ColumnsWriter()
        for (field, model) in models.sorted(by: { $0.key < $1.key }) {
            switch model {
            case .numeric(let documents):
                writer.declare(field: field, kind: .numeric)
                for (doc, values) in documents.enumerated() {
                    for value in values.shuffled(using: &generator) { writer.addNumeric(field: field, doc: doc, value: value) }
                }
            case .keyword(let documents):
                writer.declare(field: field, kind: .keyword)
                for (doc, values) in documents.enumerated() {
                    for value in values.shuffled(using: &generator) {
                        value.withUnsafeBytes { _ = writer.addKeyword(field: field, doc: doc, value: $0) }
                    }
                }
            }
        }
        return writer
    }

    /// Writes `writer` as `name` in `directory` (replacing a file of that name); returns the
    /// path and the file's size.
    private func write(_ writer: borrowing ColumnsWriter, documentCount: Int, _ directory: TemporaryDirectory,
                       _ name: String = "s.cols") throws -> (path: String, size: Int) {
        let path = directory.file(name)
        let size = try writer.write(documentCount: documentCount, to: FileWriter(path: path, kind: .columns, segment: .zero, mode: .truncate))
        return (path, size)
    }

    private func open(_ path: String, documentCount: Int, verifyChecksum: Bool = true) throws(IndexError) -> ColumnsReader {
        try ColumnsReader(file: MappedFile(path: path), segment: .zero, documentCount: documentCount, verifyChecksum: verifyChecksum)
    }

    /// Every document's values, first value, block ranges and the column's bounds of `field`
    /// equal the model's.
    private func check(_ reader: ColumnsReader, field: UInt8, _ expected: Expected, _ context: String) {
        switch expected {
        case .numeric(let documents):
            guard let column = reader.numeric(field) else {
                Issue.record("\(context): no numeric column \(field)")
                return
            }
            #expect(reader.keyword(field) == nil)
            var mismatches = 0
            for (doc, values) in documents.enumerated() {
                var read: [Int64] = []
                column.forEach(doc) { read.append($0) }
                if read != values || column.first(doc) != values.first {
                    if mismatches == 0 { Issue.record("\(context): document \(doc) reads \(read), expected \(values)") }
                    mismatches += 1
                }
            }
            #expect(mismatches == 0, "\(context)")
            #expect(column.first(documents.count) == nil)
            checkBlocks(column, documents, context)
        case .keyword(let documents):
            guard let column = reader.keyword(field) else {
                Issue.record("\(context): no keyword column \(field)")
                return
            }
            #expect(reader.numeric(field) == nil)
            let dictionary = Array(Set(documents.joined())).sorted { $0.lexicographicallyPrecedes($1) }
            #expect(column.valueCount == dictionary.count, "\(context)")
            for (ordinal, value) in dictionary.enumerated() where ordinal < column.valueCount {
                #expect(Array(column.value(ordinal)) == value, "\(context): ordinal \(ordinal)")
                #expect(value.withUnsafeBytes { column.ordinal(of: $0) } == ordinal, "\(context): \(value)")
            }
            var mismatches = 0
            var ordinals: [[Int64]] = []
            for (doc, values) in documents.enumerated() {
                var read: [Int] = []
                column.forEach(doc) { read.append($0) }
                ordinals.append(read.map(Int64.init))
                let readValues = read.map { Array(column.value($0)) }
                if readValues != values || column.first(doc) != read.first || (read.first == nil) != values.isEmpty {
                    if mismatches == 0 { Issue.record("\(context): document \(doc) reads \(readValues), expected \(values)") }
                    mismatches += 1
                }
            }
            #expect(mismatches == 0, "\(context)")
            checkBlocks(column.ordinals, ordinals, context)
        }
    }

    /// Block ranges and the column's bounds against each document's values.
    private func checkBlocks(_ column: NumericColumn, _ documents: [[Int64]], _ context: String) {
        #expect(column.blockSize == 1 << ColumnsFormat.blockShift)
        let blocks = (documents.count + column.blockSize - 1) / column.blockSize
        for block in 0..<blocks {
            let values = documents[(block * column.blockSize)..<min(documents.count, (block + 1) * column.blockSize)].joined()
            let expected = values.min().map { $0...(values.max() ?? $0) }
            #expect(column.blockRange(block) == expected, "\(context): block \(block)")
        }
        #expect(column.blockRange(blocks) == nil)
        #expect(column.blockRange(-1) == nil)
        #expect(column.minimum == documents.joined().min(), "\(context)")
        #expect(column.maximum == documents.joined().max(), "\(context)")
    }

    /// Writes `models`, reads them back and checks every column.
    private func roundTrip(_ models: [UInt8: Model], documentCount: Int, _ generator: inout SeededGenerator, _ context: String) throws {
        let directory = TemporaryDirectory()
        let writer = writer(models, &generator)
        let (path, _) = try write(writer, documentCount: documentCount, directory)
        let reader = try open(path, documentCount: documentCount)
        #expect(reader.fields.map(\.field) == models.keys.sorted(), "\(context)")
        for (field, model) in models { check(reader, field: field, model.expected, "\(context), field \(field)") }
    }

    // MARK: Random data

    /// How a numeric column's values are drawn.
    enum Values: CaseIterable {
        case small, full, extremes, negative, days, equal

        func next(_ generator: inout SeededGenerator) -> Int64 {
            switch self {
            case .small: return Int64.random(in: 0..<1000, using: &generator)
            case .full: return Int64(bitPattern: generator.next())
            case .extremes: return Bool.random(using: &generator) ? .min : .max
            case .negative: return Int64.random(in: -1_000_000_000 ... -1, using: &generator)
            case .days: return 1_704_067_200 + 86_400 * Int64.random(in: -3...730, using: &generator)
            case .equal: return -42
            }
        }
    }

    /// Per document: no value with probability `none`, else one, or with probability `many`
    /// two to six (drawn by `draw`).
    private func documents<T>(_ count: Int, none: Double, many: Double, _ generator: inout SeededGenerator,
                              _ draw: (inout SeededGenerator) -> T) -> [[T]] {
        (0..<count).map { _ in
            let roll = Double.random(in: 0..<1, using: &generator)
            if roll < none { return [] }
            let n = roll < none + many ? Int.random(in: 2...6, using: &generator) : 1
            return (0..<n).map { _ in draw(&generator) }
        }
    }

    private static let counts = [0, 1, 2, 511, 512, 513, 1024, 1025, 1537]

    @Test func numericColumnsRoundTrip() throws {
        var generator = SeededGenerator(seed: 13)
        // One file per document count, a column for each kind of values and density.
        for count in Self.counts + [Int.random(in: 2...3000, using: &generator)] {
            var models: [UInt8: Model] = [:]
            for values in Values.allCases {
                for (none, many) in [(0.0, 0.0), (0.3, 0.0), (0.0, 0.2), (0.4, 0.3), (1.0, 0.0)] {
                    let documents = documents(count, none: none, many: many, &generator) { values.next(&$0) }
                    models[UInt8(models.count)] = .numeric(documents)
                }
            }
            try roundTrip(models, documentCount: count, &generator, "\(count) documents")
        }
    }

    @Test func keywordColumnsRoundTrip() throws {
        var generator = SeededGenerator(seed: 14)
        for distinct in [1, 2, 5, 300] {
            // Values of 0 to 12 bytes (one in 300 of them empty), some sharing prefixes.
            let pool = (0..<distinct).map { i in
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in UInt8.random(in: 97...100, using: &generator) } + (i % 3 == 0 ? [] : [UInt8(i % 256)])
            }
            for count in Self.counts {
                var models: [UInt8: Model] = [:]
                for (none, many) in [(0.0, 0.0), (0.3, 0.0), (0.1, 0.3), (1.0, 0.0)] {
                    let documents = documents(count, none: none, many: many, &generator) { pool.randomElement(using: &$0)! }
                    models[UInt8(3 * models.count)] = .keyword(documents)
                }
                try roundTrip(models, documentCount: count, &generator, "\(distinct) values, \(count) documents")
            }
        }
    }

    @Test func keywordOrdinalOfAbsentValues() throws {
        var generator = SeededGenerator(seed: 15)
        let present: [[UInt8]] = [Array("bbc".utf8), Array("reuters".utf8), Array("ap".utf8), []]
        let documents = (0..<700).map { _ in [present.randomElement(using: &generator)!] }
        let directory = TemporaryDirectory()
        let (path, _) = try write(writer([0: .keyword(documents)], &generator), documentCount: 700, directory)
        let column = try #require(try open(path, documentCount: 700).keyword(0))
        for absent in ["a", "apx", "b", "bbc ", "bb", "zzz", "reuter", "\u{0}"] {
            #expect(Array(absent.utf8).withUnsafeBytes { column.ordinal(of: $0) } == nil, "\(absent)")
        }
        #expect([UInt8]().withUnsafeBytes { column.ordinal(of: $0) } == 0)
    }

    @Test func manyColumnsInOneFile() throws {
        var generator = SeededGenerator(seed: 16)
        let count = 1300
        var models: [UInt8: Model] = [:]
        for field in [0, 1, 2, 9, 200, 255] as [UInt8] {
            models[field] = field % 2 == 0
                ? .numeric(documents(count, none: 0.2, many: 0.1, &generator) { Values.days.next(&$0) })
                : .keyword(documents(count, none: 0.2, many: 0.1, &generator) { [UInt8.random(in: 0...20, using: &$0)] })
        }
        // Declared, never given a value.
        models[100] = .numeric([[Int64]](repeating: [], count: count))
        models[101] = .keyword([[[UInt8]]](repeating: [], count: count))
        try roundTrip(models, documentCount: count, &generator, "many columns")
    }

    /// The example of docs/FORMAT.md, Columns, byte for byte.
    @Test func theDocumentedExample() throws {
        var writer = ColumnsWriter()
        writer.addNumeric(field: 4, doc: 0, value: 1_704_067_200)
        writer.addNumeric(field: 4, doc: 2, value: 1_704_240_000)
        let directory = TemporaryDirectory()
        let (path, _) = try write(writer, documentCount: 3, directory)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let body = bytes[FileFormat.headerSize..<(bytes.count - FileFormat.footerSize)]
        let expected: [UInt8] = [0x01, 0x04, 0x00, 0x09, 0x03, 0x00, 0x00, 0x00, 0x00, 0xa3, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                 0x80, 0x00, 0x92, 0x65, 0x00, 0x00, 0x00, 0x00, 0x01] + [UInt8](repeating: 0, count: 23)
            + [0x02, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21]
        #expect(Array(body) == expected)
    }

    @Test func noColumns() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try write(ColumnsWriter(), documentCount: 10, directory)
        let reader = try open(path, documentCount: 10)
        #expect(reader.fields.isEmpty)
        #expect(reader.numeric(0) == nil)
    }

    @Test func documentCountMustMatch() throws {
        var generator = SeededGenerator(seed: 17)
        let directory = TemporaryDirectory()
        let (path, _) = try write(writer([1: .numeric([[1], [2]])], &generator), documentCount: 2, directory)
        #expect(throws: IndexError.self) { try open(path, documentCount: 3) }
    }

    // MARK: WideBitPacking

    @Test func widePackingRoundTripsEveryWidth() {
        var generator = SeededGenerator(seed: 28)
        for width in 0...64 {
            for count in [1, 2, 7, 8, 9, 63, 64, 65, 300] {
                let values = (0..<count).map { _ in generator.next() & WideBitPacking.mask(width) }
                var stream = ByteStream()
                stream.append(0x5A)
                values.withUnsafeBufferPointer { WideBitPacking.append($0, width: width, to: &stream) }
                #expect(stream.count == 1 + WideBitPacking.byteCount(count, width: width)!)
                // The 8 readable bytes past the end every file's footer guarantees.
                let bytes = Array(stream.bytes) + [UInt8](repeating: 0xFF, count: 8)
                let read = bytes.withUnsafeBytes { raw in
                    (0..<count).map { WideBitPacking.value(raw.baseAddress! + 1, at: $0, width: width) }
                }
                #expect(read == values, "width \(width), \(count) values")
            }
        }
        #expect(WideBitPacking.byteCount(Int.max / 2, width: 64) == nil)
        #expect(WideBitPacking.byteCount(1, width: 65) == nil)
    }

    // MARK: SortableDouble

    @Test func sortableDoublesRoundTripAndKeepOrder() {
        var generator = SeededGenerator(seed: 18)
        var doubles: [Double] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, 1, -1]
        while doubles.count < 20_000 {
            let value = Bool.random(using: &generator)
                ? Double(bitPattern: generator.next())
                : Double.random(in: -1e6...1e6, using: &generator)
            if !value.isNaN { doubles.append(value) }
        }
        for value in doubles {
            #expect(SortableDouble.value(SortableDouble.bits(value)).bitPattern == value.bitPattern, "\(value)")
        }
        let byBits = doubles.sorted { SortableDouble.bits($0) < SortableDouble.bits($1) }
        for (a, b) in zip(byBits, byBits.dropFirst()) {
            #expect(a <= b, "\(a) sorts before \(b)")
            if a == b && a.bitPattern != b.bitPattern { #expect(a.sign == .minus && b.sign == .plus, "-0.0 before +0.0") }
        }
        #expect(SortableDouble.bits(-0.0) < SortableDouble.bits(0.0))
        #expect(SortableDouble.bits(-.infinity) < SortableDouble.bits(-.greatestFiniteMagnitude))
        #expect(SortableDouble.bits(.infinity) > SortableDouble.bits(.greatestFiniteMagnitude))
    }

    // MARK: Merging

    @Test func mergeKeepsLiveDocumentsInOrder() throws {
        var generator = SeededGenerator(seed: 19)
        let directory = TemporaryDirectory()
        let pool = (0..<40).map { Array("value-\($0)".utf8) }
        for round in 0..<6 {
            var readers: [ColumnsReader] = []
            var maps: [[Int32]] = []
            var merged: [UInt8: Model] = [5: .numeric([]), 6: .keyword([])]
            var next: Int32 = 0
            for segment in 0..<Int.random(in: 1...4, using: &generator) {
                let count = [0, 1, 700, 1100].randomElement(using: &generator)!
                var models: [UInt8: Model] = [
                    5: .numeric(documents(count, none: 0.3, many: 0.2, &generator) { Values.full.next(&$0) }),
                    // Segment 0 has no keyword column (the field is newer than it).
                    6: .keyword(documents(count, none: 0.3, many: 0.2, &generator) { pool.randomElement(using: &$0)! }),
                ]
                if segment == 0 && round % 2 == 0 { models[6] = nil }
                let name = "r\(round)s\(segment).cols"
                let (path, _) = try write(writer(models, &generator), documentCount: count, directory, name)
                readers.append(try open(path, documentCount: count))
                let deleteRate = Double.random(in: 0...0.6, using: &generator)
                let map = (0..<count).map { _ in
                    guard Double.random(in: 0..<1, using: &generator) >= deleteRate else { return Int32(-1) }
                    defer { next += 1 }
                    return next
                }
                maps.append(map)
                for (field, model) in models {
                    switch (model, merged[field]) {
                    case (.numeric(let documents), .numeric(let target)?):
                        merged[field] = .numeric(target + documents.indices.filter { map[$0] >= 0 }.map { documents[$0] })
                    case (.keyword(let documents), .keyword(let target)?):
                        merged[field] = .keyword(target + documents.indices.filter { map[$0] >= 0 }.map { documents[$0] })
                    default: Issue.record("model kinds")
                    }
                }
                if models[6] == nil, case .keyword(let target)? = merged[6] {
                    merged[6] = .keyword(target + [[[UInt8]]](repeating: [], count: map.filter { $0 >= 0 }.count))
                }
            }
            // A field no segment has is not in the merged segment either.
            if readers.allSatisfy({ $0.keyword(6) == nil }) { merged[6] = nil }
            let path = directory.file("r\(round).cols")
            _ = try ColumnsWriter.writeMerged(readers, maps: maps, documentCount: Int(next),
                                              to: FileWriter(path: path, kind: .columns, segment: .zero))
            let reader = try open(path, documentCount: Int(next))
            #expect(reader.fields.map(\.field) == merged.keys.sorted(), "merge round \(round)")
            for (field, model) in merged { check(reader, field: field, model.expected, "merge round \(round), field \(field)") }
        }
    }

    @Test func mergeRefusesAFieldOfTwoKinds() throws {
        var generator = SeededGenerator(seed: 20)
        let directory = TemporaryDirectory()
        let a = try write(writer([1: .numeric([[1]])], &generator), documentCount: 1, directory, "a.cols")
        let b = try write(writer([1: .keyword([[[1]]])], &generator), documentCount: 1, directory, "b.cols")
        let readers = [try open(a.path, documentCount: 1), try open(b.path, documentCount: 1)]
        let merged = try FileWriter(path: directory.file("ab.cols"), kind: .columns, segment: .zero)
        #expect(throws: IndexError.self) { _ = try ColumnsWriter.writeMerged(readers, maps: [[0], [1]], documentCount: 2, to: merged) }
    }

    // MARK: Damage

    /// A file of a numeric and a keyword column, multi-valued and with documents without values,
    /// over three blocks; its bytes.
    private func sampleFile(_ directory: TemporaryDirectory, _ generator: inout SeededGenerator) throws -> [UInt8] {
        let models: [UInt8: Model] = [
            0: .numeric(documents(1100, none: 0.3, many: 0.2, &generator) { Values.days.next(&$0) }),
            1: .keyword(documents(1100, none: 0.3, many: 0.2, &generator) { [UInt8.random(in: 0...30, using: &$0)] }),
            2: .numeric(documents(1100, none: 0.0, many: 0.0, &generator) { Values.full.next(&$0) }),
        ]
        let (path, _) = try write(writer(models, &generator), documentCount: 1100, directory, "sample.cols")
        return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes `body` in a valid envelope (so `verifyChecksum: false` reaches the structure), as
    /// `FileWriter` would but without its `fsync` (nor Foundation's, as slow), and as a new file,
    /// not over the last one (ext4 writes a file truncated and rewritten out at once, and
    /// mapping it waits for that): a thousand cases stay fast.
    private func envelope(_ body: ArraySlice<UInt8>, _ directory: TemporaryDirectory) throws -> String {
        var bytes = FileFormat.magic + Array(FileFormat.Kind.columns.rawValue.utf8)
        withUnsafeBytes(of: FileFormat.version.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 16))
        body.withUnsafeBytes { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: FileFormat.footerMagic)
        let crc = bytes.withUnsafeBytes { Checksum.crc32c($0) }
        withUnsafeBytes(of: crc.littleEndian) { bytes.append(contentsOf: $0) }
        let path = directory.file("damaged-\(UUID().uuidString).cols")
        let file = try #require(fopen(path, "wb"))
        defer { fclose(file) }
        #expect(bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) } == bytes.count)
        return path
    }

    /// Opens `path`; when it opens, reads every value of every column and checks that each is in
    /// its block's range (keyword ordinals in the dictionary). Returns whether it opened.
    private func readAll(_ path: String, documentCount: Int, verifyChecksum: Bool) -> Bool {
        let reader: ColumnsReader
        do {
            reader = try open(path, documentCount: documentCount, verifyChecksum: verifyChecksum)
        } catch {
            #expect("\(error)".contains("/damaged-"), "\(error)")
            return false
        }
        for (field, kind) in reader.fields {
            let column: NumericColumn
            var valueCount = Int.max
            switch kind {
            case .numeric: column = reader.numeric(field)!
            case .keyword:
                let keyword = reader.keyword(field)!
                column = keyword.ordinals
                valueCount = keyword.valueCount
            }
            for doc in 0..<documentCount {
                let range = column.blockRange(doc / column.blockSize)
                var count = 0
                column.forEach(doc) { value in
                    count += 1
                    if range?.contains(value) != true || value >= valueCount { Issue.record("value \(value) outside \(String(describing: range))") }
                    if kind == .keyword, value >= 0, value < valueCount { _ = reader.keyword(field)!.value(Int(value)) }
                }
                if let first = column.first(doc), range?.contains(first) != true { Issue.record("first \(first) outside") }
                if count > 0, range == nil { Issue.record("values in an empty block") }
            }
        }
        return true
    }

    @Test func flippedBytesNeverTrap() throws {
        var generator = SeededGenerator(seed: 21)
        let directory = TemporaryDirectory()
        let bytes = try sampleFile(directory, &generator)
        let body = FileFormat.headerSize..<(bytes.count - FileFormat.footerSize)
        var opened = 0
        for trial in 0..<1000 {
            var damaged = bytes[body]
            for _ in 0..<(trial % 3 + 1) {
                let offset = Int.random(in: body, using: &generator)
                // The block table and headers (the first 2 KB of each column) most of the time.
                let index = trial % 2 == 0 ? offset : min(body.upperBound - 1, body.lowerBound + offset % 2048)
                damaged[index] ^= UInt8.random(in: 1...255, using: &generator)
            }
            if readAll(try envelope(damaged, directory), documentCount: 1100, verifyChecksum: false) { opened += 1 }
        }
        print("columns: 1000 damaged files, \(opened) opened and read in-range values, \(1000 - opened) refused")
    }

    @Test func truncatedBodiesNeverTrap() throws {
        var generator = SeededGenerator(seed: 22)
        let directory = TemporaryDirectory()
        let bytes = try sampleFile(directory, &generator)
        let body = FileFormat.headerSize..<(bytes.count - FileFormat.footerSize)
        for end in stride(from: body.lowerBound, to: body.upperBound, by: 7) {
            #expect(!readAll(try envelope(bytes[body.lowerBound..<end], directory), documentCount: 1100, verifyChecksum: false))
        }
        // A byte too many is refused as well.
        #expect(!readAll(try envelope(bytes[body] + [0], directory), documentCount: 1100, verifyChecksum: false))
    }

    @Test func checksumCatchesEveryFlip() throws {
        var generator = SeededGenerator(seed: 23)
        let directory = TemporaryDirectory()
        let bytes = try sampleFile(directory, &generator)
        for _ in 0..<200 {
            var damaged = bytes
            damaged[Int.random(in: FileFormat.headerSize..<(bytes.count - 8), using: &generator)] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            let path = directory.write("damaged.cols", bytes: damaged)
            #expect(throws: IndexError.self) { try open(path, documentCount: 1100, verifyChecksum: true) }
        }
    }

    /// Offset in the file of column 0's first block entry (a numeric column).
    private let firstEntry = FileFormat.headerSize + 1 + 1 + 1 + 1 + 4 + 8

    /// A one-column file of 600 numeric values, with `patch` applied to its bytes.
    private func patched(_ directory: TemporaryDirectory, values: [Int64], _ patch: (inout [UInt8]) -> Void) throws -> String {
        var generator = SeededGenerator(seed: 24)
        let (path, _) = try write(writer([0: .numeric(values.map { [$0] })], &generator), documentCount: values.count, directory)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        patch(&bytes)
        return try envelope(bytes[FileFormat.headerSize..<(bytes.count - FileFormat.footerSize)], directory)
    }

    private func store(_ value: UInt64, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + 8), with: $0) }
    }

    @Test func blockRangeThatOverflowsIsRefused() throws {
        let directory = TemporaryDirectory()
        let values = (0..<600).map { Int64($0) }
        // min Int64.max with a span of 1: the block's largest value would be past Int64.max.
        let path = try patched(directory, values: values) { store(UInt64(Int64.max), at: firstEntry, in: &$0) }
        #expect(!readAll(path, documentCount: 600, verifyChecksum: false))
        // A span times the gcd (2) past 2^64.
        let wide = try patched(directory, values: values.map { $0 * 2 }) { store(UInt64.max / 2 + 1, at: firstEntry + 8, in: &$0) }
        #expect(!readAll(wide, documentCount: 600, verifyChecksum: false))
    }

    @Test func ordinalsPastTheDictionaryAreRefused() throws {
        var generator = SeededGenerator(seed: 27)
        let directory = TemporaryDirectory()
        let documents = (0..<600).map { [[UInt8]($0 % 2 == 0 ? "a".utf8 : "b".utf8)] }
        let (path, _) = try write(writer([0: .keyword(documents)], &generator), documentCount: 600, directory)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        // The dictionary: 2 values, their ends, "ab"; then the first entry. Span 5: ordinals up to 5 of 2.
        store(5, at: firstEntry + 4 + 8 + 2 + 8, in: &bytes)
        let damaged = try envelope(bytes[FileFormat.headerSize..<(bytes.count - FileFormat.footerSize)], directory)
        #expect(!readAll(damaged, documentCount: 600, verifyChecksum: false))
    }

    @Test func fullRangeBlocksRoundTrip() throws {
        // min Int64.min, span 2^64 - 1, documents with and without values: the range needs all
        // 64 bits and the none marker does not fit, so the block stores starts.
        var generator = SeededGenerator(seed: 25)
        var documents: [[Int64]] = (0..<600).map { $0 % 3 == 0 ? [] : [Int64(bitPattern: generator.next())] }
        documents[1] = [.min]
        documents[2] = [.max]
        try roundTrip([0: .numeric(documents)], documentCount: 600, &generator, "full range with gaps")
    }

    @Test func valueOffsetPastTheDataIsRefused() throws {
        let directory = TemporaryDirectory()
        let path = try patched(directory, values: (0..<600).map { Int64($0) }) { store(1 << 40, at: firstEntry + 16, in: &$0) }
        #expect(!readAll(path, documentCount: 600, verifyChecksum: false))
    }

    // MARK: Size

    /// Bytes per document of one column: the file's size less that of a file without columns.
    private func bytesPerDocument(_ model: Model, _ generator: inout SeededGenerator) throws -> Double {
        let directory = TemporaryDirectory()
        let count = model.documentCount
        let (_, empty) = try write(ColumnsWriter(), documentCount: count, directory, "empty.cols")
        let (path, size) = try write(writer([0: model], &generator), documentCount: count, directory)
        try roundTrip([0: model], documentCount: count, &generator, "size sample")
        _ = try open(path, documentCount: count)
        return Double(size - empty) / Double(count)
    }

    @Test func dayDatesAndFewKeywordsTakeAtMostTwoBytesADocument() throws {
        var generator = SeededGenerator(seed: 26)
        let count = 20_000
        let start: Int64 = 1_704_067_200 // 2024-01-01
        let day = { (g: inout SeededGenerator) in start + 86_400 * Int64.random(in: 0..<730, using: &g) }
        let dates = try bytesPerDocument(.numeric((0..<count).map { _ in [day(&generator)] }), &generator)
        let sparseDates = try bytesPerDocument(.numeric(documents(count, none: 0.05, many: 0, &generator, day)), &generator)
        let sources: [[UInt8]] = [Array("bbc".utf8), Array("reuters".utf8)]
        let keywords = try bytesPerDocument(.keyword((0..<count).map { _ in [sources.randomElement(using: &generator)!] }), &generator)
        let bothKeywords = try bytesPerDocument(.keyword((0..<count).map { _ in sources }), &generator)
        print(String(format: "columns, 20000 documents: day dates over 2 years %.3f bytes/document (5%% without a date %.3f); "
            + "a keyword of 2 values %.3f; both values in every document %.3f", dates, sparseDates, keywords, bothKeywords))
        #expect(dates <= 2)
        #expect(sparseDates <= 2)
        #expect(keywords <= 2)
    }
}
