/// Which shard of a set of `count` holds a document: the one numbered `hash(id) mod count`, with
/// `hash` the 64-bit FNV-1a of the id's UTF-8 bytes (a rule any language can follow: the Ray
/// package splits input by it, and `add` and `delete` on a shard set follow it).
public struct ShardRoute: Sendable, Hashable, CustomStringConvertible {
    /// This shard's number, from 0.
    public let shard: Int
    /// The shards of the set.
    public let count: Int

    /// Shard `shard` of `count`; nil unless `0 <= shard < count`.
    public init?(shard: Int, of count: Int) {
        guard count >= 1, (0..<count).contains(shard) else { return nil }
        self.shard = shard
        self.count = count
    }

    /// Shard `I/S` as written on the command line (`--shard 2/4`), or nil.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let shard = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(shard: shard, of: count)
    }

    /// The shard of `count` that holds the document with id `id`.
    public static func shard(of id: String, among count: Int) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(max(count, 1)))
    }

    /// Whether this shard holds the document with id `id`.
    public func holds(_ id: String) -> Bool { Self.shard(of: id, among: count) == shard }

    public var description: String { "\(shard)/\(count)" }
}
