import Foundation

/// What a disk holds after a simulated power loss: folders and files, by path relative to the
/// folder they were under.
struct DiskImage {
    /// Parents before their children.
    var folders: [String] = []
    var files: [String: [UInt8]] = [:]

    /// Writes the image out under `path` (a folder that must not exist yet).
    func materialize(at path: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: path, withIntermediateDirectories: false)
        for folder in folders { try manager.createDirectory(atPath: path + "/" + folder, withIntermediateDirectories: false) }
        // With stdio: Foundation's writes sync each file, which is slow and not needed here.
        for (name, data) in files {
            guard let file = fopen(path + "/" + name, "wb") else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            let written = fwrite(data, 1, data.count, file)
            guard fclose(file) == 0, written == data.count else { throw POSIXError(.EIO) }
        }
    }
}
