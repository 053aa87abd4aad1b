/// Control characters (Unicode category Cc: the C0 set such as tab, newline and ESC, DEL, and
/// the C1 set) in input text. Document ids with one are refused at ingest: they would break the
/// whitespace-separated lines of TREC runs and id lists. Text shown on a terminal has them
/// made visible (`forDisplay`), so a document cannot send escape sequences to it.
public enum ControlCharacters {
    /// The first control character of `text`, or nil when it has none.
    public static func first(in text: String) -> Unicode.Scalar? {
        var text = text
        let found = text.withUTF8 { bytes -> Bool in
            bytes.indices.contains { byteCount(of: bytes, at: $0) > 0 }
        }
        guard found else { return nil }
        return text.unicodeScalars.first(where: isControl)
    }

    /// The UTF-8 length of the control character at byte `i` of `bytes`: 1 for C0 and DEL, 2
    /// for C1 (U+0080 to U+009F, 0xC2 0x80...0x9F in UTF-8), 0 when there is none there.
    public static func byteCount(of bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let byte = bytes[i]
        if byte < 0x20 || byte == 0x7F { return 1 }
        return byte == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]) ? 2 : 0
    }

    /// Whether `scalar` is a control character.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `scalar` as Swift writes it in a string literal: `\u{1B}`.
    public static func notation(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// `text` for a terminal line: tabs, newlines and carriage returns become spaces, other
    /// control characters their `notation`; the text itself when it has none.
    public static func forDisplay(_ text: String) -> String {
        guard first(in: text) != nil else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t", "\n", "\r": out.append(" ")
            case _ where isControl(scalar): out.append(contentsOf: notation(scalar).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
