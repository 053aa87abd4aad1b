#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system operations the index needs, each failing with `IndexError.io` naming the path.
/// Durability: `sync` a file after writing it, `syncDirectory` after creating, renaming or
/// removing entries, so a commit survives a crash or power loss.
enum FileSystem {
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

    static func makeDirectory(_ path: String) throws(IndexError) {
        if isDirectory(path) { return }
        // Create parents first.
        if let slash = path.dropLast().lastIndex(of: "/"), slash > path.startIndex {
            try makeDirectory(String(path[..<slash]))
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw .io(path: path, operation: "mkdir", message: systemErrorMessage())
        }
    }

    /// The names in a folder (no `.` and `..`), sorted.
    static func list(_ path: String) throws(IndexError) -> [String] {
        guard let directory = opendir(path) else {
            throw .io(path: path, operation: "opendir", message: systemErrorMessage())
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func remove(_ path: String) throws(IndexError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw .io(path: path, operation: "unlink", message: systemErrorMessage())
        }
    }

    /// Removes a folder and everything in it.
    static func removeTree(_ path: String) throws(IndexError) {
        guard isDirectory(path) else {
            try remove(path)
            return
        }
        for name in try list(path) { try removeTree(path + "/" + name) }
        if rmdir(path) != 0 && errno != ENOENT {
            throw .io(path: path, operation: "rmdir", message: systemErrorMessage())
        }
    }

    /// Gives the file at `source` a second name, `destination`.
    static func hardLink(_ source: String, as destination: String) throws(IndexError) {
        if link(source, destination) != 0 {
            throw .io(path: destination, operation: "link", message: systemErrorMessage())
        }
    }

    /// Atomically replaces `destination` with `source`.
    static func replace(_ destination: String, with source: String) throws(IndexError) {
        if rename(source, destination) != 0 {
            throw .io(path: destination, operation: "rename", message: systemErrorMessage())
        }
    }

    /// Flushes a file's data to stable storage.
    static func sync(_ path: String) throws(IndexError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, operation: "open", message: systemErrorMessage()) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw .io(path: path, operation: "fsync", message: systemErrorMessage()) }
    }

    /// Flushes a folder's entries (new, renamed and removed names) to stable storage.
    static func syncDirectory(_ path: String) throws(IndexError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw .io(path: path, operation: "open", message: systemErrorMessage()) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw .io(path: path, operation: "fsync", message: systemErrorMessage()) }
    }
}
