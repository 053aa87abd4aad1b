/// The file-system calls the index makes, behind one narrow interface, so tests can put an
/// implementation in place that fails chosen calls or simulates a power loss (as SQLite's test
/// VFS does). `SystemStorage` is the real one; `FileSystem.storage` is the one in use.
///
/// Every call that can fail throws `IndexError.io` naming the path and the operation. Reads of
/// index files go through `map` once, at open: searching reads mapped memory and never calls
/// through this interface.
protocol Storage: Sendable {
    /// Opens `path` for writing, creating it (mode 0644) when missing; `mode` says what becomes
    /// of a file of that name.
    func open(_ path: String, mode: OpenMode) throws(IndexError) -> StorageFile

    /// Writes `bytes` at `offset`; returns how many were written, at least one: fewer than given
    /// is a short write, and the caller writes the rest.
    func write(_ file: StorageFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(IndexError) -> Int

    /// Reads at most `count` bytes at `offset` (fewer at the end of the file).
    func read(_ file: StorageFile, count: Int, at offset: Int) throws(IndexError) -> [UInt8]

    /// Cuts or extends the file to `size` bytes.
    func truncate(_ file: StorageFile, to size: Int) throws(IndexError)

    /// Makes the file's data durable (`fsync`). Its name in its folder is durable only once the
    /// folder is synced too.
    func sync(_ file: StorageFile) throws(IndexError)

    /// Takes the file's exclusive advisory lock (`flock`) without waiting: false when another
    /// open file holds it. Closing the file releases it.
    func lock(_ file: StorageFile) throws(IndexError) -> Bool

    /// Whether `path` names `file` now (the same file: device and inode), as it did when `file`
    /// was opened through it; false when nothing has that name any more.
    func isName(_ path: String, of file: StorageFile) throws(IndexError) -> Bool

    /// Closes the file. Nothing to report: the data that matters was synced before.
    func close(_ file: StorageFile)

    /// Atomically gives `source` the name `destination`, replacing any file of that name.
    func rename(_ source: String, to destination: String) throws(IndexError)

    /// Gives the file at `source` a second name, `destination` (which must not exist).
    func link(_ source: String, as destination: String) throws(IndexError)

    /// Removes a file's name; a name already gone is not an error.
    func remove(_ path: String) throws(IndexError)

    /// Creates one folder (mode 0755); one there already is not an error.
    func makeDirectory(_ path: String) throws(IndexError)

    /// Removes an empty folder; one already gone is not an error.
    func removeDirectory(_ path: String) throws(IndexError)

    /// The names in a folder (no `.` and `..`), in no particular order.
    func list(_ path: String) throws(IndexError) -> [String]

    /// Makes a folder's entries (names created, renamed, removed) durable.
    func syncDirectory(_ path: String) throws(IndexError)

    /// Maps the whole file read-only and shared (`populate`: read in now, `MAP_POPULATE` on Linux,
    /// `madvise(MADV_WILLNEED)` elsewhere); an empty file gives an empty buffer with no base
    /// address. The caller releases the mapping with `munmap`.
    func map(_ path: String, populate: Bool) throws(IndexError) -> UnsafeRawBufferPointer
}

/// What `Storage.open` does with a file of the name given.
enum OpenMode: Sendable {
    /// Keeps it as it is (the lock file).
    case keep
    /// Empties it (a temporary file, renamed into place once written).
    case truncate
    /// Fails (`EEXIST`): an index file is written once, under a name no file has, so a file of
    /// that name is another writer's, never one to overwrite.
    case createNew
}

/// A file opened by a `Storage`, for writing (and, for the lock file, reading back a few bytes).
/// Only the storage that opened it uses it.
struct StorageFile: Hashable, Sendable {
    /// The path it was opened by, for messages.
    let path: String
    /// The system's file descriptor.
    let descriptor: Int32
}
