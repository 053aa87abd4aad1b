/// The columns of a mapped `.cols` file (see `ColumnsFormat`), every one validated when opened.
struct ColumnsReader: @unchecked Sendable {
    private let numerics: [UInt8: NumericColumn]
    private let keywords: [UInt8: KeywordColumn]
    /// Every column's field number and kind, by field number.
    let fields: [(field: UInt8, kind: ColumnKind)]
    /// Documents in the segment.
    let documentCount: Int

    /// Validates `file` (the envelope, with `verifyChecksum` its CRC, and every column's
    /// structure, for a segment of `documentCount` documents) and reads its columns in place.
    init(file: MappedFile, segment: SegmentID, documentCount: Int, verifyChecksum: Bool) throws(IndexError) {
        let body = try FileFormat.validate(file, kind: .columns, segment: segment, verifyChecksum: verifyChecksum)
        var cursor = ByteCursor(file.bytes, range: body, file: file.path)
        let columns = try cursor.readInt(atMost: Int(UInt8.max) + 1)
        var numerics: [UInt8: NumericColumn] = [:]
        var keywords: [UInt8: KeywordColumn] = [:]
        var fields: [(field: UInt8, kind: ColumnKind)] = []
        for _ in 0..<columns {
            let field = try cursor.readByte()
            let rawKind = try cursor.readByte()
            let shift = Int(try cursor.readByte())
            let documents = Int(try cursor.readUInt32())
            let gcd = try cursor.readUInt64()
            guard let kind = ColumnKind(rawValue: rawKind) else { throw cursor.corrupt("column \(field) of unknown kind \(rawKind)") }
            guard fields.last.map({ $0.field < field }) ?? true else { throw cursor.corrupt("column \(field) out of order") }
            guard ColumnsFormat.blockShifts.contains(shift), documents == documentCount, gcd > 0 else {
                throw cursor.corrupt("column \(field): blocks of 2^\(shift), \(documents) documents for \(documentCount), gcd \(gcd)")
            }
            switch kind {
            case .numeric:
                numerics[field] = try NumericColumn(file: file, cursor: &cursor, count: documents, shift: shift, gcd: gcd, limit: nil)
            case .keyword:
                keywords[field] = try KeywordColumn(file: file, cursor: &cursor, count: documents, shift: shift, gcd: gcd)
            }
            fields.append((field, kind))
        }
        guard cursor.isAtEnd else { throw cursor.corrupt("\(cursor.remaining) bytes after the last column") }
        self.numerics = numerics
        self.keywords = keywords
        self.fields = fields
        self.documentCount = documentCount
    }

    /// The numeric column of `field`, nil when the segment has none.
    func numeric(_ field: UInt8) -> NumericColumn? { numerics[field] }

    /// The keyword column of `field`, nil when the segment has none.
    func keyword(_ field: UInt8) -> KeywordColumn? { keywords[field] }
}
