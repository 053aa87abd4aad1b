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
struct SnippetBuilder {
    let windowTokens = 30
    let maximumBytes = 320

    func snippet(_ text: String, tokens: [Token], terms: Set<String>, phrases: [[String]]) -> Snippet {
        let bytes = Array(text.utf8)
        // Matched tokens: single terms, and whole phrase occurrences (consecutive positions).
        var matched = [Bool](repeating: false, count: tokens.count)
        for (i, token) in tokens.enumerated() where terms.contains(token.term) { matched[i] = true }
        var spans: [Range<Int>] = []
        for phrase in phrases where !phrase.isEmpty {
            var i = 0
            while i + phrase.count <= tokens.count {
                var all = true
                for j in 0..<phrase.count where tokens[i + j].term != phrase[j] || tokens[i + j].position != tokens[i].position + j {
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
        // The best window, starting at a match (a term or a phrase's first word).
        var starts = [Bool](repeating: false, count: tokens.count)
        for (i, isMatch) in matched.enumerated() where isMatch { starts[i] = true }
        for span in spans { starts[span.lowerBound] = true }
        var bestStart = 0
        var bestScore = (-1, -1)
        if tokens.count > 0 {
            for start in 0..<tokens.count where start == 0 || starts[start] {
                let end = min(tokens.count, start + windowTokens)
                var distinct = Set<String>()
                var count = 0
                for i in start..<end where matched[i] {
                    distinct.insert(tokens[i].term)
                    count += 1
                }
                let phraseHits = spans.filter { $0.lowerBound >= start && $0.upperBound <= end }.count
                let score = (distinct.count + 2 * phraseHits, count)
                if score > bestScore {
                    bestScore = score
                    bestStart = start
                }
            }
        }
        // The window's bytes, widened a little to the left for context and capped in length.
        var startByte = tokens.isEmpty ? 0 : tokens[bestStart].start
        if bestStart > 0 {
            let back = max(0, bestStart - 3)
            startByte = tokens[back].start
        }
        let lastToken = tokens.isEmpty ? -1 : min(tokens.count, bestStart + windowTokens) - 1
        var endByte = lastToken >= 0 ? tokens[lastToken].end : min(bytes.count, maximumBytes)
        endByte = min(endByte, startByte + maximumBytes)
        while endByte < bytes.count, endByte > startByte, bytes[endByte] & 0xC0 == 0x80 { endByte -= 1 }
        let prefix = startByte > 0 ? "… " : ""
        let suffix = endByte < bytes.count ? " …" : ""
        // Line breaks become spaces, byte for byte, so offsets hold.
        let body = String(decoding: bytes[startByte..<endByte].map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self)
        let shift = prefix.utf8.count - startByte
        // Highlights: phrase spans as one range, other matched tokens on their own.
        var ranges: [Range<Int>] = []
        var covered = Set<Int>()
        for span in spans {
            let range = tokens[span.lowerBound].start..<tokens[span.upperBound - 1].end
            if range.lowerBound >= startByte && range.upperBound <= endByte {
                ranges.append((range.lowerBound + shift)..<(range.upperBound + shift))
                for i in span { covered.insert(i) }
            }
        }
        for (i, token) in tokens.enumerated() where matched[i] && !covered.contains(i) {
            if token.start >= startByte && token.end <= endByte { ranges.append((token.start + shift)..<(token.end + shift)) }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        return Snippet(text: prefix + body + suffix, highlights: ranges)
    }
}
