/// Runs of up to 128 unsigned integers, in whichever of two encodings is smaller:
///
///     ints    := pfor | varints
///     pfor    := width:u8 exceptions:u8 packed exception{exceptions}
///     packed  := the low `width` bits of each value, little-endian, in ceil(count * width / 8) bytes
///     exception := index:u8 high:vint            value[index] |= high << width
///     varints := 0xFF vint{count}
///     short   := vint{count}                      count <= 8: always varints, without the marker
///
/// Patched frame of reference ("PFOR"): the width fits most values and the few larger ones are
/// patched, so one large value (a document's first position, a long gap) does not widen a whole
/// block. Short runs of small counts often come out smaller as varints.
enum PackedInts {
    static let maximumCount = 128
    private static let varintsMarker: UInt8 = 0xFF
    /// Runs this short are always varints.
    private static let shortCount = 8

    /// Appends `count` values (at most 128).
    static func append(_ values: UnsafePointer<UInt32>, count: Int, to stream: inout ByteStream) {
        precondition(count <= maximumCount)
        if count <= shortCount {
            for i in 0..<count { stream.appendVInt(UInt64(values[i])) }
            return
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 33) { histogram in
            histogram.initialize(repeating: 0)
            append(values, count: count, histogram: histogram.baseAddress!, to: &stream)
        }
    }

    private static func append(_ values: UnsafePointer<UInt32>, count: Int, histogram: UnsafeMutablePointer<Int>,
                               to stream: inout ByteStream) {
        // How many values need each width.
        var varintBytes = 1
        for i in 0..<count {
            let width = BitPacking.width(of: values[i])
            histogram[width] += 1
            varintBytes += (max(width, 1) + 6) / 7
        }
        var maximum = 32
        while maximum > 0 && histogram[maximum] == 0 { maximum -= 1 }
        // The cheapest width from the widest down to 8 bits narrower.
        var bestWidth = maximum
        var bestCost = Int.max
        var exceptionCount = 0
        var exceptionBytes = 0
        for width in stride(from: maximum, through: max(0, maximum - 8), by: -1) {
            if width < maximum {
                // Values of width w > `width` become exceptions costing 1 + vint(w - width bits).
                exceptionCount = 0
                exceptionBytes = 0
                for w in (width + 1)...maximum where histogram[w] > 0 {
                    exceptionCount += histogram[w]
                    exceptionBytes += histogram[w] * (1 + (w - width + 6) / 7)
                }
            }
            let cost = 2 + (count * width + 7) / 8 + exceptionBytes
            if cost < bestCost {
                bestCost = cost
                bestWidth = width
            }
        }
        if varintBytes <= bestCost {
            stream.append(varintsMarker)
            for i in 0..<count { stream.appendVInt(UInt64(values[i])) }
            return
        }
        let width = bestWidth
        let limit: UInt32 = width == 32 ? .max : (1 << UInt32(width)) - 1
        var exceptions = 0
        for i in 0..<count where values[i] > limit { exceptions += 1 }
        stream.append(UInt8(width))
        stream.append(UInt8(exceptions))
        BitPacking.append(values, count: count, width: width, to: &stream)
        for i in 0..<count where values[i] > limit {
            stream.append(UInt8(i))
            stream.appendVInt(UInt64(values[i] >> UInt32(width)))
        }
    }

    /// A vint at `cursor` (moved past it) that ends before `limit` and fits 35 bits, or nil.
    @inline(__always)
    private static func readVInt(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, limit: Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < limit, shift < 35 else { return nil }
            let byte = bytes[cursor]
            cursor += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Decodes `count` values at `offset` of `bytes`, reading before `limit` (at least 8 more
    /// bytes must be readable after `limit`, which the footer of every file guarantees). Returns
    /// the offset after them, or nil when the data is corrupt.
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int, limit: Int, count: Int,
                       into values: UnsafeMutablePointer<UInt32>) -> Int? {
        guard offset < limit else { return nil }
        let header = bytes[offset]
        if count <= shortCount || header == varintsMarker {
            var cursor = count <= shortCount ? offset : offset + 1
            for i in 0..<count {
                guard let value = readVInt(bytes, &cursor, limit: limit), value <= UInt64(UInt32.max) else { return nil }
                values[i] = UInt32(value)
            }
            return cursor
        }
        let width = Int(header)
        guard width <= 32, offset + 2 <= limit else { return nil }
        let exceptions = Int(bytes[offset + 1])
        let packedStart = offset + 2
        let packedEnd = packedStart + (count * width + 7) / 8
        guard packedEnd <= limit else { return nil }
        BitPacking.unpack(bytes.baseAddress! + packedStart, count: count, width: width, available: bytes.count - packedStart, into: values)
        var cursor = packedEnd
        for _ in 0..<exceptions {
            guard cursor < limit else { return nil }
            let index = Int(bytes[cursor])
            cursor += 1
            guard let high = readVInt(bytes, &cursor, limit: limit), index < count else { return nil }
            values[index] |= UInt32(truncatingIfNeeded: high << UInt64(width))
        }
        return cursor
    }
}
