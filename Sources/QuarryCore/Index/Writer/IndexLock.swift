#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer lock (`LOCK`): an exclusive `flock` held while a writer has the index open, with the
/// holder's process id written in the file. The kernel drops the lock when the process ends,
/// however it ends, so a killed writer never leaves a stale lock behind.
final class IndexLock {
    static let fileName = "LOCK"
    private let fd: Int32

    init(directory: String) throws(IndexError) {
        let path = "\(directory)/\(Self.fileName)"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "open", message: systemErrorMessage()) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let pid = n > 0 ? Int32(String(decoding: buffer[0..<n], as: UTF8.self)[...].trimmingWhitespace()) : nil
            throw .locked(path: directory, pid: pid)
        }
        self.fd = fd
        let pid = String(getpid()) + "\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
