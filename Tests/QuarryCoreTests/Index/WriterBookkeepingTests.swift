import QuarryTestSupport
import Testing
@testable import QuarryCore

/// `ReadOrder` against a plain array of read numbers: runs of consecutive numbers, as workers
/// taking batches give them, and single jumps.
@Suite struct ReadOrderTests {
    @Test(arguments: [1, 2, 3, 4])
    func sequencesMatchAPlainArray(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var order = ReadOrder()
        var plain: [Int] = []
        var next = Int.random(in: 0..<1000, using: &generator)
        for _ in 0..<Int.random(in: 1...40, using: &generator) {
            // A batch: a run of consecutive numbers, then a jump past other workers' batches.
            for _ in 0..<Int.random(in: 1...70, using: &generator) {
                order.append(next)
                plain.append(next)
                next += 1
            }
            next += Int.random(in: 1...200, using: &generator)
        }
        #expect(order.count == plain.count)
        for doc in plain.indices {
            #expect(order.sequence(of: doc) == plain[doc], "document \(doc)")
        }
    }

    @Test func runsCostLessThanANumberADocument() {
        var order = ReadOrder()
        for batch in 0..<100 {
            for k in 0..<64 { order.append(batch * 128 + k) }
        }
        #expect(order.sequence(of: 0) == 0 && order.sequence(of: 64) == 128 && order.sequence(of: 6399) == 99 * 128 + 63)
        #expect(order.memoryBytes < 6400)
    }
}

/// `IDHashSet` against a plain `Set`: the same answers, and memory counted as it grows.
@Suite struct IDHashSetTests {
    @Test func insertsMatchASet() {
        var generator = SeededGenerator(seed: 5)
        var set = IDHashSet()
        var plain = Set<UInt64>()
        var grew = 0
        for _ in 0..<20_000 {
            // Some repeats, and hashes spread over every part.
            let hash = Bool.random(using: &generator) && !plain.isEmpty ? plain.randomElement(using: &generator)! : UInt64.random(in: 0...UInt64.max, using: &generator)
            let before = set.memoryBytes
            #expect(set.insert(hash) == plain.insert(hash).inserted)
            if set.memoryBytes > before { grew += 1 }
        }
        #expect(grew >= 256, "each part's growth is counted")
        #expect(set.memoryBytes >= plain.count * MemoryLayout<UInt64>.stride)
    }
}
