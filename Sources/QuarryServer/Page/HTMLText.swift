/// Text made safe for HTML: escaped for element content and quoted attribute values, and a
/// snippet with its matches in `<mark>`.
enum HTMLText {
    /// `text` with `& < > " '` written as character references, so it can stand as an element's
    /// text or inside a double- or single-quoted attribute value and never be read as markup.
    static func escaped(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        appendEscaped(text.utf8, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `snippet` escaped, with each of `highlights` (UTF-8 byte ranges, in order, not
    /// overlapping) wrapped in `<mark>…</mark>`. A range that is empty, out of bounds, before
    /// the end of the previous one, or that starts or ends inside a character is skipped: the
    /// text stays whole and the page never traps on a bad range.
    static func marked(_ snippet: String, highlights: [Range<Int>]) -> String {
        let bytes = Array(snippet.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + highlights.count * 13)
        var written = 0
        for range in highlights {
            guard !range.isEmpty, range.lowerBound >= written, range.upperBound <= bytes.count,
                  startsCharacter(bytes, at: range.lowerBound), startsCharacter(bytes, at: range.upperBound)
            else { continue }
            appendEscaped(bytes[written..<range.lowerBound], to: &output)
            output.append(contentsOf: "<mark>".utf8)
            appendEscaped(bytes[range], to: &output)
            output.append(contentsOf: "</mark>".utf8)
            written = range.upperBound
        }
        appendEscaped(bytes[written...], to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `offset` is a character boundary of the UTF-8 `bytes`: the end, or a byte that
    /// is not a continuation byte (`10xxxxxx`). `offset` is within `0...bytes.count`.
    private static func startsCharacter(_ bytes: [UInt8], at offset: Int) -> Bool {
        offset == bytes.count || bytes[offset] & 0xC0 != 0x80
    }

    /// Appends `bytes` to `output`, each of `& < > " '` as its character reference.
    private static func appendEscaped(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
    }
}
