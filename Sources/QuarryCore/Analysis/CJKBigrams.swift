/// Han text as overlapping character bigrams, as Lucene's CJK analysis indexes it: a run of
/// ideographic segments that touch (北京 工作 → the run 北京工作) becomes 北京, 京工, 工作; a lone
/// character stays a unigram. Dictionary segmentation varies with context (a name, a rare
/// compound), bigrams do not, so a query and a document agree on their terms; measured on
/// XQuAD Chinese (BENCHMARKS.md). It depends on the script, not the language, so documents and
/// queries of any language setting are treated alike.
enum CJKBigrams {
    /// `segments` with each ideographic run replaced by its bigrams; byte ranges in `text`.
    static func expand(_ segments: [ICUWordSegmenter.Segment], in text: UnsafePointer<UInt8>, into ranges: inout [Range<Int>]) {
        var i = 0
        while i < segments.count {
            guard segments[i].isIdeographic else {
                ranges.append(segments[i].range)
                i += 1
                continue
            }
            var end = i + 1
            while end < segments.count, segments[end].isIdeographic, segments[end].range.lowerBound == segments[end - 1].range.upperBound {
                end += 1
            }
            // Character boundaries of the run: each code point starts one, except those that
            // attach to the one before.
            var starts: [Int] = []
            var position = segments[i].range.lowerBound
            let limit = segments[end - 1].range.upperBound
            while position < limit {
                var next = position + 1
                while next < limit, text[next] & 0xC0 == 0x80 { next += 1 }
                if starts.isEmpty || !attaches(scalar(text, position, next)) { starts.append(position) }
                position = next
            }
            starts.append(limit)
            if starts.count <= 2 {
                ranges.append(starts[0]..<limit)
            } else {
                for c in 0..<(starts.count - 2) { ranges.append(starts[c]..<starts[c + 2]) }
            }
            i = end
        }
    }

    /// The code point encoded in `text[start..<end]`.
    private static func scalar(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        let lead = UInt32(text[start])
        switch end - start {
        case 1: return lead
        case 2: return (lead & 0x1F) << 6 | UInt32(text[start + 1] & 0x3F)
        case 3: return (lead & 0x0F) << 12 | UInt32(text[start + 1] & 0x3F) << 6 | UInt32(text[start + 2] & 0x3F)
        default: return (lead & 0x07) << 18 | UInt32(text[start + 1] & 0x3F) << 12 | UInt32(text[start + 2] & 0x3F) << 6 | UInt32(text[start + 3] & 0x3F)
        }
    }

    /// Code points that belong to the character before them: marks, format characters (joiners,
    /// soft hyphens) and variation selectors.
    private static func attaches(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return scalar.properties.isVariationSelector
        }
    }
}
