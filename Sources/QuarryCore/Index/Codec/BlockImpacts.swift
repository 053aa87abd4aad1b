/// A postings block's competitive (frequency, field length) pairs, as Lucene's impacts keep
/// them: every document of the block has a frequency at most some pair's and a length at least
/// that pair's, so the largest BM25 score over the pairs bounds the block's scores for any k1,
/// b and field weight (BM25 grows with the frequency and shrinks with the length).
///
/// Eight bytes in a skip entry (docs/FORMAT.md): up to `capacity` pairs, highest frequency
/// first, each a frequency code rounded up and a length code rounded down (`ImpactCode`), the
/// unused ones (0, 0). Where the block has more competitive pairs than fit, neighbours merge
/// into one that covers both (the higher frequency with the shorter length).
struct BlockImpacts: Equatable, Sendable {
    /// The most pairs kept.
    static let capacity = 4

    /// The stored bytes: pair i's frequency code in byte 2i, its length code in byte 2i + 1.
    let raw: UInt64

    /// The impacts as stored.
    init(raw: UInt64) {
        self.raw = raw
    }

    /// One pair: no document has more than `maxFrequency` occurrences or is shorter than
    /// `minLength` (a term's whole-list bound, for terms of one block).
    init(maxFrequency: Int, minLength: Int) {
        raw = UInt64(ImpactCode.up(maxFrequency)) | UInt64(ImpactCode.down(minLength)) << 8
    }

    /// The impacts of the `count` documents with these frequencies and field lengths.
    init(frequencies: UnsafePointer<UInt32>, lengths: UnsafePointer<UInt32>, count: Int) {
        // The competitive pairs in codes: by frequency, highest first, each kept only when it is
        // shorter than every pair of higher frequency.
        var pairs: [(frequency: UInt8, length: UInt8)] = []
        pairs.reserveCapacity(count)
        for i in 0..<count {
            pairs.append((ImpactCode.up(Int(frequencies[i])), ImpactCode.down(Int(lengths[i]))))
        }
        pairs.sort { $0.frequency > $1.frequency || ($0.frequency == $1.frequency && $0.length < $1.length) }
        var frontier: [(frequency: UInt8, length: UInt8)] = []
        for pair in pairs where frontier.last.map({ pair.length < $0.length }) ?? true { frontier.append(pair) }
        // Too many: merge the neighbours closest in frequency, keeping the cover.
        while frontier.count > Self.capacity {
            var closest = 0
            for i in 1..<(frontier.count - 1)
            where frontier[i].frequency - frontier[i + 1].frequency < frontier[closest].frequency - frontier[closest + 1].frequency {
                closest = i
            }
            frontier[closest].length = frontier[closest + 1].length
            frontier.remove(at: closest + 1)
        }
        var raw: UInt64 = 0
        for (i, pair) in frontier.enumerated() {
            raw |= (UInt64(pair.frequency) | UInt64(pair.length) << 8) << UInt64(16 * i)
        }
        self.raw = raw
    }

    /// The largest `weight · frequency / (constant + slope · length)` over the pairs: the most
    /// normalized frequency (BM25's, before saturation) a document of the block can have.
    @inline(__always)
    func bound(weight: Double, constant: Double, slope: Double) -> Double {
        var best = 0.0
        var rest = raw
        while rest != 0 {
            let frequency = ImpactCode.frequency(UInt8(truncatingIfNeeded: rest))
            let length = ImpactCode.length(UInt8(truncatingIfNeeded: rest >> 8))
            best = max(best, weight * frequency / (constant + slope * length))
            rest >>= 16
        }
        return best
    }

    /// The highest frequency any document of the block may have (the first pair's).
    var maxFrequency: Double { ImpactCode.frequency(UInt8(truncatingIfNeeded: raw)) }

    /// The shortest length any document of the block may have (the last pair's).
    var minLength: Double {
        var rest = raw
        var length = 0.0
        while rest != 0 {
            length = ImpactCode.length(UInt8(truncatingIfNeeded: rest >> 8))
            rest >>= 16
        }
        return length
    }
}

/// One byte for a frequency or a length, as a small float: values below 16 exactly, larger ones
/// with 4 significant bits (`16 + 16e + m` stands for `(16 + m) << e`), so codes keep their
/// values' order. Frequencies round up and lengths round down, so a bound made of codes is never
/// below the real one; a frequency beyond the largest code (507,904) is code 255, unbounded.
enum ImpactCode {
    /// The value of `code`.
    @inline(__always)
    static func value(_ code: UInt8) -> Int {
        code < 16 ? Int(code) : (Int(code & 15) | 16) << (Int(code >> 4) - 1)
    }

    /// The largest code whose value is at most `value` (0 for 0 and below).
    static func down(_ value: Int) -> UInt8 {
        guard value >= 16 else { return UInt8(max(0, value)) }
        let exponent = Int.bitWidth - value.leadingZeroBitCount - 5
        guard exponent <= 14 else { return 255 }
        return UInt8(16 * (exponent + 1) + (value >> exponent) - 16)
    }

    /// The smallest code whose value is at least `value`, or 255 when none is.
    static func up(_ value: Int) -> UInt8 {
        let code = down(value)
        return self.value(code) >= value || code == 255 ? code : code + 1
    }

    /// A frequency code's value for bounds: code 255 is unbounded.
    @inline(__always)
    static func frequency(_ code: UInt8) -> Double { code == 255 ? .infinity : Double(value(code)) }

    /// A length code's value for bounds.
    @inline(__always)
    static func length(_ code: UInt8) -> Double { Double(value(code)) }
}
