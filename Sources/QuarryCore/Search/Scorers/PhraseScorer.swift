/// A phrase in one field: the documents holding all its terms (a conjunction led by the rarest),
/// then their positions checked. Scored by BM25 over the phrase's frequency in the document,
/// with the sum of its terms' idf (as Lucene does).
///
/// Exact phrases (slop 0) need each term at its query offset from a common start; with slop n,
/// the offsets may be off by up to n in all (the spread of `position - offset` over the terms
/// is at most n). Repeated terms ("new york new") each need an occurrence of their own.
final class PhraseScorer: Scorer {
    let text: String
    /// The field's name in the schema (for explanations).
    private let fieldName: String
    /// One cursor per distinct term, rarest first.
    private let cursors: [PostingsCursor]
    /// For each query token: its cursor and its offset in the phrase.
    private let tokens: [(cursor: Int, offset: Int)]
    private let slop: Int
    private let norms: NormsReader
    private let factor: Double
    private let constant: Double
    private let slope: Double
    private let k1: Double
    private let idf: Double
    private(set) var frequency = 0
    /// Documents that cannot score above this are skipped before their positions are read;
    /// before `aloneLimit`, those that cannot score above `aloneCompetitive`.
    private var minimumCompetitive = -Double.infinity
    private var aloneCompetitive = -Double.infinity
    private var aloneLimit = -1
    /// The phrase occurs at most as often as its rarest word in a document, in a field no
    /// shorter than its words' shortest fields: `maxScore` bounds any document's score.
    let scoreBound: Double
    /// The cursors without reference counting (`cursors` keeps them alive), for the hot loops.
    private let unowned: [Unmanaged<PostingsCursor>]
    /// Reused per candidate document: each term's positions (and whether they are loaded), the
    /// tokens in the order they are checked, and the phrase starts still possible (in a cell, so
    /// the loop that narrows them runs without run-time exclusivity checks).
    private let termPositions: UnsafeMutablePointer<UnsafeBufferPointer<UInt32>>
    private let termLoaded: UnsafeMutablePointer<Bool>
    private let order: UnsafeMutablePointer<Int>
    private let starts = PointerCell(GrowableBuffer<Int>(capacity: 64))
    /// Each token's term and offset, flattened.
    private let tokenTerms: UnsafeMutablePointer<Int>
    private let tokenOffsets: UnsafeMutablePointer<Int>

    init(text: String, fieldName: String, cursors: [PostingsCursor], tokens: [(cursor: Int, offset: Int)], slop: Int,
         norms: NormsReader, weight: Double, k1: Double, idf: Double, boost: Double, normalization: LengthNormalization) {
        self.text = text
        self.fieldName = fieldName
        self.cursors = cursors
        self.tokens = tokens
        self.slop = slop
        self.norms = norms
        self.idf = idf
        factor = idf * boost * weight
        constant = normalization.constant
        slope = normalization.slope
        self.k1 = k1
        // Closures, not key paths: a key path into a class checks exclusivity at run time.
        let frequencyBound = Double(cursors.map { $0.info.maxFreq }.min() ?? 0)
        let shortest = Double(cursors.map { $0.info.minLength }.max() ?? 0)
        scoreBound = factor * Ranking.saturate(frequencyBound / (constant + slope * shortest), k1: k1)
            * (1 + 1e-9) + 1e-12
        unowned = cursors.map { Unmanaged.passUnretained($0) }
        termPositions = .allocate(capacity: cursors.count)
        termPositions.initialize(repeating: UnsafeBufferPointer(start: nil, count: 0), count: cursors.count)
        termLoaded = .allocate(capacity: cursors.count)
        order = .allocate(capacity: tokens.count)
        tokenTerms = .allocate(capacity: tokens.count)
        tokenOffsets = .allocate(capacity: tokens.count)
        for (t, token) in tokens.enumerated() {
            tokenTerms[t] = token.cursor
            tokenOffsets[t] = token.offset
        }
    }

    deinit {
        termPositions.deallocate()
        termLoaded.deallocate()
        order.deallocate()
        tokenTerms.deallocate()
        tokenOffsets.deallocate()
    }

