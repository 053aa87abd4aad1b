import CQuarry

/// An interning table of byte strings: each distinct string gets a dense `Int32` id (0, 1, 2, ...)
/// in the order it was first inserted, and its bytes can be read back by id.
///
/// Open addressing with linear probing over a power-of-two array of 16-byte slots. A slot holds
/// 24 bits of the hash, the length, the id and the string's first 8 bytes, so strings of up to 8
/// bytes (most words) are found without touching the arena where all the strings live. Lookups
/// and inserts allocate nothing once the table has grown, which is what the analyzer's cache and
/// the indexer's term maps need on their per-token paths. A noncopyable value: keep it inside the
/// struct whose hot loop uses it.
struct ByteStringTable: ~Copyable {
    private struct Slot {
        /// 0 when empty; else hash tag (bits 40-63), length capped at 255 (bits 32-39), id + 1.
        var meta: UInt64
        /// The first 8 bytes of the string, zero-padded.
        var prefix: UInt64
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private var arena: GrowableBuffer<UInt8>
    /// Start offset of each id's bytes in the arena; `offsets[id + 1]` is its end.
    private var offsets: GrowableBuffer<Int>

    init(initialCapacity: Int = 1024) {
        var slotCount = 16
        while slotCount < initialCapacity * 2 { slotCount <<= 1 }
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(meta: 0, prefix: 0), count: slotCount)
        mask = slotCount - 1
        arena = GrowableBuffer(capacity: max(64, initialCapacity * 8))
        offsets = GrowableBuffer(capacity: initialCapacity + 1)
        offsets.append(0)
    }

    deinit { slots.deallocate() }

    /// The number of distinct strings.
    var count: Int { offsets.count - 1 }

    /// Bytes held by the table (slots, arena, offsets): what memory accounting charges it.
    var memoryBytes: Int { (mask + 1) * MemoryLayout<Slot>.stride + arena.memoryBytes + offsets.memoryBytes }

    /// Removes every string; ids start again from 0.
    mutating func removeAll() {
        slots.update(repeating: Slot(meta: 0, prefix: 0), count: mask + 1)
        arena.removeAll()
        offsets.removeAll()
        offsets.append(0)
    }

    /// The first 8 bytes of `bytes`, zero-padded, as the slots hold them.
    @inline(__always)
    static func prefix(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        if bytes.count >= 8 { return base.loadUnaligned(as: UInt64.self) }
        var value: UInt64 = 0
        for i in 0..<bytes.count { value |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(i)) }
        return value
    }

    /// Starts loading the slot where a string of `hash` would be, for a lookup soon after.
    @inline(__always)
    func prefetch(hash: UInt64) {
        cq_prefetch(slots + (Int(truncatingIfNeeded: hash) & mask))
    }

    /// The id of `bytes`, or nil. `hash` is `ByteHash.hash(bytes)`, `prefix` is `prefix(of: bytes)`.
    @inline(__always)
    func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64, prefix: UInt64) -> Int32? {
        let (index, found) = probe(bytes, hash: hash, prefix: prefix)
        return found ? Int32(slots[index].meta & 0xFFFF_FFFF) - 1 : nil
    }

    /// The id of `bytes`, or nil.
    func find(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        find(bytes, hash: ByteHash.hash(bytes), prefix: Self.prefix(of: bytes))
    }

    /// The id of `bytes`, inserting it when new. `hash` and `prefix` as for `find`.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeRawBufferPointer, hash: UInt64, prefix: UInt64) -> Int32 {
        let (index, found) = probe(bytes, hash: hash, prefix: prefix)
        if found { return Int32(slots[index].meta & 0xFFFF_FFFF) - 1 }
        let id = count
        arena.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        offsets.append(arena.count)
        slots[index] = Slot(meta: Self.tag(hash: hash, length: bytes.count) | UInt64(id + 1), prefix: prefix)
        if count * 2 > mask + 1 { grow() }
        return Int32(id)
    }

    /// The id of `bytes`, inserting it when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        intern(bytes, hash: ByteHash.hash(bytes), prefix: Self.prefix(of: bytes))
    }

    /// The bytes of `id`, valid until the next insert.
    @inline(__always)
    func bytes(of id: Int32) -> UnsafeRawBufferPointer {
        let start = offsets[Int(id)]
        return UnsafeRawBufferPointer(start: arena.base + start, count: offsets[Int(id) + 1] - start)
    }

    @inline(__always)
    private static func tag(hash: UInt64, length: Int) -> UInt64 {
        (hash & 0xFFFF_FF00_0000_0000) | UInt64(min(length, 255)) << 32
    }

    /// The slot holding `bytes` (found), or the empty slot where it would go.
    @inline(__always)
    private func probe(_ bytes: UnsafeRawBufferPointer, hash: UInt64, prefix: UInt64) -> (Int, Bool) {
        let tag = Self.tag(hash: hash, length: bytes.count)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.meta == 0 { return (index, false) }
            if slot.meta & 0xFFFF_FFFF_0000_0000 == tag, slot.prefix == prefix {
                if bytes.count <= 8 { return (index, true) }
                let id = Int(slot.meta & 0xFFFF_FFFF) - 1
                let start = offsets[id]
                if offsets[id + 1] - start == bytes.count,
                   ByteComparison.equal(UnsafeRawPointer(arena.base + start + 8), bytes.baseAddress! + 8, count: bytes.count - 8) {
                    return (index, true)
                }
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let oldSlots = slots
        let oldCount = mask + 1
        let newCount = oldCount * 2
        slots = .allocate(capacity: newCount)
        slots.initialize(repeating: Slot(meta: 0, prefix: 0), count: newCount)
        mask = newCount - 1
        for i in 0..<oldCount where oldSlots[i].meta != 0 {
            let id = Int32(oldSlots[i].meta & 0xFFFF_FFFF) - 1
            let hash = ByteHash.hash(bytes(of: id))
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index].meta != 0 { index = (index + 1) & mask }
            slots[index] = oldSlots[i]
        }
        oldSlots.deallocate()
    }
}
