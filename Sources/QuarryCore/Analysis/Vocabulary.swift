/// The distinct normalized terms an analyzer (or several analyzers on one thread) produced, each
/// with a dense id. Token buffers carry these ids; the indexer maps them to its own term ids.
final class Vocabulary {
    /// In a cell: interning, on the analyzer's per-token path, runs without exclusivity checks.
    private let table = PointerCell(ByteStringTable(initialCapacity: 1 << 16))

    var count: Int { table.value.count }

    /// The id of `term`, added when new.
    @inline(__always)
    func intern(_ term: UnsafeRawBufferPointer) -> Int32 {
        table.value.intern(term)
    }

    /// The bytes of term `id`, valid until the next `intern`.
    @inline(__always)
    func bytes(of id: Int32) -> UnsafeRawBufferPointer { table.value.bytes(of: id) }

    /// Bytes held.
    var memoryBytes: Int { table.value.memoryBytes }

    /// Forgets every term; ids start again from 0 (analyzers sharing it must clear their caches).
    func removeAll() { table.value.removeAll() }

    /// Term `id` as a string.
    func string(of id: Int32) -> String { String(decoding: bytes(of: id), as: UTF8.self) }
}
