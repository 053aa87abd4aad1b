/// A passage of a document's text around its best matches, with the matches marked.
public struct Snippet: Sendable, Equatable {
    /// The passage.
    public var text: String
    /// The matches, as UTF-8 byte ranges of `text`, in order, not overlapping.
    public var highlights: [Range<Int>]

    /// `text` with each highlight wrapped in `open` and `close` (ANSI bold, `**`, `<b>` ...).
    public func marked(open: String, close: String) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var position = 0
        for range in highlights {
            out += String(decoding: bytes[position..<range.lowerBound], as: UTF8.self)
            out += open + String(decoding: bytes[range], as: UTF8.self) + close
            position = range.upperBound
        }
        out += String(decoding: bytes[position...], as: UTF8.self)
        return out
    }
}

/// Chooses snippets: the text is analyzed as the query was, tokens whose term the query has (or
/// that run through one of its phrases) are matches, and the window of `windowTokens` tokens with
/// the most distinct matched terms (then the most matches) is shown.
///
/// Only the first `maximumAnalyzedBytes` of a text are analyzed (cut at a space), as Lucene's
/// highlighter stops at 50 KB: a book's snippet comes from its start, and costs no more than an
/// article's. Matching compares the analyzer's term ids, so no token becomes a `String`.
struct SnippetBuilder {
    let windowTokens = 30
    let maximumBytes = 320
    let maximumAnalyzedBytes = 65_536

    func snippet(_ text: String, analyzer: Analyzer, terms: Set<String>, phrases: [[String]]) -> Snippet {
        var text = text
        return text.withUTF8 { bytes in
            var tokens = TokenBuffer()
            analyzer.analyze(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<analyzedLength(bytes)])), into: &tokens)
            // Each query term's slot (0..<terms.count), by the analyzer's id for it.
            var slots: [Int32: Int32] = [:]
            for term in terms { slots[analyzer.termID(term)] = Int32(slots.count) }
            let phraseIDs = phrases.filter { !$0.isEmpty }.map { $0.map(analyzer.termID) }
            return snippet(bytes, tokens.all, slots: slots, termCount: terms.count, phrases: phraseIDs)
        }
    }

    /// The part of `text` a snippet is looked for in: all of it, or up to the last space before
    /// `maximumAnalyzedBytes`.
    func analyzedPrefix(of text: String) -> String {
        var text = text
        let length = text.withUTF8 { analyzedLength($0) }
        guard length < text.utf8.count else { return text }
        return String(decoding: text.utf8.prefix(length), as: UTF8.self)
    }

    /// The bytes to analyze: all of them, or up to the last space before the cap.
    private func analyzedLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count > maximumAnalyzedBytes else { return bytes.count }
        var end = maximumAnalyzedBytes
        while end > 0, bytes[end] != 0x20 { end -= 1 }
        if end == 0 {
            end = maximumAnalyzedBytes
            while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return end
    }

    private func snippet(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<TokenBuffer.Entry>,
                         slots: [Int32: Int32], termCount: Int, phrases: [[Int32]]) -> Snippet {
        // Each token's term slot, or -1: single-term matches.
        let slot = tokens.map { slots[$0.term] ?? -1 }
        // Whole phrase occurrences (consecutive positions), as token ranges.
        var spans: [Range<Int>] = []
        for phrase in phrases {
            var i = 0
            while i + phrase.count <= tokens.count {
                var all = true
                for j in 0..<phrase.count where tokens[i + j].term != phrase[j] || tokens[i + j].position != tokens[i].position + Int32(j) {
                    all = false
                    break
                }
                if all {
                    spans.append(i..<(i + phrase.count))
                    i += phrase.count
                } else {
                    i += 1
                }
            }
        }
        let bestStart = bestWindow(slot: slot, spans: spans, termCount: termCount)
        // The window's bytes, widened a little to the left for context and capped in length.
        var startByte = tokens.isEmpty ? 0 : Int(tokens[bestStart].start)
        if bestStart > 0 { startByte = Int(tokens[max(0, bestStart - 3)].start) }
        let lastToken = tokens.isEmpty ? -1 : min(tokens.count, bestStart + windowTokens) - 1
        var endByte = lastToken >= 0 ? Int(tokens[lastToken].end) : min(bytes.count, maximumBytes)
        endByte = min(endByte, startByte + maximumBytes)
        while endByte < bytes.count, endByte > startByte, bytes[endByte] & 0xC0 == 0x80 { endByte -= 1 }
        let prefix = startByte > 0 ? "… " : ""
        let suffix = endByte < bytes.count ? " …" : ""
        // Line breaks become spaces, byte for byte, so offsets hold.
        let body = String(decoding: bytes[startByte..<endByte].map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self)
        let shift = prefix.utf8.count - startByte
        // Highlights: phrase spans as one range, other matched tokens on their own.
        var ranges: [Range<Int>] = []
        var covered = [Bool](repeating: false, count: tokens.count)
        for span in spans {
            let range = Int(tokens[span.lowerBound].start)..<Int(tokens[span.upperBound - 1].end)
            if range.lowerBound >= startByte && range.upperBound <= endByte {
                ranges.append((range.lowerBound + shift)..<(range.upperBound + shift))
                for i in span { covered[i] = true }
            }
        }
        for (i, token) in tokens.enumerated() where slot[i] >= 0 && !covered[i] {
            if Int(token.start) >= startByte && Int(token.end) <= endByte {
                ranges.append((Int(token.start) + shift)..<(Int(token.end) + shift))
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        return Snippet(text: prefix + body + suffix, highlights: ranges)
    }

    /// The first window start (token 0, a matched token or a phrase's first token) with the
    /// most distinct matched terms plus two per whole phrase inside, then the most matches.
    private func bestWindow(slot: [Int32], spans: [Range<Int>], termCount: Int) -> Int {
        guard !slot.isEmpty else { return 0 }
        var isStart = slot.map { $0 >= 0 }
        for span in spans { isStart[span.lowerBound] = true }
        // seen[s] == the window start when term slot s was counted for it: no clearing between windows.
        var seen = [Int](repeating: -1, count: termCount)
        var best = (start: 0, score: (-1, -1))
        for start in 0..<slot.count where start == 0 || isStart[start] {
            let end = min(slot.count, start + windowTokens)
            var distinct = 0
            var count = 0
            for i in start..<end where slot[i] >= 0 {
                count += 1
                if seen[Int(slot[i])] != start {
                    seen[Int(slot[i])] = start
                    distinct += 1
                }
            }
            let phraseHits = spans.isEmpty ? 0 : spans.filter { $0.lowerBound >= start && $0.upperBound <= end }.count
            let score = (distinct + 2 * phraseHits, count)
            if score > best.score { best = (start, score) }
        }
        return best.start
    }
}
