import CQuarry

/// ICU's word break iterator (UAX #29 rules plus ICU's dictionaries for Chinese, Japanese, Thai,
/// Khmer, Lao and Burmese) over UTF-8 text, reporting only the word-like segments: letters,
/// numbers, kana and ideographs. Spaces, punctuation, symbols and emoji are skipped.
///
/// One per thread: it holds ICU state.
final class ICUWordSegmenter {
    private let handle: OpaquePointer
    private let batch: UnsafeMutablePointer<cq_segment>
    private static let batchCapacity: Int32 = 256

    init(locale: String = "") throws(AnalysisError) {
        var message = [CChar](repeating: 0, count: 256)
        guard let handle = cq_segmenter_open(locale, &message, Int32(message.count)) else {
            throw .icu(message: message)
        }
        self.handle = handle
        batch = .allocate(capacity: Int(Self.batchCapacity))
    }

    deinit {
        cq_segmenter_close(handle)
        batch.deallocate()
    }

    /// A word-like segment: its byte range, and whether ICU classed it as ideographic (Han).
    struct Segment {
        var range: Range<Int>
        var isIdeographic: Bool
    }

    /// Appends the word-like segments of `text` (valid UTF-8), byte ranges relative to its start.
    func segment(_ text: UnsafeRawBufferPointer, into segments: inout [Segment]) {
        guard let base = text.baseAddress, text.count > 0 else { return }
        guard cq_segmenter_set_text(handle, base.assumingMemoryBound(to: UInt8.self), Int32(text.count)) == 0 else { return }
        while true {
            let n = Int(cq_segmenter_next_words(handle, batch, Self.batchCapacity))
            if n == 0 { return }
            for i in 0..<n {
                let status = batch[i].status
                segments.append(Segment(range: Int(batch[i].start)..<Int(batch[i].end),
                                        isIdeographic: status >= Int32(CQ_WORD_KANA_LIMIT) && status < Int32(CQ_WORD_IDEO_LIMIT)))
            }
        }
    }
}
