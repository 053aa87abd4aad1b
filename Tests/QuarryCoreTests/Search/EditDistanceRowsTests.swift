import QuarryTestSupport
import Testing
@testable import QuarryCore

/// `EditDistanceRows` against the textbook optimal-string-alignment table
/// (`referenceEditDistance`), computed afresh for each pair: random words and sorted term lists over a small alphabet (ASCII and multi-byte
/// scalars, so shared byte prefixes cut scalars), every distance within the bound, and every
/// dead prefix really dead for each term that starts with it.
@Suite struct EditDistanceRowsTests {
    private static let alphabet: [Unicode.Scalar] = ["a", "b", "c", "d", "e", "é", "ß", "ж", "中", "😀"]

    private static func word(_ generator: inout SeededGenerator, length: ClosedRange<Int>) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: length, using: &generator) { scalars.append(alphabet.randomElement(using: &generator)!) }
        return String(scalars)
    }

    /// A random word, a bound from 0 to 2, and `count` random terms plus `near` edits of the
    /// word (one or two each), sorted by bytes as a dictionary is.
    private static func randomCase(_ generator: inout SeededGenerator, terms count: Int, near: Int)
        -> (query: String, bound: Int, sorted: [[UInt8]]) {
        let query = word(&generator, length: 1...6)
        let bound = Int.random(in: 0...2, using: &generator)
        var terms = Set<String>()
        for _ in 0..<count { terms.insert(word(&generator, length: 1...7)) }
        for _ in 0..<near {
            var scalars = Array(query.unicodeScalars)
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let i = Int.random(in: 0...scalars.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where i < scalars.count: scalars.remove(at: i)
                case 1: scalars.insert(alphabet.randomElement(using: &generator)!, at: i)
                case 2 where i < scalars.count: scalars[i] = alphabet.randomElement(using: &generator)!
                case 3 where i + 1 < scalars.count: scalars.swapAt(i, i + 1)
                default: break
                }
            }
            if !scalars.isEmpty { terms.insert(String(String.UnicodeScalarView(scalars))) }
        }
        return (query, bound, terms.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test(arguments: [1, 2, 3, 4]) func distancesAndDeadPrefixesMatchTheTable(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<60 {
            let (query, bound, sorted) = Self.randomCase(&generator, terms: 80, near: 40)
            var rows = EditDistanceRows(word: query, bound: bound)
            for bytes in sorted {
                let term = String(decoding: bytes, as: UTF8.self)
                let expected = referenceEditDistance(query, term)
                let match = rows.match(bytes)
                #expect(match.distance == (expected <= bound ? expected : nil), "\(query) → \(term), bound \(bound)")
                if let dead = match.deadPrefix {
                    #expect(match.distance == nil && dead <= bytes.count)
                    for other in sorted where other.starts(with: bytes[..<dead]) {
                        let text = String(decoding: other, as: UTF8.self)
                        #expect(referenceEditDistance(query, text) > bound,
                                "\(query): prefix of \(term) said dead, but \(text) is within \(bound)")
                    }
                }
            }
        }
    }

    @Test(arguments: [5, 6, 7, 8]) func seekingToTheNextPossibleTermMissesNoMatch(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<60 {
            let (query, bound, sorted) = Self.randomCase(&generator, terms: 200, near: 0)
            let expected = sorted.filter { referenceEditDistance(query, String(decoding: $0, as: UTF8.self)) <= bound }
            // A walk as the resolver's: match each term, and on a dead prefix seek to the first
            // term at or after `nextPossible()`, or past the prefix when it gives none.
            var rows = EditDistanceRows(word: query, bound: bound)
            var found: [[UInt8]] = []
            var visited = 0
            var i = 0
            while i < sorted.count {
                visited += 1
                let match = rows.match(sorted[i])
                if match.distance != nil { found.append(sorted[i]) }
                guard let dead = match.deadPrefix else { i += 1; continue }
                let prefix = sorted[i][..<dead]
                if let target = rows.nextPossible() {
                    #expect(!target.lexicographicallyPrecedes(sorted[i]) && target != sorted[i], "\(query): seek backwards")
                    i = sorted.firstIndex { !$0.lexicographicallyPrecedes(target) } ?? sorted.count
                } else {
                    i = sorted.firstIndex { !$0.starts(with: prefix) && prefix.lexicographicallyPrecedes($0) } ?? sorted.count
                }
            }
            #expect(found == expected, "\(query), bound \(bound)")
            #expect(visited <= sorted.count)
        }
    }

    @Test func theNextPossibleTermSkipsDeadSiblings() {
        var rows = EditDistanceRows(word: "supervision", bound: 1)
        // "sx" spent the one edit, so only the word's scalars could follow it, and none is
        // after y: the walk steps the x instead ("s" still has slack).
        #expect(rows.match(Array("sxyz".utf8)).deadPrefix == 3)
        #expect(rows.nextPossible() == Array("sy".utf8))
        // "sua" spends the edit (a for p); "suaa" is dead, and of the word's scalars after a,
        // e is the first that lives ("suae": supervision with p replaced).
        #expect(rows.match(Array("suaaaa".utf8)).deadPrefix == 4)
        #expect(rows.nextPossible() == Array("suae".utf8))
        var strict = EditDistanceRows(word: "ab", bound: 0)
        #expect(strict.match(Array("aa".utf8)).deadPrefix == 2)
        #expect(strict.nextPossible() == Array("ab".utf8))
        #expect(strict.match(Array("ac".utf8)).deadPrefix == 2)
        #expect(strict.nextPossible() == nil, "nothing after ac can be ab")
    }

    @Test func theFourEditsCountOneEach() {
        var rows = EditDistanceRows(word: "supervision", bound: 2)
        #expect(rows.match(Array("supervison".utf8)).distance == 1)
        #expect(rows.match(Array("supervisions".utf8)).distance == 1)
        #expect(rows.match(Array("supervisiom".utf8)).distance == 1)
        #expect(rows.match(Array("supervisoin".utf8)).distance == 1)
        #expect(rows.match(Array("supervision".utf8)).distance == 0)
        #expect(rows.match(Array("svpervisoin".utf8)).distance == 2)
        #expect(rows.match(Array("zzz".utf8)) == .init(distance: nil, deadPrefix: 3))
    }
}
