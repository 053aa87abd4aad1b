#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system operations the index needs, through the `Storage` in use, each failing with
/// `IndexError.io` naming the path. Durability: `FileWriter` syncs each file it writes;
/// `syncDirectory` after creating, renaming or removing entries makes the names durable, so a
/// commit survives a crash or power loss.
enum FileSystem {
    private static let current = Locked<any Storage>(SystemStorage())

    /// The storage every index file goes through: the system's, unless a test put another in
    /// place. Files and mappings keep the storage they were opened with.
    static var storage: any Storage {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    // Queries (`stat`) go to the system directly: they change nothing and report no error.

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func size(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// When `path` was last modified, in whole seconds since 1970-01-01T00:00:00Z, or nil.
    static func modificationSeconds(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        return Int64(info.st_mtimespec.tv_sec)
        #else
        return Int64(info.st_mtim.tv_sec)
        #endif
    }

    /// Creates a folder and any missing parents. Each new folder is synced, and so is its
    /// parent, so its name is durable before anything is committed in it.
    static func makeDirectory(_ path: String) throws(IndexError) {
        if isDirectory(path) { return }
        let parent = parentDirectory(path)
        try makeDirectory(parent)
        let storage = storage
        try storage.makeDirectory(path)
        try storage.syncDirectory(parent)
        try storage.syncDirectory(path)
    }

    /// The folder holding `path`: `.` for a bare name, `/` for a name at the root.
    private static func parentDirectory(_ path: String) -> String {
        guard let slash = path.dropLast().lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The names in a folder (no `.` and `..`), sorted.
    static func list(_ path: String) throws(IndexError) -> [String] {
        try storage.list(path).sorted()
    }

    static func remove(_ path: String) throws(IndexError) {
        try storage.remove(path)
    }

    /// Removes a folder and everything in it.
    static func removeTree(_ path: String) throws(IndexError) {
        guard isDirectory(path) else {
            try remove(path)
            return
        }
        for name in try list(path) { try removeTree(path + "/" + name) }
        try storage.removeDirectory(path)
    }

    /// Gives the file at `source` a second name, `destination`.
    static func hardLink(_ source: String, as destination: String) throws(IndexError) {
        try storage.link(source, as: destination)
    }

    /// Atomically replaces `destination` with `source`.
    static func replace(_ destination: String, with source: String) throws(IndexError) {
        try storage.rename(source, to: destination)
    }

    /// Writes `text` to `path` durably and atomically: a temporary file, synced, renamed over
    /// `path`, the folder synced; a reader sees the old text or the new, whole.
    static func writeDurably(_ text: String, to path: String) throws(IndexError) {
        let temporary = path + ".tmp"
        let file = try storage.open(temporary, mode: .truncate)
        var failure: IndexError?
        Array(text.utf8).withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                do throws(IndexError) {
                    done += try storage.write(file, UnsafeRawBufferPointer(rebasing: raw[done...]), at: done)
                } catch {
                    failure = error
                    return
                }
            }
        }
        if failure == nil {
            do {
                try storage.sync(file)
            } catch {
                failure = error
            }
        }
        storage.close(file)
        if let failure {
            try? storage.remove(temporary)
            throw failure
        }
        try storage.rename(temporary, to: path)
        try storage.syncDirectory(parentDirectory(path))
    }

    /// Flushes a folder's entries (new, renamed and removed names) to stable storage.
    static func syncDirectory(_ path: String) throws(IndexError) {
        try storage.syncDirectory(path)
    }
}
