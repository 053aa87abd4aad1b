/// Writes one index file: the header, the body through a 1 MB buffer, then the footer with the
/// CRC32C of everything before it, and syncs it to disk. A failed write (disk full, I/O error)
/// is remembered and reported by `finish`, so encoders can write without handling errors at
/// every step; nothing half-written is ever named in a manifest, and a file not finished is
/// removed. Every call goes through the `Storage` in use when the file was created.
final class FileWriter {
    let path: String
    private let storage: any Storage
    private let file: StorageFile
    /// The buffer, in a cell: encoders append to it without exclusivity checks.
    private let pending = PointerCell(ByteStream(capacity: 1 << 20))
    private var crc: UInt32 = 0
    private var flushed = 0
    private var failure: IndexError?
    private var finished = false

    /// Creates `path` and writes the header. `mode` is `.createNew` for a segment's files, whose
    /// names are new (a file of that name is refused: it is another writer's), and `.truncate`
    /// for a temporary file renamed into place once finished.
    init(path: String, kind: FileFormat.Kind, segment: SegmentID, mode: OpenMode = .createNew) throws(IndexError) {
        self.path = path
        storage = FileSystem.storage
        file = try storage.open(path, mode: mode)
        pending.value.append(FileFormat.magic)
        pending.value.append(kind.rawValue)
        pending.value.appendUInt32(FileFormat.version)
        pending.value.appendUInt64(segment.high)
        pending.value.appendUInt64(segment.low)
    }

    deinit {
        if !finished { discard() }
    }

    /// Bytes written so far, header included: the offset the next byte will have.
    var position: Int { flushed + pending.value.count }

    /// The in-memory buffer, for encoders that append to it directly.
    @inline(__always)
    func withBuffer<R>(_ body: (inout ByteStream) -> R) -> R {
        let result = body(&pending.value)
        if pending.value.count >= 1 << 20 { flush() }
        return result
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= 1 << 20 {
            flush()
            crc = Checksum.crc32c(bytes, continuing: crc)
            writeRaw(bytes)
        } else {
            withBuffer { $0.append(bytes) }
        }
    }

    func write(_ stream: borrowing ByteStream) { write(stream.bytes) }

    func writeUInt32(_ value: UInt32) { withBuffer { $0.appendUInt32(value) } }
    func writeUInt64(_ value: UInt64) { withBuffer { $0.appendUInt64(value) } }
    func writeVInt(_ value: Int) { withBuffer { $0.appendVInt(value) } }
    func writeString(_ value: String) { withBuffer { $0.appendString(value) } }

    /// Writes the footer, syncs and closes the file; returns its size. Throws the first write
    /// error, or the sync's, having removed the file.
    @discardableResult
    func finish() throws(IndexError) -> Int {
        pending.value.append(FileFormat.footerMagic)
        flush()
        withUnsafeBytes(of: crc.littleEndian) { writeRaw($0) }
        finished = true
        if failure == nil {
            do {
                try storage.sync(file)
            } catch {
                failure = error
            }
        }
        if let failure {
            discard()
            throw failure
        }
        storage.close(file)
        return flushed
    }

    /// Closes and removes the file (it failed or was abandoned); nothing to report beyond that.
    private func discard() {
        storage.close(file)
        try? storage.remove(path)
    }

    /// Checksums and writes out the buffer.
    private func flush() {
        crc = Checksum.crc32c(pending.value.bytes, continuing: crc)
        writeRaw(pending.value.bytes)
        pending.value.removeAll()
    }

    /// Writes bytes to the file, resuming after short writes; after a failure, only counts them.
    private func writeRaw(_ bytes: UnsafeRawBufferPointer) {
        defer { flushed += bytes.count }
        guard failure == nil, let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            do {
                done += try storage.write(file, UnsafeRawBufferPointer(start: base + done, count: bytes.count - done),
                                          at: flushed + done)
            } catch {
                failure = error
                return
            }
        }
    }
}
