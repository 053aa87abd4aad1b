/// Collects a segment's column values in document order (the builder and the merger use it) and
/// writes them as a `.cols` file (see `ColumnsFormat`): per column, blocks of 512 documents, each
/// with its smallest value and span, frame of reference with the column's GCD, single-valued
/// blocks without per-document offsets and with a none marker only when some document lacks a
/// value.
struct ColumnsWriter: ~Copyable {
    private typealias Flag = ColumnsFormat.Flag

    /// The columns, indexed by field number (an array, not a dictionary: the builder looks a
    /// column up for every value).
    private var columns = [ColumnValues?](repeating: nil, count: Int(UInt8.max) + 1)

    /// A writer without columns.
    init() {}

    /// Bytes held, for the writer's memory budget.
    var memoryBytes: Int { columns.reduce(0) { $0 + ($1?.memoryBytes ?? 0) } }

    /// Declares a column, with no values yet, so that an empty column still exists with its kind.
    mutating func declare(field: UInt8, kind: ColumnKind) { _ = column(field, kind) }

    /// Adds a value of document `doc` to numeric column `field`; each column's documents come
    /// in non-decreasing order.
    mutating func addNumeric(field: UInt8, doc: Int, value: Int64) {
        column(field, .numeric).append(doc: doc, value: value)
    }

    /// Adds a value of document `doc` to keyword column `field` and returns its keyword id (ids
    /// count up from 0 in the order values are first seen); each column's documents come in
    /// non-decreasing order.
    @discardableResult
    mutating func addKeyword(field: UInt8, doc: Int, value: UnsafeRawBufferPointer) -> Int {
        let column = column(field, .keyword)
        let id = column.intern(value)
        column.append(doc: doc, value: id)
        return Int(id)
    }

    /// The column of `field`, created when new; it must be of `kind`. The merger appends to it
    /// directly.
    mutating func column(_ field: UInt8, _ kind: ColumnKind) -> ColumnValues {
        if let column = columns[Int(field)] {
            precondition(column.kind == kind, "column \(field) is \(column.kind), not \(kind)")
            return column
        }
        let column = ColumnValues(kind: kind)
        columns[Int(field)] = column
        return column
    }

    /// Writes the columns of a segment of `documentCount` documents (every document added must
    /// be below it) and finishes the file; returns its size. The columns are sorted in place to
    /// be written and take no values afterwards.
    func write(documentCount: Int, to file: FileWriter) throws(IndexError) -> Int {
        try Self.writeStart(columnCount: columns.count { $0 != nil }, documentCount: documentCount, to: file)
        for (number, column) in columns.enumerated() {
            guard let column else { continue }
            try Self.writeColumn(column, field: UInt8(number), documentCount: documentCount, to: file)
        }
        return try file.finish()
    }

    /// Starts a `.cols` file of `columnCount` columns over `documentCount` documents; the
    /// columns follow (`writeColumn`), in increasing field number. A merge writes its columns
    /// one at a time this way, holding one column's values at once.
    static func writeStart(columnCount: Int, documentCount: Int, to file: FileWriter) throws(IndexError) {
        guard documentCount <= Int(UInt32.max) else {
            throw .invalidArgument("\(file.path): \(documentCount) documents, more than a column holds")
        }
        file.writeVInt(columnCount)
    }

    /// Writes one column, of `field`, of a file `writeStart` began.
    static func writeColumn(_ column: ColumnValues, field: UInt8, documentCount: Int, to file: FileWriter) throws(IndexError) {
        let (documents, values, dictionary) = column.sortForWriting()
        precondition(documents.last.map { Int($0) < documentCount } ?? true, "column \(field) has a document past the segment")
        let gcd = Self.gcd(values)
        file.withBuffer { out in
            out.append(field)
            out.append(column.kind.rawValue)
            out.append(UInt8(ColumnsFormat.blockShift))
            out.appendUInt32(UInt32(documentCount))
            out.appendUInt64(gcd)
        }
        if column.kind == .keyword { try writeDictionary(dictionary, of: column, to: file) }
        var data = ByteStream(capacity: 1 << 12)
        Self.encodeBlocks(documents: documents, values: values, documentCount: documentCount, gcd: gcd,
                          to: file, data: &data)
        file.writeUInt64(UInt64(data.count))
        file.write(data)
    }

