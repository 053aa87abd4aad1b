/// Progress of a merge, reported a few times a second by ``IndexWriter/merge(maximumSegments:progress:)``.
///
/// The work is counted in units: one per document of the merged segments (copying its stored
/// fields, id and lengths, deleted ones included) and one per posting of every field's terms
/// (re-encoding it), so `completed` reaches `total` when the merge ends.
public struct MergeProgress: Sendable {
    /// Units of work done so far.
    public var completed: Int
    /// Units of work of the whole merge.
    public var total: Int
    /// Segments being merged into one.
    public var segments: Int
    /// Seconds since the merge began.
    public var elapsed: Double

    /// `completed` over `total`, from 0 to 1.
    public var fractionCompleted: Double { total > 0 ? Double(completed) / Double(total) : 1 }
}

/// Counts a merge's work, reports it to a callback at most five times a second, and asks
/// whether to stop (the calling task's cancellation) at the same points.
struct MergeTracker {
    private let report: (@Sendable (MergeProgress) -> Void)?
    private let isCancelled: () -> Bool
    private let start = ContinuousClock.now
    private var lastReport = ContinuousClock.now
    private var progress: MergeProgress
    private var nextCheck = 0

    /// Units between two looks at the clock and the cancellation.
    private static let checkInterval = 1 << 16

    init(report: (@Sendable (MergeProgress) -> Void)? = nil, isCancelled: @escaping () -> Bool = { false }) {
        self.report = report
        self.isCancelled = isCancelled
        progress = MergeProgress(completed: 0, total: 0, segments: 0, elapsed: 0)
    }

    /// Starts counting a merge of `readers`.
    mutating func begin(_ readers: [SegmentReader], fields: [Field]) throws(IndexError) {
        var total = 0
        for reader in readers {
            total += reader.documentCount
            for field in fields { total += reader.terms.statistics(field).sumDocFreq }
        }
        progress = MergeProgress(completed: 0, total: total, segments: readers.count, elapsed: 0)
        nextCheck = 0
        try advance(by: 0)
    }

    /// Counts `units` more done; throws `IndexError.cancelled` when the task was cancelled.
    mutating func advance(by units: Int) throws(IndexError) {
        progress.completed += units
        guard progress.completed >= nextCheck else { return }
        nextCheck = progress.completed + Self.checkInterval
        if isCancelled() { throw .cancelled }
        if let report, ContinuousClock.now - lastReport > .milliseconds(200) || progress.completed == 0 {
            lastReport = ContinuousClock.now
            report(reportable)
        }
    }

    /// Reports the end (all units done).
    func finish() {
        report?(reportable)
    }

    private var reportable: MergeProgress {
        var progress = progress
        let elapsed = ContinuousClock.now - start
        progress.elapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return progress
    }
}