    override var cost: Int { cursors.first.map { $0.info.docFreq } ?? 0 }

    override var corruption: IndexError? { cursors.lazy.compactMap(\.corruption).first }

    override var maxScore: Double { scoreBound }

    override func setMinimumCompetitiveScore(_ score: Double) { minimumCompetitive = score }

    override func setMinimumCompetitiveScore(_ score: Double, alone: Double, before limit: Int) {
        minimumCompetitive = score
        aloneCompetitive = alone
        aloneLimit = limit
    }

    /// The most the current document (all cursors on it) can score: its rarest word's frequency
    /// as the phrase's, at its length.
    @inline(__always)
    private func documentBound(_ candidate: Int) -> Double {
        var frequency = Int.max
        for i in 0..<unowned.count { frequency = min(frequency, unowned[i]._withUnsafeGuaranteedRef { $0.freq }) }
        let normalized = Double(frequency) / (constant + slope * Double(norms[candidate]))
        return factor * Ranking.saturate(normalized, k1: k1) * (1 + 1e-9) + 1e-12
    }

    override func next() -> Int { doc == Scorer.exhausted ? doc : advance(to: doc + 1) }

    override func advance(to target: Int) -> Int {
        var candidate = target
        let count = cursors.count
        while true {
            // Leapfrog: every cursor on the same document, led by the rarest term.
            var agreed = false
            while !agreed {
                agreed = true
                for i in 0..<count {
                    let found = unowned[i]._withUnsafeGuaranteedRef { cursor in
                        if Int(cursor.doc) < candidate || cursor.currentBlock < 0 { cursor.advance(to: UInt32(clamping: candidate)) }
                        return cursor.doc
                    }
                    if found == PostingsCursor.noMoreDocs {
                        doc = Scorer.exhausted
                        return doc
                    }
                    if Int(found) > candidate {
                        candidate = Int(found)
                        agreed = i == 0
                        if i > 0 { break }
                    }
                }
            }
            let threshold = candidate < aloneLimit ? aloneCompetitive : minimumCompetitive
            if threshold > -Double.infinity, documentBound(candidate) <= threshold {
                candidate += 1
                continue
            }
            frequency = slop == 0 ? exactMatches() : sloppyMatches()
            if frequency > 0 {
                doc = candidate
                return doc
            }
            candidate += 1
        }
    }

    override func score() -> Double {
        let normalized = Double(frequency) / (constant + slope * Double(norms[doc]))
        return factor * Ranking.saturate(normalized, k1: k1)
    }

    override func explain() -> Explanation {
        Explanation(value: score(), description: "phrase \"\(text)\"\(slop > 0 ? "~\(slop)" : "") in \(fieldName) (BM25 of its frequency)",
                    details: [Explanation(value: idf, description: "idf (sum of its terms')"),
                              Explanation(value: Double(frequency), description: "phrase frequency (field length \(norms[doc]))")])
    }

    /// Loads every term's positions for the current document; false when one has none.
    private func loadPositions() -> Bool {
        for i in 0..<unowned.count {
            termPositions[i] = unowned[i]._withUnsafeGuaranteedRef { $0.positions() }
            if termPositions[i].isEmpty { return false }
        }
        return true
    }

    /// Term `i`'s positions in the current document, decoded on first use.
    @inline(__always)
    private func positions(ofTerm i: Int) -> UnsafeBufferPointer<UInt32> {
        if !termLoaded[i] {
            termPositions[i] = unowned[i]._withUnsafeGuaranteedRef { $0.positions() }
            termLoaded[i] = true
        }
        return termPositions[i]
    }

