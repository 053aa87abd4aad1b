import CQuarry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input file could not be read.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened (the system's reason).
    case unreadable(path: String, reason: String)
    /// Reading or decompressing failed part way (zlib's or the system's reason).
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot open: \(reason)"
        case .readFailed(let path, let reason): return "\(path): read error: \(reason)"
        }
    }
}

/// Reads a file line by line, decompressing gzip transparently (plain files pass through zlib
/// unchanged). Lines are handed out as byte ranges of an internal buffer, without their `\n`
/// (or `\r\n`), valid until the next call; a line of any length fits (the buffer grows).
public final class LineReader {
    public let path: String
    private let file: OpaquePointer
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    public init(path: String, chunkSize: Int = 1 << 20) throws(InputError) {
        guard let file = cq_gz_open(path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.file = file
        capacity = chunkSize
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        cq_gz_close(file)
        buffer.deallocate()
    }

    /// Bytes of the file (as stored, compressed or not) read so far.
    public var fileOffset: Int { Int(cq_gz_offset(file)) }

    /// The next line, or nil at the end of the file.
    public func nextLine() throws(InputError) -> UnsafeRawBufferPointer? {
        var scanFrom = start
        while true {
            if let newline = findNewline(from: scanFrom) {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(start: buffer + start, count: lineEnd - start)
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < end else { return nil }
                let line = UnsafeRawBufferPointer(start: buffer + start, count: end - start)
                start = end
                lineNumber += 1
                return line
            }
            scanFrom = end - start
            try refill()
        }
    }

    /// Reads the rest of the file.
    public func readAll() throws(InputError) -> [UInt8] {
        while !atEnd { try refill() }
        return Array(UnsafeBufferPointer(start: buffer + start, count: end - start))
    }

    private func findNewline(from index: Int) -> Int? {
        guard index < end else { return nil }
        guard let found = memchr(buffer + index, 0x0A, end - index) else { return nil }
        return buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves the unread bytes to the front (growing the buffer when it is full) and reads more.
    private func refill() throws(InputError) {
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
        if n < 0 { throw .readFailed(path: path, reason: String(cString: cq_gz_error(file))) }
        if n == 0 { atEnd = true }
        end += Int(n)
    }
}
