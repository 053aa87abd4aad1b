/// Document ids, read at search time without decompressing anything (`.ids`):
///
///     ids := count:u32 end:u32{count} bytes          document d's id is bytes[end[d-1] ..< end[d]]
enum DocumentTableFormat {
    /// Writes an `.ids` file of the ids in `ids` (their bytes one after another), ending at `ends`.
    static func writeIDs(_ ids: UnsafeRawBufferPointer, ends: UnsafeBufferPointer<UInt32>, to file: FileWriter) throws(IndexError) -> Int {
        file.writeUInt32(UInt32(ends.count))
        for end in ends { file.writeUInt32(end) }
        file.write(ids)
        return try file.finish()
    }

    /// Writes an `.ids` file of `count` ids, holding none of them: `forEach` gives them in
    /// order, and is called twice (for the ends, then for the bytes).
    static func writeIDs(count: Int, forEach: ((UnsafeRawBufferPointer) -> Void) -> Void,
                         to file: FileWriter) throws(IndexError) -> Int {
        file.writeUInt32(UInt32(count))
        var end = 0
        var given = 0
        forEach { id in
            end += id.count
            given += 1
            file.writeUInt32(UInt32(truncatingIfNeeded: end))
        }
        guard given == count else {
            throw .invalidArgument("\(file.path): \(given) ids given for \(count) documents")
        }
        guard end <= Int(UInt32.max) else {
            throw .invalidArgument("\(file.path): the ids of \(count) documents take \(end) bytes, more than 4 GB")
        }
        forEach { file.write($0) }
        return try file.finish()
    }
}

/// Document ids of a mapped `.ids` file.
struct IDTableReader: @unchecked Sendable {
    /// Keeps the mapping alive while the reader points into it.
    private let file: MappedFile
    private let ends: UnsafeRawPointer
    private let bytes: UnsafeRawPointer
    private let byteCount: Int
    let count: Int

    init(file: MappedFile, segment: SegmentID, documentCount: Int, verifyChecksum: Bool) throws(IndexError) {
        self.file = file
        let body = try FileFormat.validate(file, kind: .ids, segment: segment, verifyChecksum: verifyChecksum)
        var cursor = ByteCursor(file.bytes, range: body, file: file.path)
        count = Int(try cursor.readUInt32())
        guard count == documentCount, count * 4 <= cursor.remaining else {
            throw cursor.corrupt("\(count) ids for \(documentCount) documents")
        }
        ends = file.bytes.baseAddress! + cursor.offset
        try cursor.skip(count * 4)
        bytes = file.bytes.baseAddress! + cursor.offset
        byteCount = cursor.remaining
        var previous: UInt32 = 0
        for d in 0..<count {
            let end = ends.loadUnaligned(fromByteOffset: d * 4, as: UInt32.self).littleEndian
            guard end >= previous, Int(end) <= byteCount else { throw .corrupt(file: file.path, reason: "id \(d) ends at \(end), out of order") }
            previous = end
        }
    }

    /// Document `doc`'s id bytes.
    @inline(__always)
    func bytes(_ doc: Int) -> UnsafeRawBufferPointer {
        let end = Int(ends.loadUnaligned(fromByteOffset: doc * 4, as: UInt32.self).littleEndian)
        let start = doc == 0 ? 0 : Int(ends.loadUnaligned(fromByteOffset: doc * 4 - 4, as: UInt32.self).littleEndian)
        return UnsafeRawBufferPointer(start: bytes + start, count: end - start)
    }

    /// Document `doc`'s id.
    func id(_ doc: Int) -> String { String(decoding: bytes(doc), as: UTF8.self) }
}
