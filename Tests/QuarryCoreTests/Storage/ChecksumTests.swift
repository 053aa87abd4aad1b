import Testing
@testable import QuarryCore
import QuarryTestSupport

/// `Checksum.crc32c` (three interleaved streams of the crc32 instruction, joined by shift tables)
/// against CRC32C computed bit by bit.
@Suite struct ChecksumTests {
    /// CRC32C one bit at a time: reflected, polynomial 0x82F63B78, inverted before and after.
    private func reference(_ bytes: [UInt8], continuing start: UInt32 = 0) -> UInt32 {
        var crc = ~start
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    private func crc(_ bytes: [UInt8], continuing start: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { Checksum.crc32c($0, continuing: start) }
    }

    @Test func knownValues() {
        #expect(crc(Array("123456789".utf8)) == 0xE306_9283)
        #expect(crc([]) == 0)
        #expect(crc([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(crc([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    }

    /// Lengths around the multiples of the two chunk sizes the streams take (3 × 8192 and
    /// 3 × 256), random ones, odd starting addresses, and a checksum continued in pieces.
    @Test func matchesTheBitwiseReference() {
        var generator = SeededGenerator(seed: 31)
        var lengths = [0, 1, 7, 8, 9, 255, 256, 767, 768, 769, 24_575, 24_576, 24_577, 49_152 + 768 + 13, 100_000]
        for _ in 0..<40 { lengths.append(Int(generator.next() % 80_000)) }
        for length in lengths {
            let bytes = (0..<(length + 3)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let offset = Int(generator.next() % 4)
            let slice = Array(bytes[offset..<(offset + length)])
            let expected = reference(slice)
            let got = bytes.withUnsafeBytes { Checksum.crc32c(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + length)])) }
            #expect(got == expected, "length \(length) at offset \(offset)")
            let cut = length == 0 ? 0 : Int(generator.next() % UInt64(length))
            #expect(crc(Array(slice[cut...]), continuing: crc(Array(slice[..<cut]))) == expected, "length \(length) cut at \(cut)")
        }
    }
}
