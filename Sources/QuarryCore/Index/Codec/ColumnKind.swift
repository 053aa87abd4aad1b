/// What a column of per-document values holds (see docs/FORMAT.md, Columns).
enum ColumnKind: UInt8, Sendable {
    /// Int64 values: dates in seconds since the epoch, integers, floats through `SortableDouble`.
    case numeric = 0
    /// Byte strings, stored as ordinals into the segment's sorted dictionary of distinct values.
    case keyword = 1
}