    /// Writes a keyword column's dictionary: its values' ends, then their bytes, in ordinal order.
    private static func writeDictionary(_ dictionary: [Int32], of column: ColumnValues, to file: FileWriter) throws(IndexError) {
        var end = 0
        file.writeUInt32(UInt32(dictionary.count))
        for id in dictionary {
            end += column.bytes(of: id).count
            guard end <= Int(UInt32.max) else {
                throw .invalidArgument("\(file.path): a column's keyword values take more than 4 GB")
            }
            file.writeUInt32(UInt32(end))
        }
        for id in dictionary { file.write(column.bytes(of: id)) }
    }

    /// The greatest common divisor of every value's distance from the smallest (1 when all are equal).
    private static func gcd(_ values: UnsafeBufferPointer<Int64>) -> UInt64 {
        guard let low = values.min() else { return 1 }
        var divisor: UInt64 = 0
        for value in values {
            var a = UInt64(bitPattern: value &- low)
            var b = divisor
            while b != 0 { (a, b) = (b, a % b) }
            divisor = a
            if divisor == 1 { break }
        }
        return max(divisor, 1)
    }

    /// Writes each block's entry to `file` and its packed values to `data`. `values` are grouped
    /// by document (`documents` holds each one's document), ascending within a document.
    private static func encodeBlocks(documents: UnsafeBufferPointer<UInt32>, values: UnsafeBufferPointer<Int64>, documentCount: Int, gcd: UInt64,
                                     to file: FileWriter, data: inout ByteStream) {
        let size = 1 << ColumnsFormat.blockShift
        var next = 0
        var packed: [UInt64] = []
        for first in stride(from: 0, to: documentCount, by: size) {
            let end = min(first + size, documentCount)
            let start = next
            while next < documents.count && Int(documents[next]) < end { next += 1 }
            guard next > start, let low = values[start..<next].min(), let high = values[start..<next].max() else {
                writeEntry(minimum: 0, span: 0, values: data.count, starts: 0, width: 0, startsWidth: 0,
                           flags: Flag.empty | Flag.missing, to: file)
                continue
            }
            let span = UInt64(bitPattern: high &- low) / gcd
            let offset = { (i: Int) in UInt64(bitPattern: values[i] &- low) / gcd }
            var distinct = 1
            for i in (start + 1)..<next where documents[i] != documents[i - 1] { distinct += 1 }
            let multiValued = distinct < next - start
            let missing = distinct < end - first
            // A block of 2^64 values and documents without any: no none marker left, so starts.
            if !multiValued && !(missing && span == .max) {
                let shift: UInt64 = missing ? 1 : 0
                packed = [UInt64](repeating: 0, count: end - first)
                for i in start..<next { packed[Int(documents[i]) - first] = offset(i) + shift }
                let width = WideBitPacking.width(of: span + shift)
                writeEntry(minimum: low, span: span, values: data.count, starts: 0, width: width, startsWidth: 0,
                           flags: missing ? Flag.missing : 0, to: file)
                packed.withUnsafeBufferPointer { WideBitPacking.append($0, width: width, to: &data) }
                continue
            }
            packed = [UInt64](repeating: 0, count: end - first + 1)
            for i in start..<next { packed[Int(documents[i]) - first + 1] += 1 }
            for i in 0..<(end - first) { packed[i + 1] += packed[i] }
            let startsOffset = data.count
            let startsWidth = WideBitPacking.width(of: UInt64(next - start))
            packed.withUnsafeBufferPointer { WideBitPacking.append($0, width: startsWidth, to: &data) }
            packed = (start..<next).map(offset)
            let width = WideBitPacking.width(of: span)
            writeEntry(minimum: low, span: span, values: data.count, starts: startsOffset, width: width, startsWidth: startsWidth,
                       flags: Flag.multiValued, to: file)
            packed.withUnsafeBufferPointer { WideBitPacking.append($0, width: width, to: &data) }
        }
    }

    /// Writes one block entry.
    private static func writeEntry(minimum: Int64, span: UInt64, values: Int, starts: Int, width: Int, startsWidth: Int,
                                   flags: UInt8, to file: FileWriter) {
        file.withBuffer { out in
            out.appendUInt64(UInt64(bitPattern: minimum))
            out.appendUInt64(span)
            out.appendUInt64(UInt64(values))
            out.appendUInt64(UInt64(starts))
            out.append(UInt8(width))
            out.append(UInt8(startsWidth))
            out.append(flags)
        }
    }
}
