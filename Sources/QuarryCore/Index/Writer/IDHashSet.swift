/// The hashes of the ids an add has read, to tell a repeat where it is read. Kept as 256 sets
/// by the hash's top byte, so that growing rehashes a 256th of it at a time: its memory grows
/// in small steps, which the add's budget follows as it goes (`memoryBytes`), never in one
/// jump to three times its size while the old table and the new one are both held.
struct IDHashSet {
    private var parts = [Set<UInt64>](repeating: [], count: 256)
    /// Bytes of the tables' buckets (a set keeps a quarter of them free).
    private(set) var memoryBytes = 0

    /// Adds `hash`; false when it was in already.
    mutating func insert(_ hash: UInt64) -> Bool {
        let part = Int(truncatingIfNeeded: hash >> 56)
        let before = parts[part].capacity
        let inserted = parts[part].insert(hash).inserted
        let after = parts[part].capacity
        if after != before { memoryBytes += (after - before) * MemoryLayout<UInt64>.stride * 4 / 3 }
        return inserted
    }
}
