/// JSON's string escapes (RFC 8259 §7): read by the document and schema file parsers, written
/// by everything that writes JSON (the command-line tools, shard runs).
public enum JSONEscape {
    /// The byte `\X` stands for, for `X` one of `" \ / b f n r t`; nil for any other (`u` has
    /// its own four hex digits).
    @inline(__always)
    static func byte(for escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return escape
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    /// `value` quoted, with the escapes JSON needs (and control characters, C1 included, as
    /// `\u00XX`), appended to `out`; the UTF-8 runs between escapes are copied whole (a
    /// search's answer carries pages of text).
    public static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var run = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                let control = ControlCharacters.byteCount(of: bytes, at: i)
                guard control > 0 || byte == 0x22 || byte == 0x5C else {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                switch byte {
                case 0x22: out.append(contentsOf: #"\""#.utf8)
                case 0x5C: out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                default: appendUnicodeEscape(control == 2 ? bytes[i + 1] : byte, to: &out)
                }
                i += max(control, 1)
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `value` quoted as a JSON string (`appendQuoted`).
    public static func quoted(_ value: String) -> String {
        var out: [UInt8] = []
        appendQuoted(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `\u00XX` for a code point below U+0100.
    private static func appendUnicodeEscape(_ value: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: #"\u00"#.utf8)
        out.append(hexDigits[Int(value >> 4)])
        out.append(hexDigits[Int(value & 0xF)])
    }
}
