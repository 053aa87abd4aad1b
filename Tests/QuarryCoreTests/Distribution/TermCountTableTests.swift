import QuarryTestSupport
import Testing
@testable import QuarryCore

/// Term count tables against plain dictionaries and filters: sums, lookups and prefix ranges.
@Suite struct TermCountTableTests {
    private static let alphabet: [UInt8] = [0x61, 0x62, 0x63, 0xFF]

    private func randomTerm(_ generator: inout SeededGenerator) -> [UInt8] {
        (0..<Int.random(in: 1...4, using: &generator)).map { _ in Self.alphabet.randomElement(using: &generator)! }
    }

    private func table(_ entries: [[UInt8]: (Int, Int)]) -> TermCountTable {
        var table = TermCountTable()
        for term in entries.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            table.append(term, documents: entries[term]!.0, titleOnly: entries[term]!.1)
        }
        return table
    }

    @Test func summingEqualsAddingUpDictionaries() {
        var generator = SeededGenerator(seed: 4242)
        for _ in 0..<50 {
            var parts: [[[UInt8]: (Int, Int)]] = []
            var expected: [[UInt8]: (Int, Int)] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                var part: [[UInt8]: (Int, Int)] = [:]
                for _ in 0..<Int.random(in: 0...30, using: &generator) {
                    part[randomTerm(&generator)] = (Int.random(in: 0...9, using: &generator), Int.random(in: 0...3, using: &generator))
                }
                for (term, counts) in part {
                    let sum = expected[term] ?? (0, 0)
                    expected[term] = (sum.0 + counts.0, sum.1 + counts.1)
                }
                parts.append(part)
            }
            let summed = TermCountTable.summing(parts.map(table))
            #expect(summed == table(expected))
            #expect(summed.isSorted)
        }
    }

    @Test func lookupsAndPrefixRangesEqualLinearScans() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<50 {
            var entries: [[UInt8]: (Int, Int)] = [:]
            for _ in 0..<Int.random(in: 0...40, using: &generator) { entries[randomTerm(&generator)] = (1, 0) }
            let table = table(entries)
            let terms = (0..<table.count).map { Array(table.term($0)) }
            for _ in 0..<20 {
                let key = Int.random(in: 0..<5, using: &generator) == 0 ? [] : randomTerm(&generator)
                #expect(table.lowerBound(key) == (terms.firstIndex { !$0.lexicographicallyPrecedes(key) } ?? terms.count))
                #expect(table.position(of: key) == terms.firstIndex(of: key))
                let start = table.lowerBound(key)
                let inRange = Array(terms[start..<table.end(ofPrefix: key)])
                #expect(inRange == terms.filter { $0.starts(with: key) }, "prefix \(key)")
            }
        }
    }
}
