/// One text field's terms with their document counts, in byte order: an index's over its
/// segments, or a shard set's summed over its shards (`ScoringStatistics`).
///
/// A body term also counts the documents holding it in their title but not in their body
/// (`titleOnly`), so that the documents holding it in either field are `documents + titleOnly`
/// (what BM25F's idf counts). The body table has an entry of 0 documents for a term found only
/// in titles, so that this sum is a plain sum over shards. The terms' bytes are one buffer.
struct TermCountTable: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    /// Where each term ends in `bytes` (term `i` starts where `i - 1` ends).
    private(set) var ends: [Int] = []
    private(set) var documents: [Int] = []
    private(set) var titleOnly: [Int] = []

    var count: Int { ends.count }

    /// Term `i`'s bytes.
    func term(_ i: Int) -> ArraySlice<UInt8> { bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }

    /// Adds a term after every term already in (the caller keeps the order).
    mutating func append(_ term: some Collection<UInt8>, documents: Int, titleOnly: Int) {
        bytes.append(contentsOf: term)
        ends.append(bytes.count)
        self.documents.append(documents)
        self.titleOnly.append(titleOnly)
    }

    /// The first term at or after `key` (`count` when none).
    func lowerBound(_ key: some Collection<UInt8>) -> Int {
        withBytes(of: key) { lowerBound($0) }
    }

    /// The position of `key`, or nil.
    func position(of key: some Collection<UInt8>) -> Int? {
        withBytes(of: key) { key in
            let found = lowerBound(key)
            guard found < count else { return nil }
            return bytes.withUnsafeBytes { all in
                ByteComparison.order(termBytes(found, in: all), key) == 0 ? found : nil
            }
        }
    }

    /// A binary search over the terms' bytes, compared with `memcmp`.
    private func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        bytes.withUnsafeBytes { all in
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                if ByteComparison.order(termBytes(middle, in: all), key) < 0 { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// Term `i`'s bytes within `all` (the table's `bytes`).
    @inline(__always)
    private func termBytes(_ i: Int, in all: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: all[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
    }

    /// `body` with `key`'s bytes, copied only when they are not contiguous already.
    private func withBytes<Result>(of key: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = key.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        return Array(key).withUnsafeBytes(body)
    }

    /// The first term after every term starting with `prefix` (`count` when none).
    func end(ofPrefix prefix: some Collection<UInt8>) -> Int {
        var bound = Array(prefix)
        while bound.last == 0xFF { bound.removeLast() }
        guard !bound.isEmpty else { return count }
        bound[bound.count - 1] += 1
        return lowerBound(bound)
    }

    /// Whether every term comes after the one before it.
    var isSorted: Bool {
        (1..<max(count, 1)).allSatisfy { term($0 - 1).lexicographicallyPrecedes(term($0)) }
    }

    /// The tables' terms, each once, with its counts summed over the tables.
    static func summing(_ tables: [TermCountTable]) -> TermCountTable {
        var sum = TermCountTable()
        var next = [Int](repeating: 0, count: tables.count)
        while true {
            var smallest: Int?
            for t in tables.indices where next[t] < tables[t].count {
                if let s = smallest, !tables[t].term(next[t]).lexicographicallyPrecedes(tables[s].term(next[s])) { continue }
                smallest = t
            }
            guard let s = smallest else { return sum }
            let term = tables[s].term(next[s])
            var documents = 0
            var titleOnly = 0
            for t in tables.indices where next[t] < tables[t].count && tables[t].term(next[t]).elementsEqual(term) {
                documents += tables[t].documents[next[t]]
                titleOnly += tables[t].titleOnly[next[t]]
                next[t] += 1
            }
            sum.append(term, documents: documents, titleOnly: titleOnly)
        }
    }
}
