import QuarryTestSupport
import Testing
@testable import QuarryCore

/// `BlockImpacts` and `ImpactCode` against plain models: the codes against a search of every
/// code, and the bound against the largest normalized frequency of the block's documents,
/// computed directly, for random blocks and random BM25 parameters.
@Suite struct BlockImpactsTests {
    @Test func codesRoundTheRightWayAndKeepTheirOrder() {
        var previous = -1
        for code in 0...255 {
            let value = ImpactCode.value(UInt8(code))
            #expect(value > previous, "code \(code)")
            previous = value
        }
        var generator = SeededGenerator(seed: 11)
        let values = Array(0...600) + (0..<2000).map { _ in Int.random(in: 0...2_000_000, using: &generator) }
        for value in values {
            // The plain answer: scan the codes.
            let below = (0...255).last { ImpactCode.value(UInt8($0)) <= value } ?? 0
            let above = (0...255).first { ImpactCode.value(UInt8($0)) >= value } ?? 255
            #expect(Int(ImpactCode.down(value)) == below, "down \(value)")
            #expect(Int(ImpactCode.up(value)) == above, "up \(value)")
        }
        #expect(ImpactCode.frequency(ImpactCode.up(600_000)) == .infinity)
    }

    @Test(arguments: [1, 2, 3, 4, 5]) func theBoundIsNeverBelowADocumentNorLooserThanOnePair(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let count = Int.random(in: 1...128, using: &generator)
            let large = Bool.random(using: &generator)
            let frequencies = (0..<count).map { _ in
                UInt32(Int.random(in: 1...(large ? 3_000 : 6), using: &generator) * (Int.random(in: 0..<20, using: &generator) == 0 ? 7 : 1))
            }
            let lengths = (0..<count).map { i in UInt32(Int(frequencies[i]) + Int.random(in: 0...(large ? 100_000 : 400), using: &generator)) }
            let impacts = frequencies.withUnsafeBufferPointer { f in
                lengths.withUnsafeBufferPointer { l in BlockImpacts(frequencies: f.baseAddress!, lengths: l.baseAddress!, count: count) }
            }
            for _ in 0..<5 {
                let b = Double.random(in: 0...1, using: &generator)
                let average = Double.random(in: 1...500, using: &generator)
                let weight = Double.random(in: 0.5...4, using: &generator)
                let constant = 1 - b
                let slope = b / average
                let real = (0..<count).map { weight * Double(frequencies[$0]) / (constant + slope * Double(lengths[$0])) }.max()!
                // The one-pair bound (largest frequency, shortest length), in the same codes.
                let loose = weight * ImpactCode.frequency(ImpactCode.up(Int(frequencies.max()!)))
                    / (constant + slope * ImpactCode.length(ImpactCode.down(Int(lengths.min()!))))
                let bound = impacts.bound(weight: weight, constant: constant, slope: slope)
                #expect(bound >= real * (1 - 1e-12), "bound \(bound) below a document's \(real)")
                #expect(bound <= loose * (1 + 1e-12), "bound \(bound) looser than \(loose)")
            }
            #expect(impacts.maxFrequency >= Double(frequencies.max()!))
            #expect(impacts.minLength <= Double(lengths.min()!))
        }
    }

    @Test func competitivePairsOfSmallValuesAreExact() {
        // (3, 12), (2, 8) and (1, 3) are competitive; (1, 9) and (2, 14) are covered by them.
        let frequencies: [UInt32] = [3, 2, 1, 1, 2]
        let lengths: [UInt32] = [12, 8, 3, 9, 14]
        let impacts = BlockImpacts(frequencies: frequencies, lengths: lengths, count: 5)
        #expect(impacts.raw == 0x0301_0802_0C03)
        for b in [0.0, 0.3, 0.75, 1.0] {
            let real = zip(frequencies, lengths).map { Double($0) / (1 - b + b * Double($1) / 6) }.max()!
            #expect(abs(impacts.bound(weight: 1, constant: 1 - b, slope: b / 6) - real) <= 1e-12 * real)
        }
        // Six competitive pairs: the two closest in frequency merge into one that covers both.
        let six = BlockImpacts(frequencies: [9, 7, 6, 4, 2, 1], lengths: [15, 13, 11, 9, 5, 1], count: 6)
        #expect(six.raw == 0x0102_0904_0B07_0F09, "(7, 11) and (2, 1) stand for the merged pairs")
    }
}
