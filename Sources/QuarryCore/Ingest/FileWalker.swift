#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the files to read under the paths given: files as they are, folders recursively in
/// name order, following symbolic links but never into a folder twice (so link loops end).
struct FileWalker {
    /// A file to read. Its path, as reached from the path given (without a leading `./`), is the
    /// id of a text, Markdown or HTML document: the same file gets the same id whether its folder
    /// or the file itself is named, so adding it again replaces it.
    struct Entry: Equatable {
        var path: String
    }

    /// `path` without leading `./` and trailing `/`.
    static func normalize(_ path: String) -> String {
        var path = path[...]
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// The readable files of known kinds under `paths` (every file named directly); problems
    /// (missing paths, unreadable folders, loops) go to `warn`.
    static func files(_ paths: [String], warn: (IngestWarning) throws -> Void) rethrows -> [Entry] {
        var entries: [Entry] = []
        var visited = Set<FileIdentity>()
        for path in paths.map(normalize) {
            var info = stat()
            guard stat(path, &info) == 0 else {
                try warn(IngestWarning(.unreadable, path: path, message: "cannot read: \(String(cString: strerror(errno)))"))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                try walk(path, into: &entries, visited: &visited, warn: warn)
            } else {
                entries.append(Entry(path: path))
            }
        }
        return entries
    }

    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private static func walk(_ folder: String, into entries: inout [Entry],
                             visited: inout Set<FileIdentity>, warn: (IngestWarning) throws -> Void) rethrows {
        var info = stat()
        guard stat(folder, &info) == 0 else { return }
        guard visited.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
            try warn(IngestWarning(.notice, path: folder, message: "already read (a symbolic link loop or a second link): skipped"))
            return
        }
        guard let directory = opendir(folder) else {
            try warn(IngestWarning(.unreadable, path: folder, message: "cannot read folder: \(String(cString: strerror(errno)))"))
            return
        }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(directory)
        for name in names.sorted() {
            let path = folder == "." ? name : folder + "/" + name
            var child = stat()
            guard stat(path, &child) == 0 else {
                try warn(IngestWarning(.unreadable, path: path, message: "cannot read: \(String(cString: strerror(errno)))"))
                continue
            }
            if child.st_mode & S_IFMT == S_IFDIR {
                try walk(path, into: &entries, visited: &visited, warn: warn)
            } else if child.st_mode & S_IFMT == S_IFREG, InputFormat.detect(name) != nil {
                entries.append(Entry(path: path))
            }
        }
    }
}
