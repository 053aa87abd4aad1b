import Foundation
import QuarryTestSupport
@testable import QuarryCore

/// A `Storage` for tests, after SQLite's test VFS and CrashMonkey. Calls on paths outside `root`
/// go straight to the system, so tests in other folders are unaffected. Calls under `root` go to
/// the system too, but first they are numbered (every call but `close`), and:
///
/// - the call numbered `failing` fails instead, with `ENOSPC` for a write and `EIO` otherwise,
///   its error kept in `injected`;
/// - with `shortWrites`, every write writes only half of what it is given;
/// - the storage tracks what a power loss would keep: each file's data as of its last sync, and
///   each folder's entries as of its last sync, with the changes made since, in order. With
///   `recordsPowerLoss`, before every call it records the disk a power loss at that point would
///   leave (`powerLossImages`): once with everything not durable lost, and `tornImagesPerCall`
///   times torn (each file not synced keeps a random prefix of its new data, each folder a random
///   subset of its changes since its sync, replayed in order).
///
/// What is under `root` when the storage is made counts as durable. Syncs under `root` only
/// update the model (the system's are slow, and what they would make durable is modelled).
final class SimulatedStorage: Storage, @unchecked Sendable {
    let root: String
    private let system = SystemStorage()
    private let lock = NSLock()
    private let failing: Int?
    private let shortWrites: Bool
    private let recordsPowerLoss: Bool
    private let tornImagesPerCall: Int
    private var random: SeededGenerator
    private var calls = 0
    private var failure: IndexError?
    private var tree: Node
    private var files: [Int32: Node] = [:]
    /// Descriptors opened through this storage (anywhere) and not closed yet, and the closes of
    /// a descriptor that was not open: a double close, which can close another thread's file.
    private var open: Set<Int32> = []
    private var strayCloses: [Int32] = []
    private var images: [[DiskImage]] = []

    init(root: String, failing: Int? = nil, shortWrites: Bool = false, recordsPowerLoss: Bool = false,
         tornImagesPerCall: Int = 2, seed: UInt64 = 1) {
        self.root = root
        self.failing = failing
        self.shortWrites = shortWrites
        self.recordsPowerLoss = recordsPowerLoss
        self.tornImagesPerCall = tornImagesPerCall
        random = SeededGenerator(seed: seed)
        tree = Node.adopting(root)
    }

    /// The calls made under `root` so far.
    var callCount: Int { lock.withLock { calls } }

    /// The error the failing call threw, once it was made.
    var injected: IndexError? { lock.withLock { failure } }

    /// For each call made so far, then for now: the disks a power loss would leave (the first
    /// with everything not durable lost, then the torn ones).
    var powerLossImages: [[DiskImage]] {
        lock.withLock { images + [disks()] }
    }

    /// Runs `body` with this storage as the process's, then puts the previous one back.
    func installed<R>(_ body: () throws -> R) rethrows -> R {
        let previous = FileSystem.storage
        FileSystem.storage = self
        defer { FileSystem.storage = previous }
        return try body()
    }

    // MARK: Storage

    /// Closes of descriptors this storage had not opened or had closed already.
    var doubleCloses: [Int32] { lock.withLock { strayCloses } }

    func open(_ path: String, mode: OpenMode) throws(IndexError) -> StorageFile {
        let file = try openFile(path, mode: mode)
        lock.withLock { _ = open.insert(file.descriptor) }
        return file
    }

    private func openFile(_ path: String, mode: OpenMode) throws(IndexError) -> StorageFile {
        guard let place = place(path) else { return try system.open(path, mode: mode) }
        return try tracked(path, "open") { () throws(IndexError) in
            let file = try system.open(path, mode: mode)
            let node: Node
            if let existing = place.folder.entries[place.name] {
                node = existing
                if mode == .truncate { node.data = [] }
            } else {
                node = Node(isFolder: false)
                place.folder.entries[place.name] = node
                place.folder.changes.append(.link(place.name, node))
            }
            files[file.descriptor] = node
            return file
        }
    }

