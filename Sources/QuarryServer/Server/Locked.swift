import Foundation

/// A value shared between requests behind an `NSLock`: a pthread mutex, which ThreadSanitizer
/// understands. (`Synchronization.Mutex` hands a contended lock over through the kernel's futex,
/// which TSan cannot see: it reported the snapshot's swap in `IndexService` as a race.) The core
/// has its own, internal to it; the server sees only its public API.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` on the value, holding the lock.
    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
