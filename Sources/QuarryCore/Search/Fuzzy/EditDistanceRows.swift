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
    private let width: Int
    /// Row r (r = 0, 1, ...) at `r * width`: the distances from the word's prefixes (0 to all of
    /// it) to the term's first r scalars. Row 0 is 0, 1, 2, ... Rows past the current term's
    /// are room, kept to be written over (a walk never shrinks or regrows the storage).
    private var table: [Int32]
    /// The current term's bytes; per scalar of it (the first `depth`): the scalar, the byte end
    /// of its encoding, and its row's minimum.
    private var term: [UInt8] = []
    private var scalars: [UInt32] = []
    private var ends: [Int] = []
    private var minimums: [Int32] = []
    private var depth = 0

    /// Distances from `word` (at most `bound` reported; `bound` from 0 to 2 in practice).
    init(word: String, bound: Int) {
        self.word = word.unicodeScalars.map(\.value)
        distinctScalars = Array(Set(self.word)).sorted()
        self.bound = max(0, bound)
        limit = Int32(clamping: self.bound)
        width = self.word.count + 1
        table = Array((0...Int32(self.word.count)).map { $0 })
    }

    /// The distance from the word to `term` (UTF-8 bytes), and how much of it is a dead end.
    mutating func match(_ term: UnsafeBufferPointer<UInt8>) -> Match {
        // Keep the scalars (and rows) of the bytes `term` shares with the previous term.
        let common = min(self.term.count, term.count)
        var shared = 0
        while shared < common, self.term[shared] == term[shared] { shared += 1 }
        var kept = depth
        while kept > 0, ends[kept - 1] > shared { kept -= 1 }
        let keptBytes = kept > 0 ? ends[kept - 1] : 0
        self.term.removeAll(keepingCapacity: true)
        self.term.append(contentsOf: term)
        depth = kept
        // Decode and add a row for each new scalar; stop at the first dead row.
        for level in 0..<depth where minimums[level] > limit { return Match(distance: nil, deadPrefix: ends[level]) }
        var position = keptBytes
        while position < self.term.count {
            let (scalar, length) = Self.decode(self.term, at: position)
            position += length
            let minimum = push(scalar, end: position)
            if minimum > limit { return Match(distance: nil, deadPrefix: position) }
        }
        let distance = Int(table[depth * width + word.count])
        return Match(distance: distance <= bound ? distance : nil, deadPrefix: nil)
    }

    /// `match` for a term in an array.
    mutating func match(_ term: [UInt8]) -> Match {
        term.withUnsafeBufferPointer { match($0) }
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
        var level = depth - 1
        guard level >= 0, wellFormed(scalars: depth) else { return nil }
        while level >= 0 {
            let current = scalars[level]
            depth = level
            let slack = (level == 0 ? 0 : minimums[level - 1]) < limit
            if slack {
                let next = current + 1 == 0xD800 ? 0xE000 : current + 1
                if next <= 0x10FFFF, let target = target(level: level, candidate: next) { return target }
            } else {
                for candidate in distinctScalars where candidate > current {
                    if let target = target(level: level, candidate: candidate) { return target }
                }
            }
            level -= 1
        }
        return nil
    }

    /// The term's bytes before scalar `level`, then `candidate`, when `candidate`'s row there
    /// lives (within the bound); nil otherwise. The row is computed in the room past the kept
    /// rows and left there, unused.
    private mutating func target(level: Int, candidate: UInt32) -> [UInt8]? {
        guard row(level + 1, scalar: candidate, previous: level > 0 ? scalars[level - 1] : nil) <= limit,
              let scalar = Unicode.Scalar(candidate) else { return nil }
        let kept = level == 0 ? 0 : ends[level - 1]
        var target = [UInt8]()
        target.reserveCapacity(kept + 4)
        target.append(contentsOf: term[..<kept])
        target.append(contentsOf: String(scalar).utf8)
        return target
    }

    /// Whether the first `count` scalars of the term were decoded from well-formed UTF-8 (no
    /// byte taken as a scalar of its own, no surrogate or overlong form).
    private func wellFormed(scalars count: Int) -> Bool {
        for k in 0..<count {
            let length = ends[k] - (k == 0 ? 0 : ends[k - 1])
            let scalar = scalars[k]
            let expected = scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
            if length != expected || (0xD800...0xDFFF).contains(scalar) || scalar > 0x10FFFF { return false }
        }
        return true
    }

    /// Adds `scalar` (ending at byte `end`) to the current term and its row; returns the row's
    /// minimum.
    private mutating func push(_ scalar: UInt32, end: Int) -> Int32 {
        let minimum = row(depth + 1, scalar: scalar, previous: depth > 0 ? scalars[depth - 1] : nil)
        if scalars.count == depth {
            scalars.append(scalar)
            ends.append(end)
            minimums.append(minimum)
        } else {
            scalars[depth] = scalar
            ends[depth] = end
            minimums[depth] = minimum
        }
        depth += 1
        return minimum
    }

    /// Writes row `r` for a term whose scalar r is `c` (and r - 1 is `previousScalar`), from row
    /// r - 1 (and r - 2); returns its minimum.
    private mutating func row(_ r: Int, scalar c: UInt32, previous previousScalar: UInt32?) -> Int32 {
        let needed = (r + 1) * width
        if table.count < needed { table.append(contentsOf: repeatElement(0, count: needed - table.count)) }
        let width = width
        return word.withUnsafeBufferPointer { word in
            table.withUnsafeMutableBufferPointer { table in
                let current = r * width
                let previous = current - width
                let before = previous - width
                table[current] = Int32(r)
                var minimum = Int32(r)
                for j in 1..<width {
                    var value = min(table[previous + j] + 1, table[current + j - 1] + 1,
                                    table[previous + j - 1] + (word[j - 1] == c ? 0 : 1))
                    if let previousScalar, j > 1, c == word[j - 2], previousScalar == word[j - 1] {
                        value = min(value, table[before + j - 2] + 1)
                    }
                    table[current + j] = value
                    minimum = min(minimum, value)
                }
                return minimum
            }
        }
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
