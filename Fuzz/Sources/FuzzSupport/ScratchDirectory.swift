import Foundation

/// A fresh folder for a harness's files, in memory when the system has `/dev/shm` (fuzzing writes
/// a file per input), removed when the process exits (libFuzzer ends it with `exit`, so no
/// deinitializer would run).
public enum ScratchDirectory {
    /// Folders to remove at exit.
    nonisolated(unsafe) private static var made: [String] = []

    /// Makes a new folder named after `name` and the process, and returns its path.
    public static func make(_ name: String) -> String {
        let base = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(base)/quarry-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(made.count)"
        try? FileManager.default.removeItem(atPath: path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot make the scratch folder \(path): \(error)")
        }
        if made.isEmpty { atexit { ScratchDirectory.removeAll() } }
        made.append(path)
        return path
    }

    /// Writes `bytes` to `path`, replacing it.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("cannot write \(path)")
        }
    }

    private static func removeAll() {
        for path in made { try? FileManager.default.removeItem(atPath: path) }
    }
}
