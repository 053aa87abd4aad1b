/// Doubles as Int64 column values, in an order-preserving way: `a < b` exactly when
/// `bits(a) < bits(b)`, for every double but NaN (which callers refuse). -0.0 sorts just below
/// +0.0 (they are distinct values), and -infinity and +infinity sort below and above everything.
///
/// The IEEE 754 bit pattern read as a signed integer already orders positive doubles; for
/// negative ones (sign bit set) flipping the other 63 bits reverses their order, which is the
/// order of their magnitudes.
enum SortableDouble {
    /// The column value of `value`.
    @inline(__always)
    static func bits(_ value: Double) -> Int64 {
        let raw = Int64(bitPattern: value.bitPattern)
        return raw < 0 ? raw ^ Int64.max : raw
    }

    /// The double whose column value is `bits` (the exact inverse of `bits(_:)`).
    @inline(__always)
    static func value(_ bits: Int64) -> Double {
        let raw = bits < 0 ? bits ^ Int64.max : bits
        return Double(bitPattern: UInt64(bitPattern: raw))
    }
}
