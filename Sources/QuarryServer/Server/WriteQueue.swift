/// Runs operations one at a time, in the order they were given, each to its end even when the
/// task that gave it is cancelled.
actor WriteQueue {
    private var last: Task<Void, Never>?

    /// Runs `operation` after every operation given before it; returns or throws what it does.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = last
        let task = Task {
            await previous?.value
            return try await operation()
        }
        last = Task { _ = try? await task.value }
        return try await task.value
    }
}
