import Dispatch

/// The serial executor of an `IndexWriter`: a dispatch queue of its own, so that the writer's
/// long, blocking work (reading files, writing and syncing segments, merging) never holds a
/// thread of Swift's cooperative pool, which async code elsewhere in the process (a server's
/// requests) runs on.
final class WriterExecutor: SerialExecutor {
    private let queue = DispatchQueue(label: "quarry.index-writer")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
