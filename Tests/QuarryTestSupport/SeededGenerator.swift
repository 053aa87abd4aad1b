/// SplitMix64: a small seeded random number generator, so property tests repeat exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    /// `count` words of `vocabulary`, the first ones far more often (the square of a uniform
    /// draw picks the index), so a random corpus has common and rare terms as text does.
    public mutating func skewedWords(_ count: Int, from vocabulary: [String]) -> [String] {
        (0..<count).map { _ in
            let r = Double.random(in: 0..<1, using: &self)
            return vocabulary[min(vocabulary.count - 1, Int(r * r * Double(vocabulary.count)))]
        }
    }
}
