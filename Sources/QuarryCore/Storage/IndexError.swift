/// Why an index operation failed. Every case names the file or folder concerned.
public enum IndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The folder holds no Quarry index (no MANIFEST).
    case notAnIndex(path: String)
    /// An index was to be created in a folder that holds other files and no index: Quarry never
    /// removes them.
    case notAnIndexFolder(path: String, foreignFile: String)
    /// An index was to be created where one exists already (`Index.createWriter(at:replacing:)`
    /// replaces it).
    case alreadyExists(path: String)
    /// A writer holds the lock: the process and, when it wrote them, its program and command
    /// (`quarry-serve`).
    case locked(path: String, pid: Int32?, holder: String?)
    /// The writer's `LOCK` was removed or replaced while it held it (the folder was deleted or
    /// made again): the writer writes and removes nothing more there, since another writer may
    /// own the folder now. Its changes since the last commit are lost; open the index again.
    case lockLost(path: String)
    /// The writer was closed (`IndexWriter.close()`): it takes no more changes.
    case writerClosed(path: String)
    /// A file is damaged: bad magic, version, checksum, structure, or a value out of range.
    case corrupt(file: String, reason: String)
    /// A file format version this build does not read.
    case unsupportedVersion(file: String, found: UInt32, supported: UInt32)
    /// A system call failed (its operation and error message).
    case io(path: String, operation: String, message: String)
    /// An argument that cannot be used (an unknown id format, a bad option value).
    case invalidArgument(String)
    /// A document given in code that the schema refuses (a member it has no field for, a value
    /// that does not fit its field, a type that does not encode as a document), with its id
    /// when it has one. Nothing of it was added.
    case invalidDocument(id: String?, reason: String)
    /// An input refused under `IndexingOptions.strict`: the warning that stopped the add.
    case rejectedInput(IngestWarning)
    /// The task running the operation was cancelled; nothing of it was committed.
    case cancelled

    /// The message, naming the file or folder.
    public var description: String {
        switch self {
        case .notAnIndex(let path): return "\(path): not a Quarry index (no MANIFEST)"
        case .notAnIndexFolder(let path, let file):
            return "\(path): not empty and not a Quarry index (it holds '\(file)'); give a new or empty folder"
        case .alreadyExists(let path): return "\(path): an index exists already"
        case .locked(let path, let pid, let holder):
            let process = "process \(pid.map(String.init) ?? "unknown")" + (holder.map { " (\($0))" } ?? "")
            return "\(path): index is locked by \(process): one writer at a time"
        case .lockLost(let path):
            return "\(path): this writer's LOCK was removed or replaced (was the folder deleted or made again?): "
                + "it writes nothing more there; its changes since the last commit are lost"
        case .writerClosed(let path): return "\(path): this writer is closed: open a new one to make changes"
        case .corrupt(let file, let reason): return "\(file): corrupt: \(reason)"
        case .unsupportedVersion(let file, let found, let supported):
            return "\(file): format version \(found), this build reads version \(supported): rebuild the index with quarry-index build --force"
        case .io(let path, let operation, let message): return "\(path): \(operation) failed: \(message)"
        case .invalidArgument(let message): return message
        case .invalidDocument(let id, let reason):
            return (id.map { "document '\(ControlCharacters.forDisplay($0))': " } ?? "document: ") + reason
        case .rejectedInput(let warning): return warning.description
        case .cancelled: return "cancelled: nothing of the operation was committed"
        }
    }
}
