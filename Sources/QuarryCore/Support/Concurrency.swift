import Foundation

/// A bounded first-in first-out queue between threads: `push` waits while it is full, `pop`
/// waits while it is empty and returns nil once it is closed and drained.
final class BlockingQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private var closed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds an element; false (and the element dropped) when the queue was closed.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !closed { condition.wait() }
        guard items.count > head else { return nil }
        let element = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }

    /// No more pushes; poppers drain what is left.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Starts `body(i)` for i in 0..<count, each on its own thread; wait on the group for them all.
///
/// Each thread lets go of `body` before it leaves the group: a `Thread` keeps its closure until
/// it has exited, so otherwise what `body` captures (a writer, and the index's lock with it)
/// could outlive the wait by a moment, and a writer opened right after would be refused.
func startThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) -> DispatchGroup {
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        let work = ThreadWork(body)
        let thread = Thread {
            work.run(i)
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    return group
}

/// One thread's reference to the work of `startThreads`, dropped once it has run.
private final class ThreadWork: @unchecked Sendable {
    private var body: (@Sendable (Int) -> Void)?

    init(_ body: @escaping @Sendable (Int) -> Void) {
        self.body = body
    }

    /// Runs the work once and forgets it (only the thread that owns this calls it).
    func run(_ i: Int) {
        guard let body else { return }
        self.body = nil
        body(i)
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
