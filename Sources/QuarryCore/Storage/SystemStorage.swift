#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `Storage`: POSIX calls, retried on `EINTR`, each failure an `IndexError.io` naming
/// the path, the operation and the system's message.
struct SystemStorage: Storage {
    func open(_ path: String, mode: OpenMode) throws(IndexError) -> StorageFile {
        let flags = switch mode {
        case .keep: O_RDWR | O_CREAT | O_CLOEXEC
        case .truncate: O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC
        case .createNew: O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC
        }
        let fd = retrying { systemOpen(path, flags, 0o644) }
        guard fd >= 0 else { throw failure(path, "open") }
        return StorageFile(path: path, descriptor: fd)
    }

    func write(_ file: StorageFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(IndexError) -> Int {
        let n = retrying { pwrite(file.descriptor, bytes.baseAddress, bytes.count, off_t(offset)) }
        guard n > 0 || bytes.isEmpty else {
            throw n == 0 ? .io(path: file.path, operation: "write", message: "no bytes written") : failure(file.path, "write")
        }
        return n
    }

    func read(_ file: StorageFile, count: Int, at offset: Int) throws(IndexError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { raw in retrying { pread(file.descriptor, raw.baseAddress, count, off_t(offset)) } }
        guard n >= 0 else { throw failure(file.path, "read") }
        return Array(buffer[0..<n])
    }

    func truncate(_ file: StorageFile, to size: Int) throws(IndexError) {
        if retrying({ ftruncate(file.descriptor, off_t(size)) }) != 0 { throw failure(file.path, "truncate") }
    }

    func sync(_ file: StorageFile) throws(IndexError) {
        if retrying({ fsync(file.descriptor) }) != 0 { throw failure(file.path, "fsync") }
    }

    func lock(_ file: StorageFile) throws(IndexError) -> Bool {
        if retrying({ flock(file.descriptor, LOCK_EX | LOCK_NB) }) == 0 { return true }
        guard errno == EWOULDBLOCK else { throw failure(file.path, "flock") }
        return false
    }

    func isName(_ path: String, of file: StorageFile) throws(IndexError) -> Bool {
        var held = stat()
        guard fstat(file.descriptor, &held) == 0 else { throw failure(file.path, "fstat") }
        var named = stat()
        guard stat(path, &named) == 0 else {
            if errno == ENOENT { return false }
            throw failure(path, "stat")
        }
        return named.st_dev == held.st_dev && named.st_ino == held.st_ino
    }

    func close(_ file: StorageFile) {
        _ = systemClose(file.descriptor)
    }

    func rename(_ source: String, to destination: String) throws(IndexError) {
        if systemRename(source, destination) != 0 { throw failure(destination, "rename") }
    }

    func link(_ source: String, as destination: String) throws(IndexError) {
        if systemLink(source, destination) != 0 { throw failure(destination, "link") }
    }

    func remove(_ path: String) throws(IndexError) {
        if unlink(path) != 0 && errno != ENOENT { throw failure(path, "unlink") }
    }

    func makeDirectory(_ path: String) throws(IndexError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure(path, "mkdir") }
    }

    func removeDirectory(_ path: String) throws(IndexError) {
        if rmdir(path) != 0 && errno != ENOENT { throw failure(path, "rmdir") }
    }

    func list(_ path: String) throws(IndexError) -> [String] {
        guard let directory = opendir(path) else { throw failure(path, "opendir") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    func syncDirectory(_ path: String) throws(IndexError) {
        let fd = retrying { systemOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0) }
        guard fd >= 0 else { throw failure(path, "open") }
        defer { _ = systemClose(fd) }
        if retrying({ fsync(fd) }) != 0 { throw failure(path, "fsync") }
    }

    func map(_ path: String, populate: Bool) throws(IndexError) -> UnsafeRawBufferPointer {
        let fd = retrying { systemOpen(path, O_RDONLY | O_CLOEXEC, 0) }
        guard fd >= 0 else { throw failure(path, "open") }
        defer { _ = systemClose(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(path, "fstat") }
        let size = Int(info.st_size)
        if size == 0 { return UnsafeRawBufferPointer(start: nil, count: 0) }
        #if os(Linux)
        let flags = populate ? MAP_SHARED | MAP_POPULATE : MAP_SHARED
        #else
        let flags = MAP_SHARED
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else {
            throw failure(path, "mmap")
        }
        #if !os(Linux)
        // No MAP_POPULATE: ask for the pages to be read ahead instead (a hint; failure is harmless).
        if populate { _ = madvise(address, size, MADV_WILLNEED) }
        #endif
        return UnsafeRawBufferPointer(start: address, count: size)
    }

    /// The error of a failed call, with the current `errno`'s message.
    private func failure(_ path: String, _ operation: String) -> IndexError {
        .io(path: path, operation: operation, message: systemErrorMessage())
    }

    /// Runs `call` again while it fails with `EINTR`.
    private func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

// The system calls whose names the methods above take.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
private func systemLink(_ source: String, _ destination: String) -> Int32 { link(source, destination) }
