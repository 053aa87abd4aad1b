/// The order in which a segment's documents were read, for "the last one read wins" among the
/// segments one add builds: runs of consecutive read numbers, each kept as its first document
/// and that document's number. A worker takes documents in batches, so a segment holds a run
/// per batch at most, not a number per document.
struct ReadOrder: Sendable {
    private var firstDocuments: [Int32] = []
    private var firstSequences: [Int] = []
    /// The documents numbered so far.
    private(set) var count = 0

    /// Numbers the next document: it was read `sequence`-th.
    mutating func append(_ sequence: Int) {
        if let document = firstDocuments.last, let first = firstSequences.last, first + (count - Int(document)) == sequence {
            count += 1
            return
        }
        firstDocuments.append(Int32(count))
        firstSequences.append(sequence)
        count += 1
    }

    /// When document `doc` was read.
    func sequence(of doc: Int) -> Int {
        precondition(doc >= 0 && doc < count, "document \(doc) of \(count)")
        var low = 0
        var high = firstDocuments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(firstDocuments[middle]) <= doc { low = middle } else { high = middle - 1 }
        }
        return firstSequences[low] + (doc - Int(firstDocuments[low]))
    }

    /// Bytes held, for the writer's memory budget.
    var memoryBytes: Int { firstDocuments.capacity * 4 + firstSequences.capacity * 8 }
}
