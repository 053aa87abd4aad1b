/// The Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
/// substitutions, and transpositions of two adjacent characters, no character edited twice) from
/// one word to each term of a walk over a sorted term dictionary, counted in Unicode scalars.
///
/// The table's rows are kept per scalar of the current term, so the next term recomputes only the
/// rows of the scalars it does not share with the previous one (sorted terms share long prefixes).
/// A row whose every entry exceeds the bound rules out every term that starts with those scalars
/// (a later row is never smaller than the row before it, less one, reached through a step that
/// costs one), so `Match.deadPrefix` tells a walk which terms it can skip without looking.
struct EditDistanceRows {
    /// What `match` says about one term.
    struct Match: Equatable {
        /// The distance, when it is within the bound.
        var distance: Int?
        /// The UTF-8 length of the term's shortest prefix no extension of which is within the
        /// bound; nil when every prefix is still open.
        var deadPrefix: Int?
    }

    /// The largest distance reported.
    let bound: Int
    private let limit: Int32
    private let word: [UInt32]
    /// The word's scalars, each once, in order (the only ones a row at the bound can live on).
    private let distinctScalars: [UInt32]
    /// Row r (r = 0, 1, ...) at `r * width`: the distances from the word's prefixes (0 to all of
    /// it) to the term's first r scalars. Row 0 is 0, 1, 2, ...
    private var table: [Int32]
    private var width: Int { word.count + 1 }
    /// The current term's bytes, its scalars, the byte end of each, and each row's minimum.
    private var term: [UInt8] = []
    private var scalars: [UInt32] = []
    private var ends: [Int] = []
    private var minimums: [Int32] = []

    /// Distances from `word` (at most `bound` reported; `bound` from 0 to 2 in practice).
    init(word: String, bound: Int) {
        self.word = word.unicodeScalars.map(\.value)
        distinctScalars = Array(Set(self.word)).sorted()
        self.bound = max(0, bound)
        limit = Int32(clamping: self.bound)
        table = Array((0...Int32(self.word.count)).map { $0 })
    }

    /// The distance from the word to `term` (UTF-8 bytes), and how much of it is a dead end.
    mutating func match(_ term: some Collection<UInt8>) -> Match {
        // Keep the scalars (and rows) of the bytes `term` shares with the previous term.
        var shared = 0
        for (old, new) in zip(self.term, term) {
            guard old == new else { break }
            shared += 1
        }
        var kept = ends.count
        while kept > 0, ends[kept - 1] > shared { kept -= 1 }
        let keptBytes = kept > 0 ? ends[kept - 1] : 0
        self.term.removeAll(keepingCapacity: true)
        self.term.append(contentsOf: term)
        truncate(toScalars: kept)
        // Decode and add a row for each new scalar; stop at the first dead row.
        var position = keptBytes
        if let dead = minimums.firstIndex(where: { $0 > limit }) { return Match(distance: nil, deadPrefix: ends[dead]) }
        while position < self.term.count {
            let (scalar, length) = Self.decode(self.term, at: position)
            position += length
            scalars.append(scalar)
            ends.append(position)
            let minimum = addRow()
            minimums.append(minimum)
            if minimum > limit { return Match(distance: nil, deadPrefix: position) }
        }
        let distance = Int(table[scalars.count * width + word.count])
        return Match(distance: distance <= bound ? distance : nil, deadPrefix: nil)
    }

    /// After `match` found a term's `deadPrefix`, the smallest string after every extension of
    /// that prefix that may still be within the bound, as a Levenshtein automaton would seek:
    /// every term before it is out of reach. Nil when no later term can be. A row with slack
    /// (its minimum below the bound) lets any next scalar live, so the prefix's last scalar is
    /// simply stepped; a row at the bound lets only the word's own scalars live, so the next of
    /// those that does is taken; when none does, the scalar before is stepped instead. The
    /// rows kept are those of the target's prefix. Also nil for a prefix that is not well-formed
    /// UTF-8 (scalar order is then not byte order): the caller skips past the prefix instead.
    mutating func nextPossible() -> [UInt8]? {
        var level = scalars.count - 1
        guard level >= 0, String(validating: term[..<ends[level]], as: UTF8.self) != nil else { return nil }
        while level >= 0 {
            let current = scalars[level]
            truncate(toScalars: level)
            let slack = (level == 0 ? 0 : minimums[level - 1]) < limit
            let candidates: [UInt32]
            if slack {
                let next = current + 1 == 0xD800 ? 0xE000 : current + 1
                candidates = next <= 0x10FFFF ? [next] : []
            } else {
                candidates = distinctScalars.filter { $0 > current }
            }
            for candidate in candidates {
                scalars.append(candidate)
                let minimum = addRow()
                scalars.removeLast()
                table.removeLast(width)
                guard minimum <= limit, let scalar = Unicode.Scalar(candidate) else { continue }
                return Array(term[..<(level == 0 ? 0 : ends[level - 1])]) + Array(String(scalar).utf8)
            }
            level -= 1
        }
        return nil
    }

    /// Keeps the rows of the first `count` scalars of the current term.
    private mutating func truncate(toScalars count: Int) {
        scalars.removeLast(scalars.count - count)
        ends.removeLast(ends.count - count)
        minimums.removeLast(minimums.count - count)
        table.removeLast(table.count - (count + 1) * width)
    }

    /// Appends the row of the last scalar of `scalars`; returns its minimum.
    private mutating func addRow() -> Int32 {
        let r = scalars.count
        let c = scalars[r - 1]
        let previous = (r - 1) * width
        let before = (r - 2) * width
        table.append(Int32(r))
        var minimum = Int32(r)
        for j in 1..<width {
            var value = min(table[previous + j] + 1, table[r * width + j - 1] + 1,
                            table[previous + j - 1] + (word[j - 1] == c ? 0 : 1))
            if r > 1, j > 1, c == word[j - 2], scalars[r - 2] == word[j - 1] {
                value = min(value, table[before + j - 2] + 1)
            }
            table.append(value)
            minimum = min(minimum, value)
        }
        return minimum
    }

    /// The scalar at `position` of UTF-8 `bytes` and its length in bytes; a byte that does not
    /// start a well-formed sequence is one scalar of its own (a damaged dictionary cannot trap).
    private static func decode(_ bytes: [UInt8], at position: Int) -> (UInt32, Int) {
        let lead = bytes[position]
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard length > 1, position + length <= bytes.count else { return (UInt32(lead), 1) }
        var value = UInt32(lead) & (UInt32(0xFF) >> UInt32(length + 1))
        for i in 1..<length {
            let byte = bytes[position + i]
            guard byte & 0xC0 == 0x80 else { return (UInt32(lead), 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (value, length)
    }
}