    func write(_ file: StorageFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(IndexError) -> Int {
        guard lock.withLock({ files[file.descriptor] }) != nil else { return try system.write(file, bytes, at: offset) }
        return try tracked(file.path, "write") { () throws(IndexError) in
            let part = shortWrites && bytes.count > 1 ? UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count / 2)]) : bytes
            let written = try system.write(file, part, at: offset)
            let node = files[file.descriptor]!
            if node.data.count < offset + written { node.data += [UInt8](repeating: 0, count: offset + written - node.data.count) }
            node.data.replaceSubrange(offset..<(offset + written), with: part[..<written])
            return written
        }
    }

    func read(_ file: StorageFile, count: Int, at offset: Int) throws(IndexError) -> [UInt8] {
        guard lock.withLock({ files[file.descriptor] }) != nil else { return try system.read(file, count: count, at: offset) }
        return try tracked(file.path, "read") { () throws(IndexError) in try system.read(file, count: count, at: offset) }
    }

    func truncate(_ file: StorageFile, to size: Int) throws(IndexError) {
        guard lock.withLock({ files[file.descriptor] }) != nil else { return try system.truncate(file, to: size) }
        try tracked(file.path, "truncate") { () throws(IndexError) in
            try system.truncate(file, to: size)
            let node = files[file.descriptor]!
            node.data = Array(node.data.prefix(size)) + [UInt8](repeating: 0, count: max(0, size - node.data.count))
        }
    }

    func sync(_ file: StorageFile) throws(IndexError) {
        guard lock.withLock({ files[file.descriptor] }) != nil else { return try system.sync(file) }
        try tracked(file.path, "fsync") { () throws(IndexError) in
            let node = files[file.descriptor]!
            node.durableData = node.data
        }
    }

    func lock(_ file: StorageFile) throws(IndexError) -> Bool {
        guard lock.withLock({ files[file.descriptor] }) != nil else { return try system.lock(file) }
        return try tracked(file.path, "flock") { () throws(IndexError) in try system.lock(file) }
    }

    func isName(_ path: String, of file: StorageFile) throws(IndexError) -> Bool {
        guard isTracked(path) else { return try system.isName(path, of: file) }
        return try tracked(path, "stat") { () throws(IndexError) in try system.isName(path, of: file) }
    }

    func close(_ file: StorageFile) {
        lock.withLock {
            files[file.descriptor] = nil
            if open.remove(file.descriptor) == nil { strayCloses.append(file.descriptor) }
        }
        system.close(file)
    }

    func rename(_ source: String, to destination: String) throws(IndexError) {
        guard let from = place(source), let to = place(destination) else { return try system.rename(source, to: destination) }
        try tracked(destination, "rename") { () throws(IndexError) in
            try system.rename(source, to: destination)
            guard let node = from.folder.entries.removeValue(forKey: from.name) else { return }
            to.folder.entries[to.name] = node
            if from.folder === to.folder {
                to.folder.changes.append(.rename(from.name, to.name, node))
            } else {
                from.folder.changes.append(.unlink(from.name))
                to.folder.changes.append(.link(to.name, node))
            }
        }
    }

    func link(_ source: String, as destination: String) throws(IndexError) {
        guard let from = place(source), let to = place(destination) else { return try system.link(source, as: destination) }
        try tracked(destination, "link") { () throws(IndexError) in
            try system.link(source, as: destination)
            guard let node = from.folder.entries[from.name] else { return }
            to.folder.entries[to.name] = node
            to.folder.changes.append(.link(to.name, node))
        }
    }

    func remove(_ path: String) throws(IndexError) {
        try removeName(path, "unlink") { () throws(IndexError) in try system.remove(path) }
    }

    func makeDirectory(_ path: String) throws(IndexError) {
        guard let place = place(path) else { return try system.makeDirectory(path) }
        try tracked(path, "mkdir") { () throws(IndexError) in
            try system.makeDirectory(path)
            guard place.folder.entries[place.name] == nil else { return }
            let node = Node(isFolder: true)
            place.folder.entries[place.name] = node
            place.folder.changes.append(.link(place.name, node))
        }
    }

    func removeDirectory(_ path: String) throws(IndexError) {
        try removeName(path, "rmdir") { () throws(IndexError) in try system.removeDirectory(path) }
    }

    func list(_ path: String) throws(IndexError) -> [String] {
        guard isTracked(path) else { return try system.list(path) }
        return try tracked(path, "opendir") { () throws(IndexError) in try system.list(path) }
    }

    func syncDirectory(_ path: String) throws(IndexError) {
        guard isTracked(path) else { return try system.syncDirectory(path) }
        try tracked(path, "fsync") { () throws(IndexError) in
            guard let folder = node(at: components(path) ?? []), folder.isFolder else {
                throw .io(path: path, operation: "open", message: systemErrorMessage(ENOENT))
            }
            folder.durableEntries = folder.entries
            folder.changes = []
        }
    }

    func map(_ path: String, populate: Bool) throws(IndexError) -> UnsafeRawBufferPointer {
        guard isTracked(path) else { return try system.map(path, populate: populate) }
        return try tracked(path, "mmap") { () throws(IndexError) in try system.map(path, populate: populate) }
    }

    // MARK: Calls

    /// Numbers a call under `root`, records the power-loss images before it, fails it when it is
    /// the chosen one, and otherwise makes it (`body` runs under the lock, to update the model).
    private func tracked<R>(_ path: String, _ operation: String, _ body: () throws(IndexError) -> R) throws(IndexError) -> R {
        lock.lock()
        defer { lock.unlock() }
        calls += 1
        if recordsPowerLoss { images.append(disks()) }
        if calls == failing {
            let code = operation == "write" ? ENOSPC : EIO
            let error = IndexError.io(path: path, operation: operation, message: "\(systemErrorMessage(code)) (injected)")
            failure = error
            throw error
        }
        return try body()
    }

    /// Where `path` goes in the model: its folder's node and its name; nil outside `root` (or in
    /// a folder the model does not know, which cannot happen for paths made through it).
    private func place(_ path: String) -> (folder: Node, name: String)? {
        guard let parts = components(path), let name = parts.last else { return nil }
        return lock.withLock {
            guard let folder = node(at: parts.dropLast()), folder.isFolder else { return nil }
            return (folder, name)
        }
    }

    private func isTracked(_ path: String) -> Bool { components(path) != nil }

    /// `path`'s components below `root`; nil when it is not `root` or under it.
    private func components(_ path: String) -> [String]? {
        guard path == root || path.hasPrefix(root + "/") else { return nil }
        return path.dropFirst(root.count).split(separator: "/").map(String.init).filter { $0 != "." }
    }

    private func node(at components: some Collection<String>) -> Node? {
        var node = tree
        for name in components {
            guard let next = node.entries[name] else { return nil }
            node = next
        }
        return node
    }

    /// Removes `path`'s name with `call`, and from the model.
    private func removeName(_ path: String, _ operation: String, _ call: () throws(IndexError) -> Void) throws(IndexError) {
        guard let place = place(path) else { return try call() }
        try tracked(path, operation) { () throws(IndexError) in
            try call()
            if place.folder.entries.removeValue(forKey: place.name) != nil { place.folder.changes.append(.unlink(place.name)) }
        }
    }

    // MARK: Power loss

    /// The disks a power loss now would leave: everything not durable lost, then torn ones.
    private func disks() -> [DiskImage] {
        var disks = [DiskImage()]
        collect(tree, at: "", torn: false, into: &disks[0])
        for _ in 0..<tornImagesPerCall {
            var disk = DiskImage()
            collect(tree, at: "", torn: true, into: &disk)
            disks.append(disk)
        }
        return disks
    }

    /// Adds what of `folder` survives, at relative path `prefix`, to `disk`.
    private func collect(_ folder: Node, at prefix: String, torn: Bool, into disk: inout DiskImage) {
        var entries = folder.durableEntries
        if torn {
            for change in folder.changes where Bool.random(using: &random) { change.apply(to: &entries) }
        }
        for (name, node) in entries {
            let path = prefix.isEmpty ? name : prefix + "/" + name
            if node.isFolder {
                disk.folders.append(path)
                collect(node, at: path, torn: torn, into: &disk)
            } else {
                disk.files[path] = torn ? tornData(node) : node.durableData
            }
        }
    }

    /// A file's data after a power loss that tore its writes since its last sync: a random prefix
    /// of what it holds now, never shorter than what it shares with its durable data, or (when it
    /// was truncated and rewritten since) that durable data.
    private func tornData(_ node: Node) -> [UInt8] {
        let shared = zip(node.data, node.durableData).prefix { $0 == $1 }.count
        if shared < node.durableData.count && Bool.random(using: &random) { return node.durableData }
        return Array(node.data.prefix(Int.random(in: shared...node.data.count, using: &random)))
    }

    /// A file or folder of the model.
    private final class Node {
        let isFolder: Bool
        /// A file's data now, and as of its last sync.
        var data: [UInt8] = []
        var durableData: [UInt8] = []
        /// A folder's entries now, as of its last sync, and the changes since, in order.
        var entries: [String: Node] = [:]
        var durableEntries: [String: Node] = [:]
        var changes: [Change] = []

        init(isFolder: Bool) {
            self.isFolder = isFolder
        }

        /// The model of what is at `path` on disk, all of it durable.
        static func adopting(_ path: String) -> Node {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let node = Node(isFolder: isFolder.boolValue)
            if isFolder.boolValue {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                    node.entries[name] = adopting(path + "/" + name)
                }
                node.durableEntries = node.entries
            } else {
                node.data = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                node.durableData = node.data
            }
            return node
        }
    }

    /// A change to a folder's entries not yet made durable by syncing the folder.
    private enum Change {
        case link(String, Node)
        case unlink(String)
        case rename(String, String, Node)

        func apply(to entries: inout [String: Node]) {
            switch self {
            case .link(let name, let node): entries[name] = node
            case .unlink(let name): entries[name] = nil
            case .rename(let source, let destination, let node):
                entries[source] = nil
                entries[destination] = node
            }
        }
    }
}