    /// The starts `s` where every token t is at `s + offset(t)`. Tokens are checked from the one
    /// whose term is rarest in the document, each narrowing the possible starts, so the positions
    /// of common words are often never decoded: the first token that leaves no start ends it.
    private func exactMatches() -> Int {
        let tokenCount = tokens.count
        for i in 0..<unowned.count { termLoaded[i] = false }
        if tokenCount == 2 {
            let first = positions(ofTerm: tokenTerms[0])
            if first.isEmpty { return 0 }
            return Self.pairMatches(first, positions(ofTerm: tokenTerms[1]), tokenOffsets[1] - tokenOffsets[0])
        }
        for t in 0..<tokenCount {
            let frequency = unowned[tokenTerms[t]]._withUnsafeGuaranteedRef { $0.freq }
            var k = t
            while k > 0 && unowned[tokenTerms[order[k - 1]]]._withUnsafeGuaranteedRef({ $0.freq }) > frequency {
                order[k] = order[k - 1]
                k -= 1
            }
            order[k] = t
        }
        let lead = positions(ofTerm: tokenTerms[order[0]])
        if starts.value.capacity < lead.count { starts.value.grow(to: lead.count) }
        let possible = starts.value.base
        var count = 0
        let leadOffset = tokenOffsets[order[0]]
        for position in lead where Int(position) >= leadOffset {
            possible[count] = Int(position) - leadOffset
            count += 1
        }
        for k in 1..<tokenCount where count > 0 {
            let t = order[k]
            let list = positions(ofTerm: tokenTerms[t])
            let offset = tokenOffsets[t]
            var i = 0
            var kept = 0
            for j in 0..<count {
                let wanted = possible[j] + offset
                while i < list.count && Int(list[i]) < wanted { i += 1 }
                if i == list.count { break }
                if Int(list[i]) == wanted {
                    possible[kept] = possible[j]
                    kept += 1
                }
            }
            count = kept
        }
        return count
    }

    /// Positions p of `first` with p + `distance` in `second` (both increasing): a merge.
    @inline(__always)
    private static func pairMatches(_ first: UnsafeBufferPointer<UInt32>, _ second: UnsafeBufferPointer<UInt32>, _ distance: Int) -> Int {
        guard var a = first.baseAddress, var b = second.baseAddress else { return 0 }
        let aEnd = a + first.count
        let bEnd = b + second.count
        let shift = Int64(distance)
        var count = 0
        // Branch-free steps: which list moves depends on data no predictor can guess.
        while a < aEnd && b < bEnd {
            let wanted = Int64(a.pointee) + shift
            let found = Int64(b.pointee)
            count += wanted == found ? 1 : 0
            a += wanted <= found ? 1 : 0
            b += wanted >= found ? 1 : 0
        }
        return count
    }

    /// Non-overlapping windows where every token has its own occurrence with `position - offset`
    /// spread by at most `slop`.
    private func sloppyMatches() -> Int {
        guard loadPositions() else { return 0 }
        let positions = termPositions
        // Every (token, position) as its would-be phrase start, in order.
        var events: [(start: Int, token: Int, position: Int)] = []
        for (t, token) in tokens.enumerated() {
            for position in positions[token.cursor] { events.append((Int(position) - token.offset, t, Int(position))) }
        }
        events.sort { $0.start < $1.start || ($0.start == $1.start && $0.token < $1.token) }
        var count = 0
        var left = 0
        var right = 0
        var covered = [Int](repeating: 0, count: tokens.count)
        var distinct = 0
        while right < events.count {
            let event = events[right]
            if covered[event.token] == 0 { distinct += 1 }
            covered[event.token] += 1
            right += 1
            while events[right - 1].start - events[left].start > slop {
                covered[events[left].token] -= 1
                if covered[events[left].token] == 0 { distinct -= 1 }
                left += 1
            }
            if distinct == tokens.count, Self.assignable(Array(events[left..<right]), tokens: tokens.count) {
                count += 1
                // Windows do not share occurrences: start again after this one.
                covered = [Int](repeating: 0, count: tokens.count)
                distinct = 0
                left = right
            }
        }
        return count
    }

    /// Whether each token can take a different position among `events` (repeated terms share
    /// positions, and one occurrence cannot serve twice).
    private static func assignable(_ events: [(start: Int, token: Int, position: Int)], tokens: Int) -> Bool {
        var used = Set<Int>()
        func assign(_ token: Int) -> Bool {
            if token == tokens { return true }
            for event in events where event.token == token && !used.contains(event.position) {
                used.insert(event.position)
                if assign(token + 1) { return true }
                used.remove(event.position)
            }
            return false
        }
        return assign(0)
    }
}
