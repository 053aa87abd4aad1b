import Testing
@testable import QuarryCore

/// Reads past the end of a cursor's range fail with `IndexError.corrupt`, never trap.
@Suite struct ByteCursorTests {
    /// A length-prefixed string whose length claims the byte the length itself took, at the
    /// very end of the buffer: it used to be bounded by what remained before the length was read.
    @Test func aLengthCountingItsOwnByteFails() {
        let bytes: [UInt8] = [0x01]
        let result = bytes.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw, range: 0..<raw.count, file: "f")
            return Result { () throws(IndexError) in try cursor.readString() }
        }
        #expect(result == .failure(.corrupt(file: "f", reason: "a length of 1 bytes past the end at offset 1")))
    }

    /// The same within a larger buffer: the read stays inside the cursor's range.
    @Test func aLengthPastTheRangeFails() {
        let bytes: [UInt8] = [0x05, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66]
        let result = bytes.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw, range: 0..<5, file: "f")
            return Result { () throws(IndexError) in try cursor.readBytes().count }
        }
        #expect(result == .failure(.corrupt(file: "f", reason: "a length of 5 bytes past the end at offset 1")))
    }
}
