#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The deletion policy: which of Quarry's files in an index folder may go. A file stays while the
/// current commit or any commit an open reader holds (`CommitHold`) uses it; everything else
/// that Quarry named (`IndexFileName`) is removed. Files with other names are never touched.
/// Writers run it when they open and right after each commit, when they have no segments
/// outside the current commit.
enum IndexFileDeleter {
    /// Removes the files no one uses. `current` is the live commit (nil before the first one).
    static func removeUnused(directory: String, current: Manifest?) throws(IndexError) {
        let names = try FileSystem.list(directory)
        var keep = current?.fileNames ?? []
        if let current { keep.insert(IndexFileName.manifest(generation: current.generation)) }
        for name in names {
            guard case .manifestGeneration(let generation) = IndexFileName(name), generation != current?.generation else { continue }
            if let held = try retireUnlessHeld(directory: directory, name: name) { keep.formUnion(held.fileNames) }
        }
        for name in names where !keep.contains(name) {
            switch IndexFileName(name) {
            case .segmentFile, .manifestTemporary: try FileSystem.remove("\(directory)/\(name)")
            case .manifest, .manifestGeneration, .lock, .synonyms, nil: break
            }
        }
    }

    /// Removes an old generation's manifest unless a reader holds it; returns the held commit.
    private static func retireUnlessHeld(directory: String, name: String) throws(IndexError) -> Manifest? {
        let path = "\(directory)/\(name)"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "open", message: systemErrorMessage())
        }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            try FileSystem.remove(path)
            return nil
        }
        guard errno == EWOULDBLOCK else { throw .io(path: path, operation: "flock", message: systemErrorMessage()) }
        return try Manifest.read(path: path, directory: directory)
    }
}
