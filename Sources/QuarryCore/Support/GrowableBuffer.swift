/// A growable array of plain values in manually managed memory, for hot loops: no copy-on-write
/// checks, no exclusivity checks inside a struct's mutating methods, no bounds checks in release.
/// Noncopyable, so exactly one owner frees it.
struct GrowableBuffer<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private(set) var count = 0

    /// An empty buffer with room for `capacity` elements; with 0 it allocates nothing until the
    /// first append (for buffers that many owners never use).
    init(capacity: Int = 16) {
        self.capacity = max(capacity, 0)
        // With no capacity, `base` is never read or written: any aligned non-null address does.
        base = capacity > 0 ? .allocate(capacity: capacity) : UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }

    deinit { if capacity > 0 { base.deallocate() } }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    var isEmpty: Bool { count == 0 }

    /// Bytes allocated.
    var memoryBytes: Int { capacity * MemoryLayout<Element>.stride }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = value
        count += 1
    }

    mutating func append(contentsOf buffer: UnsafeBufferPointer<Element>) {
        if count + buffer.count > capacity { grow(to: count + buffer.count) }
        if let source = buffer.baseAddress { (base + count).update(from: source, count: buffer.count) }
        count += buffer.count
    }

    mutating func removeAll() { count = 0 }

    /// Keeps the first `newCount` elements (the capacity stays).
    mutating func shrink(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "shrink to \(newCount) of \(count)")
        count = newCount
    }

    /// Counts `n` more elements as present: ones written directly into reserved capacity.
    mutating func advance(by n: Int) {
        assert(count + n <= capacity)
        count += n
    }

    /// Makes room for at least `minimum` elements, doubling.
    mutating func grow(to minimum: Int) {
        var newCapacity = max(capacity * 2, 1)
        while newCapacity < minimum { newCapacity *= 2 }
        reallocate(capacity: newCapacity)
    }

    /// Makes room for exactly `count` elements when there is less (for a size known ahead).
    mutating func reserve(exactly count: Int) {
        if count > capacity { reallocate(capacity: count) }
    }

    private mutating func reallocate(capacity newCapacity: Int) {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if capacity > 0 {
            grown.update(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }

    /// The elements as a buffer pointer, valid until the next mutation.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
