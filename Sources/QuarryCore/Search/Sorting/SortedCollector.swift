/// Keeps the k first documents in a sort order: by key (ascending, or descending), documents
/// without a key last, then by score (higher first), then by document. A binary heap whose root
/// is the last kept.
struct SortedCollector {
    struct Entry {
        /// The sort key (a column value), nil when the document has none.
        var key: Int64?
        var score: Double
        var doc: Int
    }

    let k: Int
    let descending: Bool
    private(set) var heap: [Entry] = []

    init(k: Int, descending: Bool) {
        self.k = max(0, k)
        self.descending = descending
        heap.reserveCapacity(min(self.k, 1 << 16))
    }

    /// `a` comes after `b`.
    @inline(__always)
    private func after(_ a: Entry, _ b: Entry) -> Bool {
        switch (a.key, b.key) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let x), .some(let y)) where x != y: return descending ? x < y : x > y
        default: return a.score < b.score || (a.score == b.score && a.doc > b.doc)
        }
    }

    @inline(__always)
    mutating func collect(_ doc: Int, key: Int64?, score: Double) {
        guard k > 0 else { return }
        let entry = Entry(key: key, score: score, doc: doc)
        if heap.count < k {
            heap.append(entry)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard after(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if after(heap[0], entry) {
            heap[0] = entry
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                var last = left
                if left + 1 < heap.count, after(heap[left + 1], heap[left]) { last = left + 1 }
                guard after(heap[last], heap[parent]) else { break }
                heap.swapAt(last, parent)
                parent = last
            }
        }
    }

    /// The kept documents, first first.
    func sorted() -> [Entry] { heap.sorted { after($1, $0) } }
}
