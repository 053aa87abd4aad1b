#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer lock (`LOCK`): an exclusive `flock` held while a writer has the index open, with the
/// holder's process id and name written in the file (`1234 quarry-serve`). The kernel drops the lock when the process ends,
/// however it ends, so a killed writer never leaves a stale lock behind.
///
/// A `flock` follows the open file, not its name: when the folder is removed or made again
/// while a writer runs, the writer still holds a lock, on a file no longer there, and another
/// writer can take the new folder's. So the writer asks `ensureHeld` before it writes or
/// removes anything (as Lucene's `Lock.ensureValid`).
final class IndexLock {
    static let fileName = "LOCK"
    private let directory: String
    private let path: String
    private let storage: any Storage
    private let file: StorageFile
    private(set) var isReleased = false

    /// Takes the lock. The properties are set only once it is held: a class whose init throws
    /// after setting them all runs its `deinit`, which would close the file a second time (and
    /// with it whatever another thread had opened under the same descriptor meanwhile).
    init(directory: String) throws(IndexError) {
        let storage = FileSystem.storage
        let path = "\(directory)/\(Self.fileName)"
        let file = try storage.open(path, mode: .keep)
        let locked: Bool
        do {
            locked = try storage.lock(file)
        } catch {
            storage.close(file)
            throw error
        }
        guard locked else {
            let line = (try? storage.read(file, count: 256, at: 0)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            storage.close(file)
            let words = line.split(separator: "\n", maxSplits: 1).first?.split(separator: " ", maxSplits: 1) ?? []
            let pid = words.first.flatMap { Int32($0) }
            let holder = words.count > 1 ? ControlCharacters.forDisplay(String(String(words[1])[...].trimmingWhitespace())) : nil
            throw .locked(path: directory, pid: pid, holder: holder)
        }
        self.directory = directory
        self.path = path
        self.storage = storage
        self.file = file
        // The holder is only for the message above: failing to write it is not an error.
        let pid = Array((String(getpid()) + " " + Self.holderName + "\n").utf8)
        try? storage.truncate(file, to: 0)
        _ = pid.withUnsafeBytes { bytes in try? storage.write(file, bytes, at: 0) }
    }

    deinit {
        if !isReleased { storage.close(file) }
    }

    /// Throws `IndexError.lockLost` unless the folder's `LOCK` is still the file this lock holds,
    /// and `IndexError.writerClosed` once it was released.
    func ensureHeld() throws(IndexError) {
        guard !isReleased else { throw .writerClosed(path: directory) }
        guard try storage.isName(path, of: file) else { throw .lockLost(path: directory) }
    }

    /// Lets go of the lock now (closing the file), rather than when the lock is freed.
    func release() {
        guard !isReleased else { return }
        isReleased = true
        storage.close(file)
    }

    /// This process as the lock names it: the program's file name and its subcommand
    /// (`quarry-serve`), at most 200 bytes.
    static var holderName: String {
        let arguments = CommandLine.arguments
        var name = arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "unknown"
        if arguments.count > 1, let command = arguments.dropFirst().first, command.allSatisfy({ $0.isLetter || $0 == "-" }),
           !command.hasPrefix("-") {
            name += " " + command
        }
        return String(name.utf8.prefix(200)) ?? name
    }
}
