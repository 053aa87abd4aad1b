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
        for (name, data) in files {
            guard manager.createFile(atPath: path + "/" + name, contents: Data(data)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path + "/" + name])
            }
        }
    }
}
