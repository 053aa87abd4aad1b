/// BM25's length normalization as a table: `1 / (1 - b + b · length / average)` for every field
/// length up to the longest in the index (at most 65,536 entries), computed once per searcher and
/// setting, so scoring a document multiplies instead of dividing.
final class LengthNormalization: @unchecked Sendable {
    let constant: Double
    let slope: Double
    let table: UnsafeMutablePointer<Double>
    let limit: Int

    init(b: Double, averageLength: Double, longest: Int) {
        constant = 1 - b
        slope = b / max(averageLength, 1e-9)
        limit = min(max(longest, 0), 1 << 16) + 1
        table = UnsafeMutablePointer<Double>.allocate(capacity: limit)
        for length in 0..<limit { table[length] = 1 / (constant + slope * Double(length)) }
    }

    deinit { table.deallocate() }

    @inline(__always)
    subscript(length: Int) -> Double {
        length < limit ? table[length] : 1 / (constant + slope * Double(length))
    }

    /// The table as a value, for scorers' inner loops (the object must outlive it).
    var view: View { View(table: table, limit: limit, constant: constant, slope: slope) }

    /// A borrowed view of the table: plain values, no reference counting.
    struct View {
        let table: UnsafePointer<Double>
        let limit: Int
        let constant: Double
        let slope: Double

        @inline(__always)
        subscript(length: Int) -> Double {
            length < limit ? table[length] : 1 / (constant + slope * Double(length))
        }
    }
}
