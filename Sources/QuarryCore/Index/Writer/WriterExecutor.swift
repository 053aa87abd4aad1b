import Foundation

/// The serial executor of an `IndexWriter`: a thread of its own, so that the writer's long,
/// blocking work (reading files, writing and syncing segments, merging) never holds a thread of
/// Swift's cooperative pool, which async code elsewhere in the process (a server's requests)
/// runs on. It is a plain thread rather than a dispatch queue so that a process whose async
/// code runs on a task executor of its own (the command-line tools) starts no dispatch worker
/// thread: valgrind cannot follow those.
final class WriterExecutor: SerialExecutor {
    private let jobs = BlockingQueue<UnownedJob>(capacity: .max)

    init() {
        // The thread holds the executor until `stop()`.
        let thread = Thread { [self] in
            while let job = jobs.pop() { job.runSynchronously(on: asUnownedSerialExecutor()) }
        }
        thread.name = "quarry.index-writer"
        thread.stackSize = 8 << 20
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        jobs.push(UnownedJob(job))
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Ends the thread once the jobs enqueued so far have run; called when the writer goes.
    func stop() {
        jobs.close()
    }
}
