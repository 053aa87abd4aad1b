extension ColumnsWriter {
    /// Writes the columns of `readers`' segments merged, as the `.cols` file of the merged
    /// segment of `documentCount` documents, and returns its size: live documents only,
    /// renumbered by `maps` (per segment, each document's new number or -1 when deleted; new
    /// numbers ascend in segment and document order, as `SegmentMerger` numbers them). One
    /// column is held at a time, sized exactly. A keyword column's dictionary keeps only the
    /// values of live documents. A field must be of one kind in every segment that has it.
    static func writeMerged(_ readers: [ColumnsReader], maps: [[Int32]], documentCount: Int,
                            to file: FileWriter) throws(IndexError) -> Int {
        precondition(readers.count == maps.count && zip(readers, maps).allSatisfy { $0.documentCount == $1.count },
                     "one document map per segment, one entry per document")
        var kinds: [UInt8: ColumnKind] = [:]
        for reader in readers {
            for (field, kind) in reader.fields {
                if let known = kinds[field], known != kind {
                    throw .invalidArgument("column \(field) is \(known) in one segment and \(kind) in another")
                }
                kinds[field] = kind
            }
        }
        try writeStart(columnCount: kinds.count, documentCount: documentCount, to: file)
        for (field, kind) in kinds.sorted(by: { $0.key < $1.key }) {
            let column = ColumnValues(kind: kind)
            column.reserve(liveValues(of: field, kind, in: readers, maps: maps))
            for (reader, map) in zip(readers, maps) {
                if kind == .numeric, let source = reader.numeric(field) {
                    for doc in map.indices where map[doc] >= 0 {
                        source.forEach(doc) { column.append(doc: Int(map[doc]), value: $0) }
                    }
                } else if kind == .keyword, let source = reader.keyword(field) {
                    // The new id of each of the segment's ordinals, interned when first used.
                    var ids = [Int64](repeating: -1, count: source.valueCount)
                    for doc in map.indices where map[doc] >= 0 {
                        source.forEach(doc) { ordinal in
                            if ids[ordinal] < 0 { ids[ordinal] = column.intern(source.value(ordinal)) }
                            column.append(doc: Int(map[doc]), value: ids[ordinal])
                        }
                    }
                }
            }
            try writeColumn(column, field: field, documentCount: documentCount, to: file)
        }
        return try file.finish()
    }

    /// How many values the live documents have in `field`'s column over `readers`.
    private static func liveValues(of field: UInt8, _ kind: ColumnKind, in readers: [ColumnsReader], maps: [[Int32]]) -> Int {
        var count = 0
        for (reader, map) in zip(readers, maps) {
            if kind == .numeric, let source = reader.numeric(field) {
                for doc in map.indices where map[doc] >= 0 { source.forEach(doc) { _ in count += 1 } }
            } else if kind == .keyword, let source = reader.keyword(field) {
                for doc in map.indices where map[doc] >= 0 { source.forEach(doc) { _ in count += 1 } }
            }
        }
        return count
    }
}
