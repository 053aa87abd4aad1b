/// One column's values as a segment's documents give them, before encoding: (document, value)
/// pairs in document order, keyword values interned to ids in the order first seen.
final class ColumnValues {
    let kind: ColumnKind
    // In cells, so that appending a value runs without run-time exclusivity checks.
    /// The document of each value, non-decreasing.
    private let documents = PointerCell(GrowableBuffer<UInt32>(capacity: 64))
    /// Numeric values, or keyword ids into `dictionary`.
    private let values = PointerCell(GrowableBuffer<Int64>(capacity: 64))
    /// Keyword values by id (empty for a numeric column).
    private let dictionary = PointerCell(ByteStringTable(initialCapacity: 8))
    /// Whether the values were sorted for writing (then no more are taken).
    private var sealed = false

    /// An empty column of `kind`.
    init(kind: ColumnKind) { self.kind = kind }

    /// Bytes held, for the writer's memory budget.
    var memoryBytes: Int { documents.value.memoryBytes + values.value.memoryBytes + dictionary.value.memoryBytes }

    /// Makes room for `count` values at once (a merge counts them first) rather than by
    /// doubling, which can leave nearly half of the memory unused.
    func reserve(_ count: Int) {
        documents.value.reserve(exactly: count)
        values.value.reserve(exactly: count)
    }

    /// Adds a value of `doc`, which must not be before the last document added.
    @inline(__always)
    func append(doc: Int, value: Int64) {
        precondition(doc >= 0 && doc <= Int(UInt32.max), "document \(doc) out of range")
        precondition(!sealed && (documents.value.isEmpty || UInt32(doc) >= documents.value[documents.value.count - 1]),
                     "column values out of document order, or after the column was written")
        documents.value.append(UInt32(doc))
        values.value.append(value)
    }

    /// The keyword id of `bytes`, interned when new.
    @inline(__always)
    func intern(_ bytes: UnsafeRawBufferPointer) -> Int64 { Int64(dictionary.value.intern(bytes)) }

    /// Sorts the values for writing, in place, and returns them: grouped by document, ascending
    /// within each, with the document of each value. Keyword values become ordinals (without
    /// repeats in a document) into `dictionary`, the keyword ids sorted by their bytes. The
    /// column takes no values afterwards (a copy would double its memory while a large merged
    /// column is written).
    func sortForWriting() -> (documents: UnsafeBufferPointer<UInt32>, values: UnsafeBufferPointer<Int64>, dictionary: [Int32]) {
        precondition(!sealed, "a column sorted for writing twice")
        sealed = true
        let values = self.values.value.base
        let documents = self.documents.value.base
        let count = self.values.value.count
        var dictionary: [Int32] = []
        if kind == .keyword {
            dictionary = (0..<Int32(self.dictionary.value.count)).sorted {
                ByteComparison.order(self.dictionary.value.bytes(of: $0), self.dictionary.value.bytes(of: $1)) < 0
            }
            var ordinals = [Int64](repeating: 0, count: dictionary.count)
            for (ordinal, id) in dictionary.enumerated() { ordinals[Int(id)] = Int64(ordinal) }
            for i in 0..<count { values[i] = ordinals[Int(values[i])] }
        }
        // Compacted in place: a value is written at or before where it was read.
        var kept = 0
        var start = 0
        while start < count {
            let document = documents[start]
            var end = start + 1
            while end < count && documents[end] == document { end += 1 }
            // Most documents have one value: sorting a slice of one costs a copy of it.
            if end - start > 1 {
                var group = UnsafeMutableBufferPointer(start: values + start, count: end - start)
                group.sort()
            }
            for i in start..<end where kind == .numeric || i == start || values[i] != values[i - 1] {
                values[kept] = values[i]
                documents[kept] = document
                kept += 1
            }
            start = end
        }
        self.values.value.shrink(to: kept)
        self.documents.value.shrink(to: kept)
        return (self.documents.value.elements, self.values.value.elements, dictionary)
    }

    /// The bytes of keyword id `id`.
    func bytes(of id: Int32) -> UnsafeRawBufferPointer { dictionary.value.bytes(of: id) }
}
