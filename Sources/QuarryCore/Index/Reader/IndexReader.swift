/// An open index at one commit: its segments, their deletes, and the statistics ranking needs,
/// summed over segments (deleted documents count until a merge removes them, as in Lucene).
///
/// Immutable and `Sendable`: any number of searches can share it. A commit made after it was
/// opened is seen by opening the index again.
final class IndexReader: Sendable {
    let directory: String
    /// The analysis the index was built with; queries use the same.
    let settings: AnalysisSettings
    let manifest: Manifest
    let segments: [SegmentReader]
    /// The first global document number of each segment: global = base + local.
    let documentBases: [Int]
    private let fieldStatistics: [Field: FieldStatistics]
    /// Keeps this commit's files from being removed by a writer while the reader is open.
    private let hold: CommitHold

    /// Opens the index in `directory` at its current commit. With `verifyChecksums`, every file's
    /// checksum is checked first (slower: it reads everything).
    /// A segment of `previous` (a reader of an earlier commit) that the commit still has, with
    /// the same deletes, is reused as it is, not opened again: reopening after a commit costs
    /// what changed.
    convenience init(directory: String, verifyChecksums: Bool = false, reusing previous: IndexReader? = nil) throws(IndexError) {
        let hold = try CommitHold.acquire(directory: directory)
        var reusable: [String: SegmentReader] = [:]
        for segment in previous?.segments ?? [] { reusable[segment.info.name] = segment }
        var segments: [SegmentReader] = []
        for info in hold.manifest.segments {
            if let old = reusable[info.name], old.info == info {
                segments.append(old)
            } else {
                segments.append(try SegmentReader(info: info, directory: directory, verifyChecksums: verifyChecksums))
            }
        }
        self.init(directory: directory, hold: hold, segments: segments)
    }

    /// A reader of the commit `hold` holds, over its segments already open (`segments`, in the
    /// manifest's order).
    init(directory: String, hold: CommitHold, segments: [SegmentReader]) {
        self.directory = directory
        self.hold = hold
        manifest = hold.manifest
        settings = manifest.settings
        var bases: [Int] = []
        var base = 0
        for info in manifest.segments {
            bases.append(base)
            base += info.documentCount
        }
        self.segments = segments
        documentBases = bases
        var statistics: [Field: FieldStatistics] = [:]
        for field in Set(segments.flatMap(\.terms.fields.keys)) {
            var total = FieldStatistics(field: field, termCount: 0, docCount: 0, sumTotalTermFreq: 0, sumDocFreq: 0)
            for segment in segments {
                let stats = segment.terms.statistics(field)
                total.termCount += stats.termCount
                total.docCount += stats.docCount
                total.sumTotalTermFreq += stats.sumTotalTermFreq
                total.sumDocFreq += stats.sumDocFreq
            }
            statistics[field] = total
        }
        fieldStatistics = statistics
    }

    /// The index's fields.
    var schema: Schema { manifest.schema }

    /// Documents in all segments, deleted ones included.
    var documentCount: Int { manifest.documentCount }
    /// Documents not deleted.
    var liveDocumentCount: Int { manifest.liveCount }

    /// Statistics of `field` summed over the segments.
    func statistics(_ field: Field) -> FieldStatistics {
        fieldStatistics[field] ?? FieldStatistics(field: field, termCount: 0, docCount: 0, sumTotalTermFreq: 0, sumDocFreq: 0)
    }

    /// The segment holding global document `doc`, and its local number.
    func locate(_ doc: Int) -> (segment: Int, local: Int) {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if documentBases[middle] <= doc { low = middle } else { high = middle - 1 }
        }
        return (low, doc - documentBases[low])
    }

    /// The id of global document `doc`.
    func id(ofDocument doc: Int) -> String {
        let (segment, local) = locate(doc)
        return segments[segment].ids.id(local)
    }
}
