/// Field lengths per document (`.norms`), exact, in fixed-width bit fields for random access:
///
///     norms := count:u8 (field:u8 documents:u32 width:u8 packed)*
///
/// `packed` holds document d's length in bits `[d * width, (d + 1) * width)`, little-endian,
/// padded to whole 8-byte words.
enum NormsFormat {
    /// Writes the lengths of each field.
    static func write(_ lengths: [(field: Field, values: UnsafeBufferPointer<UInt32>)], to file: FileWriter) throws(IndexError) -> Int {
        file.withBuffer { $0.append(UInt8(lengths.count)) }
        for (field, values) in lengths {
            let width = values.isEmpty ? 0 : BitPacking.width(values.baseAddress!, count: values.count)
            let words = (values.count * width + 63) / 64
            var packed = [UInt64](repeating: 0, count: words)
            for (d, value) in values.enumerated() where width > 0 {
                let bit = d * width
                packed[bit >> 6] |= UInt64(value) << UInt64(bit & 63)
                if (bit & 63) + width > 64 { packed[(bit >> 6) + 1] |= UInt64(value) >> UInt64(64 - (bit & 63)) }
            }
            file.withBuffer { out in
                out.append(field.number)
                out.appendUInt32(UInt32(values.count))
                out.append(UInt8(width))
                for word in packed { out.appendUInt64(word) }
            }
        }
        return try file.finish()
    }
}

/// Random access to one field's lengths in a mapped `.norms` file.
struct NormsReader: @unchecked Sendable {
    /// Keeps the mapping alive while the reader points into it.
    private let file: MappedFile?
    private let base: UnsafeRawPointer?
    private let width: Int
    private let mask: UInt64
    let count: Int

    /// No lengths (a field the segment does not have): every length is 0.
    static let empty = NormsReader(file: nil, base: nil, width: 0, count: 0)

    private init(file: MappedFile?, base: UnsafeRawPointer?, width: Int, count: Int) {
        self.file = file
        self.base = base
        self.width = width
        mask = width == 0 ? 0 : (UInt64(1) << UInt64(width)) - 1
        self.count = count
    }

    /// The lengths of every field in `file`.
    static func read(_ file: MappedFile, segment: SegmentID, documentCount: Int, verifyChecksum: Bool) throws(IndexError) -> [Field: NormsReader] {
        let body = try FileFormat.validate(file, kind: .norms, segment: segment, verifyChecksum: verifyChecksum)
        var cursor = ByteCursor(file.bytes, range: body, file: file.path)
        var readers: [Field: NormsReader] = [:]
        let fields = Int(try cursor.readByte())
        for _ in 0..<fields {
            let field = Field(number: try cursor.readByte())
            let count = Int(try cursor.readUInt32())
            let width = Int(try cursor.readByte())
            guard count == documentCount, width <= 32 else {
                throw cursor.corrupt("\(count) lengths of \(width) bits for \(documentCount) documents")
            }
            let bytes = (count * width + 63) / 64 * 8
            let data = try cursor.readRaw(bytes)
            readers[field] = NormsReader(file: file, base: data.baseAddress, width: width, count: count)
        }
        return readers
    }

    /// No length is larger than this (the largest the width holds).
    var maximum: Int { width == 0 ? 0 : (1 << width) - 1 }

    /// The length of document `doc`'s field.
    @inline(__always)
    subscript(doc: Int) -> UInt32 {
        guard width > 0, let base, doc < count else { return 0 }
        let bit = doc * width
        let word = base.loadUnaligned(fromByteOffset: (bit >> 6) * 8, as: UInt64.self).littleEndian
        var value = word >> UInt64(bit & 63)
        if (bit & 63) + width > 64 {
            value |= base.loadUnaligned(fromByteOffset: (bit >> 6) * 8 + 8, as: UInt64.self).littleEndian << UInt64(64 - (bit & 63))
        }
        return UInt32(truncatingIfNeeded: value & mask)
    }
}
