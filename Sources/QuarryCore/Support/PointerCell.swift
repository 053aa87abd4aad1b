/// A value kept in memory of its own, reached through a pointer: how a class holds state its hot
/// loops borrow and mutate.
///
/// A class's stored `var` is checked for exclusivity at run time on every access the compiler
/// cannot prove is alone (`swift_beginAccess` / `swift_endAccess`: dozens of instructions each),
/// and a mutating call on a noncopyable `var` of a class (a `GrowableBuffer`, a `ByteStream`) is
/// such an access. Held in a `let` cell instead, the value is reached through a pointer, which
/// Swift does not check: `cell.value.append(x)` costs what it would cost on a local variable.
/// The price is the checks' protection: code must not hand `cell.value` inout to a function that
/// reaches the same cell again (nothing in the project does; a debug build would not catch it).
///
/// Noncopyable, so exactly one owner frees the value and its memory.
struct PointerCell<Value: ~Copyable>: ~Copyable {
    private let pointer: UnsafeMutablePointer<Value>

    init(_ value: consuming Value) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }

    /// The value, borrowed or mutated in place; `nonmutating`, so a `let` cell (and a class's
    /// `let` property) gives mutable access.
    var value: Value {
        @inline(__always) unsafeAddress { UnsafePointer(pointer) }
        @inline(__always) nonmutating unsafeMutableAddress { pointer }
    }
}
