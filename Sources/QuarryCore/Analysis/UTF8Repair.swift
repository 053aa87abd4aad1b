/// Validation and repair of UTF-8 input: invalid sequences become U+FFFD (one per maximal invalid
/// subpart, as Unicode recommends and Swift's decoder does) and are counted.
enum UTF8Repair {
    /// True when `bytes` are all ASCII (checked 8 bytes at a time).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < count {
            if base.load(fromByteOffset: i, as: UInt8.self) >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// True when `bytes` are valid UTF-8.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if isASCII(bytes) { return true }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// `bytes` with every invalid sequence replaced by U+FFFD, and how many were replaced.
    /// Returns nil when the bytes are already valid (nothing to copy).
    static func repair(_ bytes: UnsafeRawBufferPointer) -> (bytes: [UInt8], replaced: Int)? {
        if isValid(bytes) { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var replaced = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                output.append(contentsOf: UTF8.encode(scalar)!)
            case .emptyInput:
                break loop
            case .error:
                replaced += 1
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
        }
        return (output, replaced)
    }
}
