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
    private let storage: any Storage
    private let file: StorageFile

    /// Takes the lock. The properties are set only once it is held: a class whose init throws
    /// after setting them all runs its `deinit`, which would close the file a second time (and
    /// with it whatever another thread had opened under the same descriptor meanwhile).
    init(directory: String) throws(IndexError) {
        let storage = FileSystem.storage
        let file = try storage.open("\(directory)/\(Self.fileName)", truncate: false)
        let locked: Bool
        do {
            locked = try storage.lock(file)
        } catch {
            storage.close(file)
            throw error
        }
        guard locked else {
            let holder = try? storage.read(file, count: 32, at: 0)
            storage.close(file)
            let pid = holder.flatMap { Int32(String(decoding: $0, as: UTF8.self)[...].trimmingWhitespace()) }
            throw .locked(path: directory, pid: pid)
        }
        self.storage = storage
        self.file = file
        // The process id is only for the message above: failing to write it is not an error.
        let pid = Array((String(getpid()) + "\n").utf8)
        try? storage.truncate(file, to: 0)
        _ = pid.withUnsafeBytes { bytes in try? storage.write(file, bytes, at: 0) }
    }

    deinit {
        storage.close(file)
    }
}
