#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one index file: the header, the body through a 1 MB buffer, then the footer with the
/// CRC32C of everything before it, and syncs it to disk. A failed write (disk full, I/O error)
/// is remembered and reported by `finish`, so encoders can write without handling errors at
/// every step; nothing half-written is ever named in a manifest.
final class FileWriter {
    let path: String
    private let fd: Int32
    private var pending = ByteStream(capacity: 1 << 20)
    private var crc: UInt32 = 0
    private var flushed = 0
    private var failure: IndexError?
    private var finished = false

    /// Creates (or truncates) `path` and writes the header.
    init(path: String, kind: FileFormat.Kind, segment: SegmentID) throws(IndexError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "create", message: systemErrorMessage()) }
        pending.append(FileFormat.magic)
        pending.append(kind.rawValue)
        pending.appendUInt32(FileFormat.version)
        pending.appendUInt64(segment.high)
        pending.appendUInt64(segment.low)
    }

    deinit {
        if !finished {
            close(fd)
            unlink(path)
        }
    }

    /// Bytes written so far, header included: the offset the next byte will have.
    var position: Int { flushed + pending.count }

    /// The in-memory buffer, for encoders that append to it directly.
    @inline(__always)
    func withBuffer<R>(_ body: (inout ByteStream) -> R) -> R {
        let result = body(&pending)
        if pending.count >= 1 << 20 { flush() }
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

    /// Writes the footer, syncs and closes the file; returns its size. Throws the first write error.
    @discardableResult
    func finish() throws(IndexError) -> Int {
        pending.append(FileFormat.footerMagic)
        flush()
        withUnsafeBytes(of: crc.littleEndian) { writeRaw($0) }
        finished = true
        defer { close(fd) }
        if let failure {
            unlink(path)
            throw failure
        }
        if fsync(fd) != 0 {
            let error = IndexError.io(path: path, operation: "fsync", message: systemErrorMessage())
            unlink(path)
            throw error
        }
        return flushed
    }

    /// Checksums and writes out the buffer.
    private func flush() {
        crc = Checksum.crc32c(pending.bytes, continuing: crc)
        writeRaw(pending.bytes)
        pending.removeAll()
    }

    /// Writes bytes to the file; after a failure, only counts them.
    private func writeRaw(_ bytes: UnsafeRawBufferPointer) {
        defer { flushed += bytes.count }
        guard failure == nil, var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = systemWrite(fd, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                failure = .io(path: path, operation: "write", message: systemErrorMessage())
                return
            }
            base += n
            remaining -= n
        }
    }
}

private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
