#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory. Immutable once open, so readers on any thread can
/// share it; the mapping stays valid after the file is unlinked, until the last reader lets go.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer

    /// Maps `path`. With `populate` (for what queries read all over: terms, postings, positions)
    /// its pages are mapped at once, so first queries take no page faults; without it (stored
    /// text, read a block per hit) pages are mapped as they are touched, and opening stays fast.
    init(path: String, populate: Bool = true) throws(IndexError) {
        self.path = path
        bytes = try FileSystem.storage.map(path, populate: populate)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    var count: Int { bytes.count }
}
