import Foundation

/// Runs `body` to its end on the calling thread, throwing what it throws.
///
/// The commands are synchronous; their async part (the calls to an `IndexWriter`) runs in a
/// task whose executor is the calling thread, so a command starts no thread of Swift's global
/// concurrent executor. Valgrind (3.19, Debian 12's) cannot follow the dispatch worker threads
/// that executor starts, and callgrind profiles of the commands are how their cost is
/// measured (BENCHMARKS.md).
public func runToCompletion(_ body: sending @escaping () async throws -> Void) throws {
    let executor = CallingThreadExecutor()
    let outcome = Outcome()
    Task(executorPreference: executor) {
        await outcome.run(body)
        executor.finish()
    }
    executor.run()
    if let error = outcome.error { throw error }
}

/// The error of a body, set by its task before it finishes the executor (or signals) and read
/// after the executor's loop ends (or the wait returns): the lock or the semaphore orders the two.
private final class Outcome: @unchecked Sendable {
    private(set) var error: (any Error)?

    /// Runs `body`, keeping its error.
    func run(_ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            self.error = error
        }
    }
}

/// A task executor that runs its jobs on the thread that calls `run()`, until `finish()`.
private final class CallingThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends `run()` once the jobs enqueued so far have run.
    func finish() {
        condition.lock()
        finished = true
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs as they come until `finish()`.
    func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !finished { condition.wait() }
            guard !jobs.isEmpty else {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs `body` on Swift's global concurrent executor, blocking the calling thread until it
/// ends, throwing what it throws: for the server, whose requests run in parallel on every core
/// (`runToCompletion` would run them all on the calling thread).
public func runOnConcurrentExecutor(_ body: sending @escaping () async throws -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    Task {
        await outcome.run(body)
        done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
}
