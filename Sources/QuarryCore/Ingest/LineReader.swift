import CQuarry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input file could not be read.
enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened (the system's reason).
    case unreadable(path: String, reason: String)
    /// Reading or decompressing failed part way (zlib's or the system's reason).
    case readFailed(path: String, reason: String)

    /// What went wrong, without the path (for messages that name the file already).
    var problem: String {
        switch self {
        case .unreadable(_, let reason): return "cannot open: \(reason)"
        case .readFailed(_, let reason): return "read error: \(reason)"
        }
    }

    var description: String {
        switch self {
        case .unreadable(let path, _), .readFailed(let path, _): return "\(path): \(problem)"
        }
    }
}

/// Reads a file line by line, decompressing gzip transparently (plain files pass through zlib
/// unchanged). Lines are handed out as byte ranges of an internal buffer, without their `\n`
/// (or `\r\n`), valid until the next call.
///
/// Memory stays bounded by `maximumLineLength`: a longer line is skipped up to its newline
/// without being held whole. A read error or damaged compressed data (a gzip file cut short,
/// without its trailer, or failing its check) ends the file early: the lines before it are
/// handed out (not a last one it cut short), and `damage` says what happened.
final class LineReader {
    /// One line of the file.
    enum Line {
        /// A line's bytes (valid until the next call).
        case text(UnsafeRawBufferPointer)
        /// A line longer than `maximumLineLength`, skipped: its length in bytes.
        case tooLong(bytes: Int)
    }

    let path: String
    /// Lines longer than this many bytes are skipped (`Line.tooLong`).
    let maximumLineLength: Int
    private let file: OpaquePointer
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Why the file ended early, if it did: every byte before the failure has been (or will be)
    /// handed out.
    private(set) var damage: InputError?

    init(path: String, maximumLineLength: Int = .max, chunkSize: Int = 1 << 20) throws(InputError) {
        guard let file = cq_gz_open(path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.file = file
        self.maximumLineLength = maximumLineLength
        capacity = chunkSize
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        cq_gz_close(file)
        buffer.deallocate()
    }

    /// Bytes the buffer holds: it grows for long lines, to about twice `maximumLineLength` at most.
    var bufferCapacity: Int { capacity }

    /// Bytes of the file (as stored, compressed or not) read so far.
    var fileOffset: Int { Int(cq_gz_offset(file)) }

    /// The next line, or nil at the end of the file (or at the damage, see `damage`).
    func next() -> Line? {
        var scanFrom = start
        while true {
            if let newline = findNewline(from: scanFrom) {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(start: buffer + start, count: lineEnd - start)
                start = newline + 1
                lineNumber += 1
                return line.count > maximumLineLength ? .tooLong(bytes: line.count) : .text(line)
            }
            if end - start > maximumLineLength { return skipRestOfLine() }
            if atEnd {
                // A last line without its newline in a damaged file was cut short: not handed out.
                guard start < end, damage == nil else { return nil }
                let line = UnsafeRawBufferPointer(start: buffer + start, count: end - start)
                start = end
                lineNumber += 1
                return .text(line)
            }
            scanFrom = end - start
            refill()
        }
    }

    /// The next line, or nil at the end of the file; throws at a line over `maximumLineLength`,
    /// and at the end of the bytes read when the file is damaged.
    func nextLine() throws(InputError) -> UnsafeRawBufferPointer? {
        switch next() {
        case .text(let line): return line
        case .tooLong(let bytes):
            throw .readFailed(path: path, reason: "line \(lineNumber) is \(bytes) bytes long, over the limit of \(maximumLineLength)")
        case nil:
            if let damage { throw damage }
            return nil
        }
    }

    /// The first `count` unread bytes (fewer at the end of the file), read as needed but not consumed.
    func peek(_ count: Int) -> UnsafeRawBufferPointer {
        while !atEnd && end - start < count { refill() }
        return UnsafeRawBufferPointer(start: buffer + start, count: min(count, end - start))
    }

    /// The rest of the file, or nil when it is longer than `maximum` bytes (then it is read no
    /// further than about twice that). When the file is damaged, the bytes before the damage.
    func readAll(maximum: Int = .max) -> [UInt8]? {
        while !atEnd && end - start <= maximum { refill() }
        guard end - start <= maximum else { return nil }
        return Array(UnsafeBufferPointer(start: buffer + start, count: end - start))
    }

    private func findNewline(from index: Int) -> Int? {
        guard index < end else { return nil }
        guard let found = memchr(buffer + index, 0x0A, end - index) else { return nil }
        return buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Drops the over-long line being read, reading on (into the same buffer) to its newline.
    private func skipRestOfLine() -> Line {
        var skipped = end - start
        start = 0
        end = 0
        lineNumber += 1
        while !atEnd {
            refill()
            if let newline = findNewline(from: 0) {
                start = newline + 1
                return .tooLong(bytes: skipped + newline)
            }
            skipped += end
            end = 0
        }
        return .tooLong(bytes: skipped)
    }

    /// Moves the unread bytes to the front (growing the buffer when it is full) and reads more;
    /// a failure ends the file and is kept in `damage`.
    private func refill() {
        let pending = end - start
        if start > 0 {
            if pending > 0 { buffer.update(from: buffer + start, count: pending) }
            start = 0
            end = pending
        }
        if end == capacity || capacity - end < capacity / 8 {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let n = cq_gz_read(file, buffer + end, Int64(capacity - end))
        if n < 0 {
            damage = .readFailed(path: path, reason: String(cString: cq_gz_error(file)))
            atEnd = true
        } else if n == 0 {
            atEnd = true
        } else {
            end += Int(n)
        }
    }
}
