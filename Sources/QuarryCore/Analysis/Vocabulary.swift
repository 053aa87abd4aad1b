/// The distinct normalized terms an analyzer (or several analyzers on one thread) produced, each
/// with a dense id. Token buffers carry these ids; the indexer maps them to its own term ids.
final class Vocabulary {
    private var table = ByteStringTable(initialCapacity: 1 << 16)

    var count: Int { table.count }

    /// The id of `term`, added when new.
    @inline(__always)
    func intern(_ term: UnsafeRawBufferPointer) -> Int32 {
        table.intern(term)
    }

    /// The bytes of term `id`, valid until the next `intern`.
    @inline(__always)
    func bytes(of id: Int32) -> UnsafeRawBufferPointer { table.bytes(of: id) }

    /// Bytes held.
    var memoryBytes: Int { table.memoryBytes }

    /// Forgets every term; ids start again from 0 (analyzers sharing it must clear their caches).
    func removeAll() { table.removeAll() }

    /// Term `id` as a string.
    func string(of id: Int32) -> String { String(decoding: bytes(of: id), as: UTF8.self) }
}
