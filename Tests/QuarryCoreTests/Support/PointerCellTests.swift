import Testing
@testable import QuarryCore

/// `PointerCell`: mutation in place through a `let`, and exactly one destruction of its value.
@Suite struct PointerCellTests {
    /// Counts the destructions of the `Tracked` values that share it.
    final class Destructions {
        var count = 0
    }

    /// A noncopyable value that records its destruction.
    struct Tracked: ~Copyable {
        let destructions: Destructions
        var items: [Int] = []

        deinit { destructions.count += 1 }
    }

    /// A class holding its state in a `let` cell, as the hot-path classes do.
    final class Holder {
        let state: PointerCell<Tracked>

        init(_ destructions: Destructions) {
            state = PointerCell(Tracked(destructions: destructions))
        }

        func add(_ value: Int) { state.value.items.append(value) }
    }

    @Test func mutatesInPlaceThroughALet() {
        let destructions = Destructions()
        let holder = Holder(destructions)
        for value in 0..<1000 { holder.add(value) }
        #expect(holder.state.value.items == Array(0..<1000))
        #expect(destructions.count == 0, "the value was destroyed while held")
    }

    @Test func destroysItsValueOnce() {
        let destructions = Destructions()
        do {
            let holder = Holder(destructions)
            holder.add(1)
        }
        #expect(destructions.count == 1)
        do {
            let cell = PointerCell<Tracked?>(nil)
            cell.value = Tracked(destructions: destructions)
            cell.value = Tracked(destructions: destructions)
            #expect(destructions.count == 2, "replacing the value destroys the old one")
        }
        #expect(destructions.count == 3)
    }

    /// `GrowableBuffer` in a cell keeps its elements across growth (the positions and the
    /// indexer's buffers live this way), from no capacity (nothing allocated) or some.
    @Test(arguments: [0, 1, 16])
    func growableBufferInACell(capacity: Int) {
        let cell = PointerCell(GrowableBuffer<Int>(capacity: capacity))
        #expect(cell.value.isEmpty && cell.value.elements.isEmpty)
        for value in 0..<5000 { cell.value.append(value * 3) }
        #expect(cell.value.count == 5000)
        #expect(Array(cell.value.elements) == (0..<5000).map { $0 * 3 })
        var other = GrowableBuffer<Int>(capacity: capacity)
        other.append(contentsOf: cell.value.elements)
        #expect(Array(other.elements) == Array(cell.value.elements))
    }
}
