/// Keeps the k best (score, document) pairs seen: higher scores first, and between equal scores
/// the lower document number, so results never change between runs. A binary heap whose root is
/// the worst pair kept.
struct TopKCollector {
    struct Entry: Equatable {
        var score: Double
        var doc: Int
    }

    let k: Int
    private(set) var heap: [Entry] = []

    init(k: Int) {
        self.k = max(0, k)
        heap.reserveCapacity(min(self.k, 1 << 16))
    }

    /// `a` ranks below `b`.
    @inline(__always)
    private static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score < b.score || (a.score == b.score && a.doc > b.doc)
    }

    var isFull: Bool { heap.count >= k }

    /// The score a new document must beat to enter (documents come in increasing order, so an
    /// equal score never displaces a kept one); -infinity until k are kept.
    var threshold: Double { heap.count >= k && k > 0 ? heap[0].score : -.infinity }

    /// Offers a document; documents must come in increasing order of `doc`.
    @inline(__always)
    mutating func collect(_ doc: Int, score: Double) {
        guard k > 0 else { return }
        let entry = Entry(score: score, doc: doc)
        if heap.count < k {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if Self.worse(heap[0], entry) {
            heap[0] = entry
            siftDown(0)
        }
    }

    /// The kept pairs, best first.
    func sorted() -> [Entry] {
        heap.sorted { Self.worse($1, $0) }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.worse(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, Self.worse(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard Self.worse(heap[smallest], heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
